import type { ReactNode } from 'react';
import { fieldError } from './field-error';

/**
 * A form's per-field view of the API's refusal: `invalid(path)` marks the input and points it at
 * its note, `note(path)` is the message under it. `say` may put a field's rule in words a person
 * reads (a schema's pattern says nothing to them).
 */
export function fieldNotes(error: unknown, prefix: string, say?: (path: string, message: string) => string) {
  const message = (path: string) => {
    const found = fieldError(error, path);
    return found && say ? say(path, found) : found;
  };
  const id = (path: string) => `${prefix}-${path.replace(/\//g, '-')}-error`;
  return {
    invalid: (path: string) =>
      message(path) ? { 'aria-invalid': true as const, 'aria-describedby': id(path) } : {},
    note: (path: string) => {
      const m = message(path);
      return m ? (
        <span className="field-error" role="alert" id={id(path)}>
          {m}
        </span>
      ) : null;
    },
  };
}

/** A labelled input with the API's note under it, outside the label so the input's name stays its label. */
export function Field({
  label,
  note,
  className = '',
  children,
}: {
  label: string;
  note: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field ${className}`}>
      <label className="settings-field">
        {label}
        {children}
      </label>
      {note}
    </div>
  );
}
