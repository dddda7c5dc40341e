import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import {
  errorResponses,
  kbExportQuerySchema,
  kbImportBodySchema,
  kbImportReportSchema,
  type KbExportQuery,
  type KbImportBody,
  type KbImportReportWire,
} from '@kefu/schemas/api';
import { parseArticlesCsv, parseArticlesJson, streamArticles } from '../../kb/io';
import { pacedBatches, toKbArticle, touchKnowledgeBase, type KbArticleDoc } from '../../models';
import { staff } from '../../plugins/app/access';
import { perWorkspace } from '../../plugins/external/rate-limit';

const tags = ['knowledge base'];

/** CSV and JSON in and out. An import keeps every good row and reports each bad one, and why. */
const ioRoutes: FastifyPluginAsync = async (app) => {
  const { KbArticle, KbSettings } = app.models;

  /** A workspace's articles, one paced batch at a time (never the whole knowledge base in memory). */
  async function* articleBatches(workspaceId: string) {
    for await (const batch of pacedBatches<KbArticleDoc & { _id: unknown }>(KbArticle, { workspaceId }, null))
      yield batch.map(toKbArticle);
  }

  app.post<{ Body: KbImportBody }>(
    '/kb/import',
    {
      config: { roles: ['owner'], rateLimit: perWorkspace('imports', 20, '1 hour') },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import articles from a CSV or JSON file',
        description:
          'CSV columns: question, phrasings (separated by |), answer, tags (|), locale, enabled. Good rows are ' +
          'imported; each bad row is reported with its line (CSV) or position (JSON), the field and why. ' +
          '20 per hour per workspace.',
        body: kbImportBodySchema,
        response: { 200: kbImportReportSchema, ...errorResponses },
      },
    },
    async (request): Promise<KbImportReportWire> => {
      const auth = staff(request);
      const bytes = Buffer.from(request.body.contentBase64, 'base64');
      const existing = await KbArticle.find({ workspaceId: auth.workspaceId }, { question: 1 }).lean();
      const options = {
        existingQuestions: existing.map((a) => a.question),
        ...(request.body.defaultLocale ? { defaultLocale: request.body.defaultLocale } : {}),
      };
      const report =
        request.body.format === 'csv' ? parseArticlesCsv(bytes, options) : parseArticlesJson(bytes, options);
      const problems: KbImportReportWire['problems'] = report.problems.map((p) => ({
        row: p.row,
        ...(p.field ? { field: p.field } : {}),
        code: p.code,
        message: p.message,
      }));
      let imported = 0;
      for (const { row, article } of report.articles) {
        const { id: _ignored, ...fields } = article;
        try {
          await KbArticle.create({ ...fields, workspaceId: auth.workspaceId });
          imported++;
        } catch (err) {
          // A concurrent edit added the same question meanwhile, or the database refused the row.
          const duplicate = (err as { code?: number }).code === 11000;
          problems.push({
            row,
            field: duplicate ? 'question' : undefined,
            code: duplicate ? 'duplicate' : 'invalid',
            message: duplicate ? 'An article with this question already exists' : (err as Error).message,
          } as KbImportReportWire['problems'][number]);
        }
      }
      if (imported > 0) await touchKnowledgeBase(KbSettings, auth.workspaceId);
      await app.audit.record(auth, {
        action: 'kb.import',
        targetType: 'kb',
        targetId: auth.workspaceId,
        after: { format: request.body.format, imported, problems: problems.length },
      });
      return { imported, problems };
    },
  );

  app.get<{ Querystring: KbExportQuery }>(
    '/kb/export',
    {
      config: { roles: ['owner'], rateLimit: perWorkspace('exports', 20, '1 hour') },
      schema: {
        tags,
        summary: 'Export every article as CSV or JSON',
        description:
          'Streamed: the articles are read in batches of 500 with a pause after each and written as they ' +
          'are read, in the order they were stored, so a large knowledge base neither fills memory nor ' +
          'holds up other shops. 20 per hour per workspace.',
        querystring: kbExportQuerySchema,
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const workspaceId = staff(request).workspaceId;
      const format = request.query.format === 'csv' ? 'csv' : 'json';
      const body = Readable.from(streamArticles(format, articleBatches(workspaceId)));
      body.once('error', (err) => request.log.error({ err }, 'knowledge-base export stopped'));
      return reply
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="knowledge-base.${format}"`)
        .send(body);
    },
  );
};

export default ioRoutes;
