import type { Model } from 'mongoose';
import { PAGE_LIMIT_DEFAULT, type Page, type PageQuery } from '@kefu/schemas/api';
import { KefuError } from './errors';
import { ALLOW_SCAN, LISTS_BEING_BOUNDED } from './models/query-audit';

/**
 * The one list implementation behind `?limit=&cursor=&sort=` (see pageQuerySchema). Keyset
 * pagination: the cursor holds the last row's sort value and id, so a page never repeats or skips
 * rows when others are inserted meanwhile. `_id` breaks ties, so any sort field works.
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
  const descending = sort.startsWith('-');
  const name = descending ? sort.slice(1) : sort;
  const field = fields[name] ?? name;
  const dir = descending ? -1 : 1;

  const conditions: Record<string, unknown>[] = [];
  if (query.cursor) {
    const after = decodeCursor(query.cursor, sort);
    const cmp = descending ? '$lt' : '$gt';
    conditions.push({
      $or: [{ [field]: { [cmp]: after.value } }, { [field]: after.value, _id: { [cmp]: after.id } }],
    });
  }
  const rows = (await model
    .find(conditions.length ? { ...filter, $and: conditions } : filter)
    .sort({ [field]: dir, _id: dir })
    .limit(limit + 1)
    // The query audit (models/query-audit.ts) would refuse the pages that read a whole workspace.
    .setOptions({ [ALLOW_SCAN]: LISTS_BEING_BOUNDED })
    .lean()) as unknown as (Doc & { _id: unknown })[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1) as Record<string, unknown> | undefined;
  return {
    items: page.map(toItem),
    nextCursor: more && last ? encodeCursor(sort, last[field], String(last._id)) : null,
  };
}

interface Cursor {
  sort: string;
  value: unknown;
  id: string;
}

function encodeCursor(sort: string, value: unknown, id: string): string {
  const v = value instanceof Date ? { $date: value.toISOString() } : value;
  return Buffer.from(JSON.stringify({ s: sort, v, i: id })).toString('base64url');
}

function decodeCursor(cursor: string, sort: string): Cursor {
  try {
    const raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      s: unknown;
      v: unknown;
      i: unknown;
    };
    if (raw.s !== sort || typeof raw.i !== 'string' || !/^[0-9a-f]{24}$/.test(raw.i))
      throw new Error('mismatch');
    const v = raw.v as { $date?: unknown } | string | number | boolean | null;
    const value = v && typeof v === 'object' && typeof v.$date === 'string' ? new Date(v.$date) : v;
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) throw new Error('bad value');
    return { sort, value, id: raw.i };
  } catch {
    throw new KefuError(
      'KEFU_ERR_VALIDATION',
      'querystring/cursor is not a cursor of this list with this sort',
      'querystring/cursor',
    );
  }
}
