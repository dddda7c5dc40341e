/** Bounded undo/redo stacks of immutable snapshots; the store decides when a step begins. */
export interface History<T> {
  past: T[];
  future: T[];
}

const LIMIT = 100;

export function pushPast<T>(history: History<T>, snapshot: T): History<T> {
  const past = history.past.length >= LIMIT ? history.past.slice(1) : history.past.slice();
  past.push(snapshot);
  return { past, future: [] };
}

export function stepBack<T>(history: History<T>, current: T): { history: History<T>; snapshot: T } | null {
  const snapshot = history.past.at(-1);
  if (snapshot === undefined) return null;
  return { history: { past: history.past.slice(0, -1), future: [current, ...history.future] }, snapshot };
}

export function stepForward<T>(history: History<T>, current: T): { history: History<T>; snapshot: T } | null {
  const snapshot = history.future[0];
  if (snapshot === undefined) return null;
  return { history: { past: [...history.past, current], future: history.future.slice(1) }, snapshot };
}
