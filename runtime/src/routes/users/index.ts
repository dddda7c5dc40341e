import type { FastifyPluginAsync } from 'fastify';
import {
  errorResponses,
  idParamsSchema,
  pageQuerySchema,
  pageSchema,
  userPatchSchema,
  userSchema,
  type IdParams,
  type PageQuery,
  type UserPatch,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { paginate } from '../../paginate';
import { toWireUser } from '../../auth/wire';
import { findUser, keepingAnOwner } from './find-user';

/** The workspace's console users; owners manage them. Roles are set with PUT /users/:id/roles (routes/roles). */
const userRoutes: FastifyPluginAsync = async (app) => {
  const { User, Session } = app.models;
  const tags = ['users'];
  const owners = { roles: ['owner'] as const };

  app.get<{ Querystring: PageQuery }>(
    '/users',
    {
      config: owners,
      schema: {
        tags,
        summary: 'List the users of the workspace',
        querystring: pageQuerySchema(['createdAt', 'email', 'name'], 'createdAt'),
        response: { 200: pageSchema(userSchema), ...errorResponses },
      },
    },
    async (request) =>
      await paginate(User, { workspaceId: staff(request).workspaceId }, request.query, toWireUser),
  );

  app.get<{ Params: IdParams }>(
    '/users/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'One user',
        params: idParamsSchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => toWireUser(await findUser(app, staff(request).workspaceId, request.params.id)),
  );

  app.patch<{ Params: IdParams; Body: UserPatch }>(
    '/users/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Rename, disable or re-enable a user; grant or revoke "view personal data"',
        description:
          'Disabling signs the user out everywhere and closes their open inbox sockets. The last active owner cannot be disabled. ' +
          'An owner always views personal data: revoking it from an owner is refused. A grant or revoke is audited ' +
          "(user.personal-data.grant / .revoke) and applies to the user's open inbox sockets at once.",
        params: idParamsSchema,
        body: userPatchSchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const user = await findUser(app, auth.workspaceId, request.params.id);
      const next = { ...request.body };
      if (next.viewPersonalData === false && user.roles.includes('owner'))
        throw new KefuError(
          'KEFU_ERR_VALIDATION',
          'An owner always views personal data',
          'body/viewPersonalData',
        );
      const scope = { _id: user._id, workspaceId: auth.workspaceId };
      const write = () => User.findOneAndUpdate(scope, { $set: next }, { returnDocument: 'after' }).lean();
      const updated =
        next.disabled === true
          ? await keepingAnOwner(app, auth.workspaceId, request.params.id, write)
          : await write();
      if (!updated) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such user', 'params/id');
      if (next.disabled) await Session.deleteMany({ workspaceId: auth.workspaceId, userId: user._id });
      const before = toWireUser(user);
      const after = toWireUser(updated);
      // Open sockets take the new view now: a revoked agent's next pushed message is masked.
      if (next.disabled || before.viewPersonalData !== after.viewPersonalData)
        await app.agentHub.recheck(auth.workspaceId, { userId: String(user._id) });
      if (before.viewPersonalData !== after.viewPersonalData)
        await app.audit.record(auth, {
          action: after.viewPersonalData ? 'user.personal-data.grant' : 'user.personal-data.revoke',
          targetType: 'user',
          targetId: after.id,
          before: { viewPersonalData: before.viewPersonalData },
          after: { viewPersonalData: after.viewPersonalData },
        });
      if (before.name === after.name && before.disabled === after.disabled) return after;
      await app.audit.record(auth, {
        action: 'user.update',
        targetType: 'user',
        targetId: before.id,
        before: { name: before.name, disabled: before.disabled },
        after: { name: after.name, disabled: after.disabled },
      });
      return after;
    },
  );

  app.delete<{ Params: IdParams }>(
    '/users/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Remove a user from the workspace and sign them out',
        description: 'Their open inbox sockets close within seconds.',
        params: idParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      const user = await findUser(app, auth.workspaceId, request.params.id);
      await keepingAnOwner(app, auth.workspaceId, request.params.id, () =>
        User.deleteOne({ _id: user._id, workspaceId: auth.workspaceId }),
      );
      await Session.deleteMany({ workspaceId: auth.workspaceId, userId: user._id });
      await app.agentHub.recheck(auth.workspaceId, { userId: String(user._id) });
      const { id, email, name, roles } = toWireUser(user);
      await app.audit.record(auth, {
        action: 'user.delete',
        targetType: 'user',
        targetId: id,
        before: { email, name, roles },
        after: null,
      });
      return reply.status(204).send();
    },
  );
};

export default userRoutes;
