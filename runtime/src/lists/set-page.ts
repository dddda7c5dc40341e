import type { CursorValue } from './cursor';

/**
 * One page of a set small by nature (the open tickets, a contact's conversations), read whole by
 * an equality lookup and sorted here, so every filter and sort works on it. Keyset order: the
 * cursor is the last row's sort value and id, so rows never repeat or skip while others are added.
 * Rows without a sort value come last in either direction.
 */
export interface SetSort<T> {
  value(row: T): CursorValue | undefined;
  /** 1 ascending, -1 descending. */
  dir: 1 | -1;
}

export interface SetPage<T> {
  items: T[];
  /** The last row's position when more follow. */
  next: { v: CursorValue; i: string } | null;
  /** How many rows of the set match, on every page. */
  total: number;
}

export function pageOfSet<T extends { _id: unknown }>(
  rows: T[],
  options: {
    sort: SetSort<T>;
    limit: number;
    after?: { v: CursorValue; i: string };
    match?: (row: T) => boolean;
  },
): SetPage<T> {
  const { sort, limit, after, match } = options;
  const key = (row: T) => ({ v: normal(sort.value(row)), i: String(row._id) });
  const compare = (a: { v: CursorValue; i: string }, b: { v: CursorValue; i: string }) => {
    if (a.v === null && b.v !== null) return 1;
    if (b.v === null && a.v !== null) return -1;
    const byValue = a.v === null ? 0 : cmp(sortable(a.v), sortable(b.v!));
    return (byValue || cmp(a.i, b.i)) * sort.dir;
  };
  const matching = match ? rows.filter(match) : rows;
  const sorted = matching.map((row) => ({ row, k: key(row) })).sort((a, b) => compare(a.k, b.k));
  const start = after ? sorted.findIndex((x) => compare(x.k, { v: normal(after.v), i: after.i }) > 0) : 0;
  const rest = start < 0 ? [] : sorted.slice(start);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((x) => x.row),
    next: rest.length > limit && last ? { v: last.k.v, i: last.k.i } : null,
    total: matching.length,
  };
}

function normal(v: CursorValue | undefined): CursorValue {
  return v === undefined ? null : v;
}

function sortable(v: Exclude<CursorValue, null>): string | number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

function cmp(a: string | number, b: string | number): number {
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
