import type { Page } from '@kefu/schemas/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Loaded } from './use-load';

/** Pages fetched on their own before asking: a rare match is searched a little way without a click. */
const AUTO_PAGES = 3;

export interface Paged<T> {
  state: 'loading' | 'ready' | 'failed';
  items: T[];
  /** How many match in all, when the list knows (a working set, a counter). */
  total?: number;
  /** There is more: load it with more(). */
  next: string | null;
  /** The last request stopped reading before it filled a page: how far back it searched. */
  scannedTo?: string;
  /** A request for more is under way. */
  loadingMore: boolean;
  more(): void;
  /** From the first page again, showing what is there until it answers (a live update, a bulk change). */
  reload(): void;
}

/**
 * A list that grows with "load more" (GET lists: `{ items, nextCursor, total?, scannedTo? }`).
 * Lists read a bounded number of documents per request, so a filtered page can come back short
 * with a cursor that searches on: this follows it on its own a few times while the screen has
 * less than a page, then leaves it to the person (`scannedTo` says how far it got).
 */
export function usePaged<T>(
  load: (cursor?: string) => Promise<Page<T>>,
  key: string,
  pageSize: number,
): Paged<T> {
  const [value, setValue] = useState<Omit<Paged<T>, 'more' | 'reload'>>({
    state: 'loading',
    items: [],
    next: null,
    loadingMore: false,
  });
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchFrom = useCallback(
    async (ticket: number, cursor: string | undefined, before: T[]) => {
      let items = before;
      let page: Page<T>;
      let auto = 0;
      let at = cursor;
      do {
        page = await loadRef.current(at);
        if (ticket !== latest.current) return;
        items = [...items, ...page.items];
        at = page.nextCursor ?? undefined;
        // Show what there is while it searches on.
        if (at && items.length - before.length < pageSize)
          setValue((v) => ({ ...v, state: 'ready', items, next: page.nextCursor, loadingMore: true }));
      } while (at && items.length - before.length < pageSize && ++auto < AUTO_PAGES);
      setValue({
        state: 'ready',
        items,
        next: page.nextCursor,
        loadingMore: false,
        ...(page.total !== undefined ? { total: page.total } : {}),
        ...(page.scannedTo && page.nextCursor ? { scannedTo: page.scannedTo } : {}),
      });
    },
    [pageSize],
  );

  const start = useCallback(() => {
    const ticket = ++latest.current;
    fetchFrom(ticket, undefined, []).catch(() => {
      if (ticket === latest.current) setValue((v) => ({ ...v, state: 'failed', loadingMore: false }));
    });
  }, [fetchFrom]);

  useEffect(() => {
    setValue({ state: 'loading', items: [], next: null, loadingMore: false });
    start();
  }, [key, start]);

  const current = useRef(value);
  current.current = value;
  const more = useCallback(() => {
    const v = current.current;
    if (!v.next || v.loadingMore) return;
    const ticket = ++latest.current;
    setValue({ ...v, state: 'ready', loadingMore: true });
    fetchFrom(ticket, v.next, v.items).catch(() => {
      if (ticket === latest.current) setValue((w) => ({ ...w, state: 'failed', loadingMore: false }));
    });
  }, [fetchFrom]);

  return { ...value, more, reload: start };
}

/** A paged list as LoadState shows it: loading, failed before anything came, or its rows. */
export function asLoaded<T>(paged: Paged<T>): Loaded<T[]> & { reload(): void } {
  if (paged.state === 'loading') return { state: 'loading', reload: paged.reload };
  if (paged.state === 'failed' && paged.items.length === 0)
    return { state: 'failed', error: null, reload: paged.reload };
  return { state: 'ready', data: paged.items, reload: paged.reload };
}
