import { KefuError } from '../../errors';
import type { Models } from '../../models';

export const ENDED_STATES = ['done', 'failed', 'cancelled'] as const;

/**
 * Claims the workspace's one import slot for `importId`, or refuses with 409 naming the import
 * that holds it. A lock left by an import that ended anyway (a crash between ending it and
 * releasing the lock) is cleared and claimed.
 */
export async function claimImportLock(models: Models, workspaceId: string, importId: string): Promise<void> {
  const { ContactImport, ContactImportLock } = models;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await ContactImportLock.create({ _id: workspaceId, workspaceId, importId });
      return;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    const lock = await ContactImportLock.findOne({ _id: workspaceId, workspaceId }).lean();
    if (!lock) continue;
    const holder = await ContactImport.findOne({ _id: lock.importId, workspaceId }).lean();
    if (holder && !(ENDED_STATES as readonly string[]).includes(holder.state))
      throw new KefuError(
        'KEFU_ERR_CONFLICT',
        `An import is already ${holder.state} in this workspace (${String(holder._id)}): wait for it to end or cancel it`,
      );
    await ContactImportLock.deleteOne({ _id: workspaceId, workspaceId, importId: lock.importId });
  }
  throw new KefuError('KEFU_ERR_CONFLICT', 'Another import is starting in this workspace; try again');
}

/** Frees the slot, if `importId` still holds it. */
export async function releaseImportLock(
  models: Models,
  workspaceId: string,
  importId: string,
): Promise<void> {
  await models.ContactImportLock.deleteOne({ _id: workspaceId, workspaceId, importId });
}
