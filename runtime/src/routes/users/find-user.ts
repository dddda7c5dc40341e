import type { FastifyInstance } from 'fastify';
import { KefuError } from '../../errors';

/** A user of this workspace, or 404: an id from another workspace is as unknown as a made-up one. */
export async function findUser(app: FastifyInstance, workspaceId: string, id: string) {
  const user = await app.models.User.findOne({ _id: id, workspaceId }).lean();
  if (!user) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such user', 'params/id');
  return user;
}

/** Refuses a change that would leave the workspace without an active owner. */
export async function assertOwnersRemain(
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
