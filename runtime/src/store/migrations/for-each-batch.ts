import type { Model } from 'mongoose';
import { ALLOW_SCAN } from '../../models/query-audit';
import { ACROSS_TENANTS } from '../../models/tenant-scope';

/**
 * Walks every document of a collection matching `filter`, across workspaces, in batches of bounded
 * size and memory. Unsorted on purpose: FerretDB streams an unsorted cursor, a sort would make it
 * load the whole collection first.
 */
export async function forEachBatch<T>(
  model: Model<T>,
  filter: Record<string, unknown>,
  batchSize: number,
  handle: (batch: T[]) => Promise<void>,
): Promise<number> {
  let seen = 0;
  let batch: T[] = [];
  const cursor = model
    .find(filter)
    .setOptions({
      [ACROSS_TENANTS]: 'a store migration walks every workspace',
      [ALLOW_SCAN]: 'a store migration walks the collection once, in batches',
    })
    .lean()
    .batchSize(batchSize)
    .cursor();
  for await (const doc of cursor) {
    batch.push(doc as T);
    if (batch.length >= batchSize) {
      await handle(batch);
      seen += batch.length;
      batch = [];
    }
  }
  if (batch.length) {
    await handle(batch);
    seen += batch.length;
  }
  return seen;
}
