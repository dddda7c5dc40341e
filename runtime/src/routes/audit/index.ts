import type { FastifyPluginAsync } from 'fastify';
import {
  PAGE_LIMIT_DEFAULT,
  auditEntrySchema,
  errorResponses,
  pageQuerySchema,
  pageSchema,
  type AuditEntry,
  type Page,
  type PageQuery,
} from '@kefu/schemas/api';
import type { AuditEntryDoc } from '../../models/audit-entry';
import { staff } from '../../plugins/app/access';
import { decodeCursor, encodeCursor, sortOf, walkList } from '../../paginate';

type Entry = AuditEntryDoc & Record<string, unknown> & { _id: unknown };

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
        description:
          'In the order entries were written. With `action`, a request reads at most 512 entries: a page can ' +
          'come back short, with `scannedTo` and a nextCursor that goes on.',
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
    async (request): Promise<Page<AuditEntry>> => {
      const { action, limit = PAGE_LIMIT_DEFAULT, cursor, sort = '-at' } = request.query;
      const shape = `audit/${sort}`;
      const after = cursor ? decodeCursor(cursor, shape) : undefined;
      const walk = await walkList<Entry>({
        model: app.models.AuditEntry as never,
        workspaceId: staff(request).workspaceId,
        list: 'audit',
        order: sortOf(sort).dir,
        limit,
        ...(action ? { match: (e: Entry) => e.action === action } : {}),
        ...(after && 'o' in after ? { after: after.o } : {}),
      });
      const short = walk.next !== null && walk.items.length < limit && walk.reached;
      return {
        items: walk.items.map(toWireEntry),
        nextCursor: walk.next !== null ? encodeCursor(shape, { o: walk.next }) : null,
        ...(short ? { scannedTo: walk.reached!.at.toISOString() } : {}),
      };
    },
  );
};

export default auditRoutes;

function toWireEntry(e: Entry): AuditEntry {
  return {
    id: String(e._id),
    at: e.at.toISOString(),
    actor: { id: String(e.actorId), email: e.actorEmail },
    action: e.action,
    target: { type: e.targetType, id: e.targetId },
    before: e.before ?? null,
    after: e.after ?? null,
  };
}
