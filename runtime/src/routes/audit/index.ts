import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import {
  PAGE_LIMIT_DEFAULT,
  auditEntrySchema,
  auditExportQuerySchema,
  auditFilterProperties,
  errorResponses,
  pageQuerySchema,
  pageSchema,
  type AuditEntry,
  type AuditFilter,
  type Page,
  type PageQuery,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { perWorkspace } from '../../plugins/external/rate-limit';
import { decodeCursor, encodeCursor, sortOf, walkList } from '../../paginate';
import { auditEntryMatcher, exportAuditCsv, toWireEntry, type Entry } from './audit-csv';

/** The workspace's audit log: every change an owner made, newest first by default. */
const auditRoutes: FastifyPluginAsync = async (app) => {
  const query = pageQuerySchema(['at'], '-at');
  const tags = ['audit'];
  app.get<{ Querystring: PageQuery & AuditFilter }>(
    '/audit',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'List the audit log',
        description:
          'In the order entries were written. With a filter, a request reads at most 512 entries: a page can ' +
          'come back short, with `scannedTo` and a nextCursor that goes on.',
        querystring: { ...query, properties: { ...query.properties, ...auditFilterProperties } },
        response: { 200: pageSchema(auditEntrySchema), ...errorResponses },
      },
    },
    async (request): Promise<Page<AuditEntry>> => {
      const { limit = PAGE_LIMIT_DEFAULT, cursor, sort = '-at' } = request.query;
      const filter = checkedFilter(request.query);
      const shape = `audit/${sort}`;
      const after = cursor ? decodeCursor(cursor, shape) : undefined;
      const order = sortOf(sort).dir;
      const from = filter.from ? new Date(filter.from) : undefined;
      const to = filter.to ? new Date(filter.to) : undefined;
      const walk = await walkList<Entry>({
        model: app.models.AuditEntry as never,
        workspaceId: staff(request).workspaceId,
        list: 'audit',
        order,
        limit,
        match: auditEntryMatcher(filter),
        // Entries are written in time order (give or take racing writers' milliseconds): the walk stops
        // at a page key whose every entry is outside the window.
        ...(order < 0 && from ? { past: (e: Entry) => e.at < from } : {}),
        ...(order > 0 && to ? { past: (e: Entry) => e.at >= to } : {}),
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

  app.get<{ Querystring: AuditFilter }>(
    '/audit/export',
    {
      config: { roles: ['owner'], rateLimit: perWorkspace('audit-exports', 10, '1 hour') },
      schema: {
        tags,
        summary: 'Export the audit log as CSV',
        description:
          'The entries the same filters as the list select, streamed in paced batches in the order stored. ' +
          "UTF-8 with a byte-order mark; cells a spreadsheet would run as a formula are prefixed with `'`.",
        querystring: auditExportQuerySchema,
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const filter = checkedFilter(request.query);
      const body = Readable.from(exportAuditCsv(app.models, staff(request).workspaceId, filter));
      body.once('error', (err) => request.log.error({ err }, 'audit export stopped'));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .send(body);
    },
  );
};

export default auditRoutes;

function checkedFilter<F extends AuditFilter>(filter: F): F {
  if (filter.from && filter.to && new Date(filter.from) >= new Date(filter.to))
    throw new KefuError(
      'KEFU_ERR_VALIDATION',
      'querystring/to must be after querystring/from',
      'querystring/to',
    );
  return filter;
}
