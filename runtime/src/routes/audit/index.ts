import type { FastifyPluginAsync } from 'fastify';
import {
  auditEntrySchema,
  errorResponses,
  pageQuerySchema,
  pageSchema,
  type AuditEntry,
  type PageQuery,
} from '@kefu/schemas/api';
import { staff } from '../../plugins/app/access';
import { paginate } from '../../paginate';

/** The workspace's audit log: every change an owner made, newest first by default. */
const auditRoutes: FastifyPluginAsync = async (app) => {
  const query = pageQuerySchema(['at'], '-at');
  app.get<{ Querystring: PageQuery & { action?: string } }>(
    '/audit',
    {
      config: { roles: ['owner'] },
      schema: {
        tags: ['audit'],
        summary: 'List the audit log',
        querystring: {
          ...query,
          properties: {
            ...query.properties,
            action: {
              type: 'string',
              minLength: 1,
              maxLength: 64,
              description: 'Only entries of this action',
            },
          },
        },
        response: { 200: pageSchema(auditEntrySchema), ...errorResponses },
      },
    },
    async (request) => {
      const { action, ...page } = request.query;
      const filter = { workspaceId: staff(request).workspaceId, ...(action ? { action } : {}) };
      return await paginate(app.models.AuditEntry, filter, page, (e): AuditEntry => ({
        id: String(e._id),
        at: e.at.toISOString(),
        actor: { id: String(e.actorId), email: e.actorEmail },
        action: e.action,
        target: { type: e.targetType, id: e.targetId },
        before: e.before ?? null,
        after: e.after ?? null,
      }));
    },
  );
};

export default auditRoutes;
