import { KefuError } from '../errors';

/**
 * The opaque `nextCursor` of a list: base64url JSON naming the list's shape (which list, read how,
 * in which order) and where the next page starts. A cursor is only good for the shape it was made
 * for: any other is refused with a 400 naming `querystring/cursor`, as is anything malformed.
 */
export type CursorValue = string | number | boolean | Date | null;

export type Position =
  /** In a list read by page keys: the ordinal the next page goes on from (exclusive). */
  | { o: number }
  /** In a set sorted in memory: the last row's sort value and id (exclusive). */
  | { v: CursorValue; i: string };

export type CursorBody = Position & {
  /** Which phase of a search (exact lookups, then pages). */ p?: number;
};

export function encodeCursor(shape: string, body: CursorBody): string {
  const wire: Record<string, unknown> = { s: shape, ...body };
  if ('v' in body && body.v instanceof Date) wire.v = { $date: body.v.toISOString() };
  return Buffer.from(JSON.stringify(wire)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: string): CursorBody {
  try {
    const raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!raw || typeof raw !== 'object' || raw.s !== shape) throw new Error('another list');
    const phase = raw.p === undefined ? {} : { p: smallInt(raw.p) };
    if ('o' in raw) return { o: smallInt(raw.o), ...phase };
    if (typeof raw.i !== 'string' || !/^[0-9a-f]{24}$/.test(raw.i)) throw new Error('bad id');
    return { v: value(raw.v), i: raw.i, ...phase };
  } catch {
    throw new KefuError(
      'KEFU_ERR_VALIDATION',
      'querystring/cursor is not a cursor of this list with this sort and filter',
      'querystring/cursor',
    );
  }
}

function smallInt(x: unknown): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) throw new Error('bad number');
  return x;
}

function value(v: unknown): CursorValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v && typeof v === 'object' && typeof (v as { $date?: unknown }).$date === 'string') {
    const date = new Date((v as { $date: string }).$date);
    if (Number.isNaN(date.getTime())) throw new Error('bad date');
    return date;
  }
  throw new Error('bad value');
}
