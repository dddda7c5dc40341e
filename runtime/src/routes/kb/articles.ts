import type { FastifyPluginAsync } from 'fastify';
import {
  errorResponses,
  idParamsSchema,
  kbArticleBodySchema,
  kbArticleListQuerySchema,
  kbArticlePatchSchema,
  kbArticleSchema,
  pageSchema,
  type IdParams,
  type KbArticleBody,
  type KbArticleListQuery,
  type KbArticlePatch,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { touchKnowledgeBase } from '../../models';
import { staff } from '../../plugins/app/access';
import { paginate } from '../../paginate';
import { toWireArticle } from './wire';

const tags = ['knowledge base'];
const editors = { roles: ['owner'] as const };
const readers = { roles: ['owner', 'agent'] as const };

/** Articles: owners write them, agents read them (to answer customers the same way). */
const articleRoutes: FastifyPluginAsync = async (app) => {
  const { KbArticle, KbSettings } = app.models;

  async function find(workspaceId: string, id: string) {
    const doc = await KbArticle.findOne({ _id: id, workspaceId });
    if (!doc) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such article', 'params/id');
    return doc;
  }
  const duplicate = (err: unknown): never => {
    if ((err as { code?: number }).code === 11000)
      throw new KefuError(
        'KEFU_ERR_CONFLICT',
        'An article with this question already exists',
        'body/question',
      );
    throw err;
  };

  app.get<{ Querystring: KbArticleListQuery }>(
    '/kb/articles',
    {
      config: readers,
      schema: {
        tags,
        summary: 'List or search articles',
        description: '`q` matches words in the question, phrasings, answer and tags (case-insensitive).',
        querystring: kbArticleListQuerySchema,
        response: { 200: pageSchema(kbArticleSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { q, tag, enabled, locale, ...page } = request.query;
      const filter: Record<string, unknown> & { workspaceId: string } = {
        workspaceId: staff(request).workspaceId,
      };
      if (tag) filter.tags = tag;
      if (enabled !== undefined) filter.enabled = enabled;
      if (locale) filter.locale = locale;
      if (q) {
        // No $text on FerretDB: a case-insensitive regex over the fields owners write.
        const pattern = { $regex: q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
        filter.$or = [{ question: pattern }, { phrasings: pattern }, { answer: pattern }, { tags: pattern }];
      }
      return await paginate(KbArticle, filter, page, toWireArticle);
    },
  );

  app.get<{ Params: IdParams }>(
    '/kb/articles/:id',
    {
      config: readers,
      schema: {
        tags,
        summary: 'One article',
        params: idParamsSchema,
        response: { 200: kbArticleSchema, ...errorResponses },
      },
    },
    async (request) => toWireArticle(await find(staff(request).workspaceId, request.params.id)),
  );

  app.post<{ Body: KbArticleBody }>(
    '/kb/articles',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Add an article',
        body: kbArticleBodySchema,
        response: { 201: kbArticleSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      const doc = await KbArticle.create({ ...request.body, workspaceId: auth.workspaceId }).catch(duplicate);
      await touchKnowledgeBase(KbSettings, auth.workspaceId);
      const after = toWireArticle(doc);
      await app.audit.record(auth, {
        action: 'kb.article.create',
        targetType: 'kb-article',
        targetId: after.id,
        after,
      });
      return reply.status(201).send(after);
    },
  );

  app.patch<{ Params: IdParams; Body: KbArticlePatch }>(
    '/kb/articles/:id',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Change an article (e.g. add a phrasing from the learning loop, or disable it)',
        params: idParamsSchema,
        body: kbArticlePatchSchema,
        response: { 200: kbArticleSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const doc = await find(auth.workspaceId, request.params.id);
      const before = toWireArticle(doc);
      doc.set(request.body);
      await doc.save().catch(duplicate);
      await touchKnowledgeBase(KbSettings, auth.workspaceId);
      const after = toWireArticle(doc);
      await app.audit.record(auth, {
        action: 'kb.article.update',
        targetType: 'kb-article',
        targetId: after.id,
        before,
        after,
      });
      return after;
    },
  );

  app.delete<{ Params: IdParams }>(
    '/kb/articles/:id',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Delete an article',
        params: idParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      const doc = await find(auth.workspaceId, request.params.id);
      await KbArticle.deleteOne({ _id: doc._id, workspaceId: auth.workspaceId });
      await touchKnowledgeBase(KbSettings, auth.workspaceId);
      await app.audit.record(auth, {
        action: 'kb.article.delete',
        targetType: 'kb-article',
        targetId: String(doc._id),
        before: toWireArticle(doc),
      });
      return reply.status(204).send();
    },
  );
};

export default articleRoutes;
