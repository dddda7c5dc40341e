/**
 * What the model plugins that keep derived fields (list-keys.ts, counted.ts) read from Mongoose's
 * batch middleware: `insertMany` hands hydrated documents or, lean, plain objects; `bulkWrite`
 * skips document and query middleware, so its inserts and updates are read from its operations.
 */
export type BatchItem = Record<string, unknown>;
export type BatchUpdate = Record<string, unknown> & {
  $set?: Record<string, unknown>;
  $unset?: Record<string, unknown>;
  $setOnInsert?: Record<string, unknown>;
};

export interface BulkWriteParts<T extends BatchItem> {
  inserts: T[];
  updates: { filter: T; update: BatchUpdate; upsert: boolean }[];
}

/** The items of a pre/post('insertMany') hook, one or many. */
export function insertedItems<T extends BatchItem>(docs: unknown): T[] {
  return (Array.isArray(docs) ? docs : [docs]) as T[];
}

/** The inserts and (non-pipeline) updates of a bulkWrite's operations. */
export function bulkWriteParts<T extends BatchItem>(ops: unknown[]): BulkWriteParts<T> {
  const parts: BulkWriteParts<T> = { inserts: [], updates: [] };
  for (const op of ops as Record<
    string,
    { document?: T; filter?: T; update?: BatchUpdate; upsert?: boolean }
  >[]) {
    if (op.insertOne?.document) parts.inserts.push(op.insertOne.document);
    const body = op.updateOne ?? op.updateMany;
    if (body?.update && !Array.isArray(body.update))
      parts.updates.push({
        filter: body.filter ?? ({} as T),
        update: body.update,
        upsert: Boolean(body.upsert),
      });
  }
  return parts;
}

export function isDocument<T>(item: unknown): item is { toObject(): T; set(p: string, v: unknown): void } {
  return Boolean(item && typeof (item as { toObject?: unknown }).toObject === 'function');
}

/** Sets a field on an item to insert, hydrated or plain. */
export function setOn(item: BatchItem, field: string, value: unknown): void {
  if (isDocument(item)) item.set(field, value);
  else item[field] = value;
}

export function has(obj: Record<string, unknown> | undefined, key: string): boolean {
  return Boolean(obj && Object.prototype.hasOwnProperty.call(obj, key));
}
