import { setTimeout as sleep } from 'node:timers/promises';
import { ALLOW_SCAN, type Models } from '../models';
import { contactCsvHeader, contactCsvLines } from './contact-csv';
import { toWireContact, type ContactRecord } from './contact-wire';

export interface ExportPacing {
  /** Contacts read and written per step. */
  batchSize: number;
  /** Pause after each step, as a share of the time it took (see ImportRunnerOptions.pauseShare). */
  pauseShare: number;
}

export const DEFAULT_EXPORT_PACING: ExportPacing = { batchSize: 500, pauseShare: 0.5 };

/**
 * A workspace's contacts as CSV text, produced as the response is read: memory holds one batch
 * whatever the number of contacts. Two passes over the contacts, because the header names one
 * column per attribute key, and those are known only once every contact was seen: the first
 * reads the keys, the second the rows.
 *
 * Unsorted on purpose (contacts come in the order they are stored): FerretDB streams an unsorted
 * cursor, while a sort makes it load every contact of the workspace first.
 */
export async function* exportContactsCsv(
  models: Models,
  workspaceId: string,
  pacing: ExportPacing = DEFAULT_EXPORT_PACING,
): AsyncGenerator<string> {
  const filter = { workspaceId, mergedInto: { $exists: false }, test: { $ne: true } };
  const keys = new Set<string>();
  for await (const batch of batches<{ attributes?: unknown }>(models, filter, { attributes: 1 }, pacing))
    for (const c of batch)
      if (c.attributes && typeof c.attributes === 'object' && !Array.isArray(c.attributes))
        for (const k of Object.keys(c.attributes)) keys.add(k);
  const columns = [...keys].sort();
  yield contactCsvHeader(columns);
  for await (const batch of batches<ContactRecord>(models, filter, null, pacing))
    yield contactCsvLines(batch.map(toWireContact), columns);
}

async function* batches<T>(
  models: Models,
  filter: Record<string, unknown> & { workspaceId: string },
  projection: Record<string, 1> | null,
  pacing: ExportPacing,
): AsyncGenerator<T[]> {
  const cursor = models.Contact.find(filter, projection)
    .setOptions({ [ALLOW_SCAN]: 'an export reads the workspace once, streamed in paced batches' })
    .lean()
    .batchSize(pacing.batchSize)
    .cursor();
  let batch: T[] = [];
  let began = performance.now();
  try {
    for await (const doc of cursor) {
      batch.push(doc as T);
      if (batch.length < pacing.batchSize) continue;
      yield batch;
      batch = [];
      // Other workspaces' chats and queues share the store: leave them room between batches.
      await sleep((performance.now() - began) * pacing.pauseShare);
      began = performance.now();
    }
    if (batch.length) yield batch;
  } finally {
    await cursor.close();
  }
}
