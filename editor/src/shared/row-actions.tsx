import { useState } from 'react';
import { ApiError } from './http';

/**
 * The actions on the rows of an editable list (delete, switch on or off, make default): each runs,
 * then the list reloads; a refusal leaves one line saying why, cleared by the next action.
 */
export function useRowActions(reload: () => void) {
  const [error, setError] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return { error, act };
}

/** The line an action's refusal leaves above the list (or a form's refusal that names no field). */
export function ActionFailed({ lead, error }: { lead: string; error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {lead} {error}
    </p>
  );
}
