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
import { exportArticlesCsv, exportArticlesJson, parseArticlesCsv, parseArticlesJson } from '../../kb/io';
import { toKbArticle, touchKnowledgeBase } from '../../models';
import { staff } from '../../plugins/app/access';
import { perWorkspace } from '../../plugins/external/rate-limit';

const tags = ['knowledge base'];

/** CSV and JSON in and out. An import keeps every good row and reports each bad one, and why. */
const ioRoutes: FastifyPluginAsync = async (app) => {
  const { KbArticle, KbSettings } = app.models;

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
        querystring: kbExportQuerySchema,
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const docs = await KbArticle.find({ workspaceId: staff(request).workspaceId })
        .sort({ question: 1 })
        .lean();
      const articles = docs.map(toKbArticle);
      const csv = request.query.format === 'csv';
      reply
        .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="knowledge-base.${csv ? 'csv' : 'json'}"`);
      return csv ? exportArticlesCsv(articles) : exportArticlesJson(articles);
    },
  );
};

export default ioRoutes;
