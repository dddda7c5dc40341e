import { setTimeout as sleep } from 'node:timers/promises';
import type { Model } from 'mongoose';
import { ALLOW_SCAN } from './query-audit';

export interface ExportPacing {
  /** Documents read and written per step. */
  batchSize: number;
  /** Pause after each step, as a share of the time it took (see ImportRunnerOptions.pauseShare). */
  pauseShare: number;
}

export const DEFAULT_EXPORT_PACING: ExportPacing = { batchSize: 500, pauseShare: 0.5 };

/** Any model: the batches are read as plain documents, typed by the caller. */
type AnyModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * One workspace's documents, read once through a cursor and handed on in batches with a pause
 * after each: an export holds one batch in memory whatever the size of the workspace, and leaves
 * other workspaces' chats and queues room on the shared store.
 *
 * Unsorted on purpose (documents come in the order they are stored): FerretDB streams an unsorted
 * cursor, while a sort makes it load every document of the workspace first.
 */
export async function* pacedBatches<T>(
  model: AnyModel,
  filter: Record<string, unknown> & { workspaceId: string },
  projection: Record<string, 1> | null,
  pacing: ExportPacing = DEFAULT_EXPORT_PACING,
): AsyncGenerator<T[]> {
  const cursor = model
    .find(filter, projection)
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
      await sleep((performance.now() - began) * pacing.pauseShare);
      began = performance.now();
    }
    if (batch.length) yield batch;
  } finally {
    await cursor.close();
  }
}
