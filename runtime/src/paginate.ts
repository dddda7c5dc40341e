import type { Model } from 'mongoose';
import { PAGE_LIMIT_DEFAULT, type Page, type PageQuery } from '@kefu/schemas/api';
import { KefuError } from './errors';
import { decodeCursor, encodeCursor } from './lists/cursor';

export { decodeCursor, encodeCursor, type CursorBody, type CursorValue } from './lists/cursor';
export { pageOfSet, type SetPage, type SetSort } from './lists/set-page';
export { walkList, WALK_BUDGET, type Walk, type WalkPage } from './lists/walk-list';

/**
 * Lists of small collections (a workspace's users, teams, invites, canned replies): keyset pages
 * over `sort` and `_id`. On the embedded store only `{ workspaceId }` and equality filters are
 * pushed down, so this reads the whole filtered set: use it only where that set is bounded by
 * nature (a cap on the collection). Lists that grow with the tenant's history use walkList and
 * pageOfSet (lists/), whose reads are equality lookups of bounded size.
 */
export async function paginate<Doc, Item>(
  model: Model<Doc>,
  filter: Record<string, unknown> & { workspaceId: unknown },
  query: PageQuery,
  toItem: (doc: Doc & { _id: unknown }) => Item,
  /** API sort names that differ from the stored field, e.g. `{ id: '_id' }`. */
  fields: Record<string, string> = {},
): Promise<Page<Item>> {
  const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
  const sort = query.sort ?? '-createdAt';
  const { field: name, dir } = sortOf(sort);
  const field = fields[name] ?? name;
  const descending = dir < 0;

  const conditions: Record<string, unknown>[] = [];
  if (query.cursor) {
    const after = decodeCursor(query.cursor, sort);
    if (!('v' in after)) throw badCursor();
    const cmp = descending ? '$lt' : '$gt';
    conditions.push({
      $or: [{ [field]: { [cmp]: after.v } }, { [field]: after.v, _id: { [cmp]: after.i } }],
    });
  }
  const rows = (await model
    .find(conditions.length ? { ...filter, $and: conditions } : filter)
    .sort({ [field]: dir, _id: dir })
    .limit(limit + 1)
    .lean()) as unknown as (Doc & { _id: unknown })[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1) as Record<string, unknown> | undefined;
  return {
    items: page.map(toItem),
    nextCursor:
      more && last ? encodeCursor(sort, { v: cursorValue(last[field]), i: String(last._id) }) : null,
  };
}

/** `-field` → descending by field. */
export function sortOf(sort: string): { field: string; dir: 1 | -1 } {
  return sort.startsWith('-') ? { field: sort.slice(1), dir: -1 } : { field: sort, dir: 1 };
}

/** A sort this list cannot give for the rows asked for (it would read the tenant's history). */
export function sortRefused(message: string): KefuError {
  return new KefuError('KEFU_ERR_VALIDATION', message, 'querystring/sort');
}

function cursorValue(v: unknown) {
  if (v === undefined) return null;
  if (v instanceof Date || v === null || ['string', 'number', 'boolean'].includes(typeof v))
    return v as string | number | boolean | Date | null;
  return String(v);
}

function badCursor(): KefuError {
  return new KefuError(
    'KEFU_ERR_VALIDATION',
    'querystring/cursor is not a cursor of this list with this sort',
    'querystring/cursor',
  );
}
