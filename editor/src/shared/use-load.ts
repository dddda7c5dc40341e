import { useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<T> =
  | { state: 'loading'; data?: T }
  | { state: 'failed'; error: unknown; data?: T }
  | { state: 'ready'; data: T };

/**
 * Loads with `load` whenever `key` changes, and again on `reload()`. A reload keeps showing the
 * previous data (no flash of "Loading…" on every live update); an answer that arrives after a
 * newer request started is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> & { reload(): void } {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = useCallback(() => {
    const ticket = ++latest.current;
    loadRef.current().then(
      (data) => ticket === latest.current && setValue({ state: 'ready', data }),
      (error: unknown) =>
        ticket === latest.current && setValue((v) => ({ state: 'failed', error, data: v.data })),
    );
  }, []);
  useEffect(() => {
    setValue({ state: 'loading' });
    run();
  }, [key, run]);
  return { ...value, reload: run };
}
