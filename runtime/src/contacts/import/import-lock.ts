import { KefuError } from '../../errors';
import { releaseLease, takeLease, transition, type Models } from '../../models';

export const ENDED_STATES = ['done', 'failed', 'cancelled'] as const;

/** The lease that makes an import the workspace's one import at a time; held by the import's id. */
const SLOT = 'contact-import';
/**
 * Long on purpose: the import holds the slot until it ends, however long it waits or runs (its
 * own lease, on the import, is what moves a crashed run to another process). A slot whose import
 * has ended anyway (a crash between ending and giving it back) is taken over below.
 */
const SLOT_MS = 7 * 24 * 3600 * 1000;

/**
 * Claims the workspace's one import slot for `importId`, or refuses with 409 naming the import
 * that holds it.
 */
export async function claimImportLock(models: Models, workspaceId: string, importId: string): Promise<void> {
  const { ContactImport, Lease } = models;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await takeLease(Lease, workspaceId, SLOT, importId, SLOT_MS)) return;
    // A workspace holds a handful of leases: reading them by name is a small read.
    const slot = await Lease.findOne({ workspaceId, name: SLOT }).lean();
    if (!slot) continue;
    const holder = await ContactImport.findOne({ _id: slot.holder, workspaceId }).lean();
    if (holder && !(ENDED_STATES as readonly string[]).includes(holder.state))
      throw new KefuError(
        'KEFU_ERR_CONFLICT',
        `An import is already ${holder.state} in this workspace (${String(holder._id)}): wait for it to end or cancel it`,
      );
    const taken = await transition(
      Lease,
      { _id: slot._id, workspaceId, holder: slot.holder },
      { $set: { holder: importId, until: new Date(Date.now() + SLOT_MS) } },
    );
    if (taken) return;
  }
  throw new KefuError('KEFU_ERR_CONFLICT', 'Another import is starting in this workspace; try again');
}

/** Frees the slot, if `importId` still holds it. */
export async function releaseImportLock(
  models: Models,
  workspaceId: string,
  importId: string,
): Promise<void> {
  await releaseLease(models.Lease, workspaceId, SLOT, importId);
}
