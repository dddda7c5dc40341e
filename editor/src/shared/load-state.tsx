import type { ReactNode } from 'react';
import type { Loaded } from './use-load';

/** The loading and error states every list and panel shows the same way. */
export function LoadState<T>({
  loaded,
  words,
  children,
}: {
  loaded: Loaded<T> & { reload(): void };
  words: { loading: string; failed: string; retry: string };
  children(data: T): ReactNode;
}) {
  if (loaded.data !== undefined) return <>{children(loaded.data)}</>;
  if (loaded.state === 'failed')
    return (
      <div className="load-failed" role="alert">
        <span>{words.failed}</span> <button onClick={loaded.reload}>{words.retry}</button>
      </div>
    );
  return (
    <p className="muted" role="status">
      {words.loading}
    </p>
  );
}
