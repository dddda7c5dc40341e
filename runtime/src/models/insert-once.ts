import { createHash } from 'node:crypto';
import { Types, type HydratedDocument, type Model } from 'mongoose';

/** The ObjectId a key always maps to: the first 12 bytes of its SHA-256. */
export function idForKey(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(key).digest('hex').slice(0, 24));
}

/**
 * Writes a document once per idempotency key, however often it is retried or raced: the key
 * decides the `_id`, so the write is one insert checked by the primary key, and a repeat finds the
 * first write by `_id`. Neither scans the collection, which matters on FerretDB 1.x (it uses no
 * secondary index) and keeps the hot path flat as the collection grows.
 */
export async function insertOnce<T>(
  model: Model<T>,
  fields: { workspaceId: unknown; idempotencyKey: string } & Record<string, unknown>,
): Promise<HydratedDocument<T>> {
  const _id = idForKey(fields.idempotencyKey);
  try {
    // Mongoose casts the plain fields (ids given as strings) against the schema on create.
    const [doc] = await model.insertMany([{ ...fields, _id }]);
    return doc as unknown as HydratedDocument<T>;
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const existing = await model.findOne({ _id, workspaceId: fields.workspaceId });
    if (!existing) throw err;
    return existing as HydratedDocument<T>;
  }
}
