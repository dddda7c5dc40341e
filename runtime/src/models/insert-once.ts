import { createHash } from 'node:crypto';
import { Types, type HydratedDocument, type Model } from 'mongoose';

/** The ObjectId a key always maps to: the first 12 bytes of its SHA-256. */
export function idForKey(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(key).digest('hex').slice(0, 24));
}

/** Whether a write failed because a unique index already holds its key (MongoDB and FerretDB: 11000). */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number } | null)?.code === 11000;
}

/**
 * A claim: inserts the document, or answers null when a unique index says someone else holds its
 * key. The one race-free primitive both stores agree on: of any number of concurrent claims on one
 * key, exactly one inserts. Use it for "who gets it" (a slot, an offer's one move, a lease).
 */
export async function insertUnique<T>(
  model: Model<T>,
  fields: Record<string, unknown>,
): Promise<HydratedDocument<T> | null> {
  try {
    // insertMany, not create: Mongoose casts the plain fields (ids given as strings) without running
    // save middleware, and one round trip.
    const [doc] = await model.insertMany([fields]);
    return doc as unknown as HydratedDocument<T>;
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
}

/**
 * Writes a document once per idempotency key, however often it is retried or raced: the key
 * decides the `_id`, so the write is one insert checked by the primary key, and a repeat finds the
 * first write by `_id`. Neither scans the collection, which keeps the hot path flat as it grows.
 */
export async function insertOnce<T>(
  model: Model<T>,
  fields: { workspaceId: unknown; idempotencyKey: string } & Record<string, unknown>,
): Promise<HydratedDocument<T>> {
  const _id = idForKey(fields.idempotencyKey);
  const inserted = await insertUnique(model, { ...fields, _id });
  if (inserted) return inserted;
  const existing = await model.findOne({ _id, workspaceId: fields.workspaceId });
  if (!existing)
    throw new Error(
      `${model.modelName}: a unique index refused key ${fields.idempotencyKey}, yet no document of this workspace has its _id`,
    );
  return existing as HydratedDocument<T>;
}
