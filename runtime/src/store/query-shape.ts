import type { Schema } from 'mongoose';
import { equalityIndexFieldsOf } from './equality-indexes';

/**
 * What the store can serve of a query filter, and so how much it reads:
 * - `lookup`: the pushed-down part names a key (an indexed field other than workspaceId that is
 *   not a category): PostgreSQL reads only the documents with that key.
 * - `tenant`: the only usable key is workspaceId: FerretDB fetches every document of the workspace,
 *   then filters, sorts and limits in memory.
 * - `collection`: no usable key: every document of every workspace is read.
 */
export type QueryReach = 'lookup' | 'tenant' | 'collection';

export interface QueryClass {
  reach: QueryReach;
  /** Top-level fields compared by equality with a scalar: all FerretDB 1.x hands to PostgreSQL. */
  pushedDown: string[];
  /** The pushed-down fields that select a small set: indexed, not workspaceId, not a category. */
  keys: string[];
}

/**
 * Classifies a filter for a collection of this schema. FerretDB 1.x pushes down only top-level
 * equality with a scalar (`{f: v}`, `{f: {$eq: v}}`); `$in`, `$or`, `$and`, `$exists`, ranges,
 * `$regex`, `$ne` and dotted paths are all applied in memory after the fetch. An enum or boolean
 * field (status, channel, author) is a category, not a key: `{workspaceId, status: 'open'}` still
 * reads a share of the workspace that grows with its history.
 */
export function classifyFilter(schema: Schema, filter: Record<string, unknown> | undefined): QueryClass {
  const pushedDown = Object.entries(filter ?? {})
    .filter(([field, value]) => !field.startsWith('$') && !field.includes('.') && isEquality(value))
    .map(([field]) => field);
  const indexed = new Set(indexFieldsOf(schema));
  const keys = pushedDown.filter((f) => f !== 'workspaceId' && indexed.has(f) && !isCategory(schema, f));
  const reach: QueryReach = keys.length
    ? 'lookup'
    : pushedDown.includes('workspaceId') && indexed.has('workspaceId')
      ? 'tenant'
      : 'collection';
  return { reach, pushedDown, keys };
}

/**
 * The filter's shape without its values: `{workspaceId, status: {$in}, $or: [{teamId}, …]}`. Two
 * queries of one shape are the same query for the audit (warned about once).
 */
export function filterShape(filter: Record<string, unknown> | undefined): string {
  return shape(filter ?? {});
}

/** The fields a lookup can use on this schema, for the audit's hint. */
export function keyFieldsOf(schema: Schema): string[] {
  return indexFieldsOf(schema).filter((f) => f !== 'workspaceId' && !isCategory(schema, f));
}

const indexCache = new WeakMap<Schema, string[]>();
function indexFieldsOf(schema: Schema): string[] {
  let fields = indexCache.get(schema);
  if (!fields) indexCache.set(schema, (fields = equalityIndexFieldsOf(schema)));
  return fields;
}

function isCategory(schema: Schema, field: string): boolean {
  const path = schema.path(field) as { instance?: string; enumValues?: unknown[] } | undefined;
  return path?.instance === 'Boolean' || (path?.enumValues?.length ?? 0) > 0;
}

function isEquality(value: unknown): boolean {
  if (isScalar(value)) return true;
  if (!isPlainObject(value)) return false;
  const ops = Object.keys(value);
  return ops.length === 1 && ops[0] === '$eq' && isScalar(value.$eq);
}

function isScalar(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return true;
    case 'object':
      return value instanceof Date || isObjectId(value);
    default:
      return false;
  }
}

function isObjectId(value: unknown): boolean {
  const type = (value as { _bsontype?: string } | null)?._bsontype;
  return type === 'ObjectId' || type === 'ObjectID';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof RegExp) &&
    !isObjectId(value)
  );
}

function shape(value: unknown): string {
  if (Array.isArray(value)) {
    const inner = [...new Set(value.map(shape))].filter(Boolean);
    return inner.length ? `[${inner.join(', ')}]` : '';
  }
  if (!isPlainObject(value)) return '';
  const parts = Object.entries(value).map(([key, inner]) => {
    const rest = shape(inner);
    return rest ? `${key}: ${rest}` : key;
  });
  return `{${parts.join(', ')}}`;
}
