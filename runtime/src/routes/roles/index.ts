import type { FastifyPluginAsync } from 'fastify';
import {
  ROLES,
  ROLE_DESCRIPTIONS,
  emptySchema,
  errorResponses,
  idParamsSchema,
  roleSchema,
  rolesBodySchema,
  userSchema,
  type IdParams,
  type RolesBody,
} from '@kefu/schemas/api';
import { ANY_STAFF, staff } from '../../plugins/app/access';
import { toWireUser } from '../../auth/wire';
import { findUser, keepingAnOwner } from '../users/find-user';

/** The roles there are, and giving them to users. */
const roleRoutes: FastifyPluginAsync = async (app) => {
  const tags = ['roles'];

  app.get(
    '/roles',
    {
      config: { roles: ANY_STAFF },
      schema: {
        tags,
        summary: 'The roles a user can hold and what each is for',
        querystring: emptySchema,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            additionalProperties: false,
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['role', 'description'],
                  additionalProperties: false,
                  properties: { role: roleSchema, description: { type: 'string' } },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async () => ({ items: ROLES.map((role) => ({ role, description: ROLE_DESCRIPTIONS[role] })) }),
  );

  app.put<{ Params: IdParams; Body: RolesBody }>(
    '/users/:id/roles',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: "Set a user's roles",
        description:
          'Takes effect on their next request, and on their open inbox sockets within seconds (closed when no ' +
          'role left allows the inbox). The last active owner keeps the owner role.',
        params: idParamsSchema,
        body: rolesBodySchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const user = await findUser(app, auth.workspaceId, request.params.id);
      const roles = request.body.roles;
      const write = () =>
        app.models.User.findOneAndUpdate(
          { _id: user._id, workspaceId: auth.workspaceId },
          { $set: { roles } },
          { returnDocument: 'after' },
        ).lean();
      const updated = roles.includes('owner')
        ? await write()
        : await keepingAnOwner(app, auth.workspaceId, request.params.id, write);
      const after = toWireUser(updated ?? { ...user, roles });
      await app.agentHub.recheck(auth.workspaceId, { userId: after.id });
      await app.audit.record(auth, {
        action: 'user.roles.change',
        targetType: 'user',
        targetId: after.id,
        before: { roles: user.roles },
        after: { roles: after.roles },
      });
      return after;
    },
  );
};

export default roleRoutes;
