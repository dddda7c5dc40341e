import type { Models } from '../../models';
import { deleteImportFile } from './import-file';
import { releaseImportLock } from './import-lock';

/**
 * What an import leaves behind once its state says it ended: the workspace's import slot and the
 * stored file. Called after the state is stored, so a crash in between leaves at worst a lock the
 * next claim clears and chunks nobody reads.
 */
export async function cleanUpImport(
  models: Models,
  job: { _id: unknown; workspaceId: unknown; chunks: number },
): Promise<void> {
  const ids = { workspaceId: String(job.workspaceId), importId: String(job._id) };
  await releaseImportLock(models, ids.workspaceId, ids.importId);
  // One past the recorded count: an upload cut short may have stored a chunk it had not counted.
  await deleteImportFile(models, ids, job.chunks + 1);
}
