import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { idForKey, insertUnique } from './insert-once';
import { tenantScoped } from './tenant-scope';
import { transition } from './transition';

/**
 * A claim that ends: one holder at a time works on what `name` names (a contact being merged), for
 * work that spans several documents and so cannot be one conditional write. Taking it is a unique
 * insert (or, once its holder's time is up, a conditional takeover), so two holders never overlap;
 * a holder that dies frees it by running out of time.
 *
 * Giving it back is a conditional update, not a delete: FerretDB deletes what it read a moment
 * before without checking again, so a delete could remove the next holder's lease.
 */
export const leaseSchema = new Schema({
  workspaceId: { type: Schema.Types.ObjectId, required: true },
  name: { type: String, required: true },
  holder: { type: String, required: true },
  until: { type: Date, required: true },
});
leaseSchema.plugin(tenantScoped);

export type LeaseDoc = InferSchemaType<typeof leaseSchema>;
export const leaseModel = (conn: Connection) => conn.model('Lease', leaseSchema);

export const leaseId = (workspaceId: string | Types.ObjectId, name: string) =>
  idForKey(`lease/${String(workspaceId)}/${name}`);

/** Takes the lease for `holder` (again, if it is already theirs); false while someone else holds it. */
export async function takeLease(
  Lease: Model<LeaseDoc>,
  workspaceId: string | Types.ObjectId,
  name: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const _id = leaseId(workspaceId, name);
  const now = new Date();
  const until = new Date(now.getTime() + ttlMs);
  if (await insertUnique(Lease, { _id, workspaceId, name, holder, until })) return true;
  const taken = await transition(
    Lease,
    { _id, workspaceId, $or: [{ holder }, { until: { $lte: now } }] },
    { $set: { holder, until } },
  );
  return taken !== null;
}

/** Gives the lease back, if `holder` still has it. */
export async function releaseLease(
  Lease: Model<LeaseDoc>,
  workspaceId: string | Types.ObjectId,
  name: string,
  holder: string,
): Promise<void> {
  await Lease.updateOne(
    { _id: leaseId(workspaceId, name), workspaceId, holder },
    { $set: { until: new Date(0) } },
  );
}

/**
 * Takes every lease in `names` or none: in a fixed order, so two callers wanting overlapping sets
 * cannot each hold part of what the other needs. False (holding nothing) when one is taken.
 */
export async function takeLeases(
  Lease: Model<LeaseDoc>,
  workspaceId: string | Types.ObjectId,
  names: readonly string[],
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const ordered = [...new Set(names)].sort();
  const held: string[] = [];
  for (const name of ordered) {
    if (!(await takeLease(Lease, workspaceId, name, holder, ttlMs))) {
      for (const h of held) await releaseLease(Lease, workspaceId, h, holder);
      return false;
    }
    held.push(name);
  }
  return true;
}

export async function releaseLeases(
  Lease: Model<LeaseDoc>,
  workspaceId: string | Types.ObjectId,
  names: readonly string[],
  holder: string,
): Promise<void> {
  for (const name of new Set(names)) await releaseLease(Lease, workspaceId, name, holder);
}
