import type { FastifyPluginAsync } from 'fastify';
import {
  errorResponses,
  idParamsSchema,
  pageQuerySchema,
  pageSchema,
  sessionInfoSchema,
  type IdParams,
  type PageQuery,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { ANY_STAFF, staff } from '../../plugins/app/access';
import { paginate } from '../../paginate';

/** A user's own signed-in browsers: see them, end one (e.g. a lost laptop). */
const sessionRoutes: FastifyPluginAsync = async (app) => {
  const { Session } = app.models;
  const tags = ['sessions'];

  app.get<{ Querystring: PageQuery }>(
    '/sessions',
    {
      config: { roles: ANY_STAFF },
      schema: {
        tags,
        summary: 'Your active sessions',
        querystring: pageQuerySchema(['createdAt', 'expiresAt'], '-createdAt'),
        response: { 200: pageSchema(sessionInfoSchema), ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      return await paginate(
        Session,
        { workspaceId: auth.workspaceId, userId: auth.userId, expiresAt: { $gt: new Date() } },
        request.query,
        (s) => ({
          id: String(s._id),
          createdAt: new Date(s.createdAt).toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          ...(s.userAgent ? { userAgent: s.userAgent } : {}),
          current: String(s._id) === auth.sessionId,
        }),
      );
    },
  );

  app.delete<{ Params: IdParams }>(
    '/sessions/:id',
    {
      config: { roles: ANY_STAFF },
      schema: {
        tags,
        summary: 'End one of your sessions',
        params: idParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      const gone = await Session.deleteOne({
        _id: request.params.id,
        workspaceId: auth.workspaceId,
        userId: auth.userId,
      });
      if (gone.deletedCount !== 1) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such session', 'params/id');
      await app.agentHub.recheck(auth.workspaceId, { sessionId: request.params.id });
      return reply.status(204).send();
    },
  );
};

export default sessionRoutes;
