import type { FastifyInstance } from 'fastify';
import { Types } from 'mongoose';
import { KefuError } from '../../errors';
import { releaseLease, takeLease } from '../../models';

/** A user of this workspace, or 404: an id from another workspace is as unknown as a made-up one. */
export async function findUser(app: FastifyInstance, workspaceId: string, id: string) {
  const user = await app.models.User.findOne({ _id: id, workspaceId }).lean();
  if (!user) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such user', 'params/id');
  return user;
}

/** How long a change of owners may hold the workspace's owners; one cut short frees them then. */
const OWNERS_LEASE_MS = 30_000;

/**
 * Makes a change that may take an active owner away (disable, delete, drop the owner role) only if
 * another active owner remains. The check spans the workspace's users, so such changes take turns
 * on one lease per workspace: two owners disabling each other at once cannot both pass the check
 * and leave nobody. A change already under way answers 409.
 */
export async function keepingAnOwner<T>(
  app: FastifyInstance,
  workspaceId: string,
  userId: string,
  write: () => Promise<T>,
): Promise<T> {
  const { Lease } = app.models;
  const holder = `owners/${new Types.ObjectId().toHexString()}`;
  if (!(await takeLease(Lease, workspaceId, 'owners', holder, OWNERS_LEASE_MS)))
    throw new KefuError(
      'KEFU_ERR_CONFLICT',
      "Another change to this workspace's owners is under way; try again",
    );
  try {
    // Read while holding the lease: no other owner can leave between this check and the write.
    const user = await findUser(app, workspaceId, userId);
    if (user.roles.includes('owner') && !user.disabled) await assertOwnersRemain(app, workspaceId, user._id);
    return await write();
  } finally {
    await releaseLease(Lease, workspaceId, 'owners', holder);
  }
}

/** Refuses a change that would leave the workspace without an active owner. */
/** Refuses a change that would leave the workspace without an active owner. */
async function assertOwnersRemain(
  app: FastifyInstance,
  workspaceId: string,
  leaving: unknown,
): Promise<void> {
  const others = await app.models.User.countDocuments({
    workspaceId,
    roles: 'owner',
    disabled: false,
    _id: { $ne: leaving },
  });
  if (others === 0)
    throw new KefuError(
      'KEFU_ERR_LAST_OWNER',
      'A workspace keeps at least one active owner; make someone else owner first',
    );
}
