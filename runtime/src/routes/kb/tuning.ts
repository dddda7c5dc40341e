import type { FastifyPluginAsync } from 'fastify';
import {
  errorResponses,
  idParamsSchema,
  kbGapCloseBodySchema,
  kbGapListQuerySchema,
  kbGapSchema,
  kbSearchBodySchema,
  kbSearchResultSchema,
  kbSettingsSchema,
  type IdParams,
  type KbGapCloseBody,
  type KbGapListQuery,
  type KbSearchBody,
  type KbSettingsWire,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { DEFAULT_THRESHOLD } from '../../kb';
import { createKnowledgeSearch } from '../../kb/knowledge-search';
import { closeKbGap, listKbGaps, synonymGroups, touchKnowledgeBase } from '../../models';
import { staff } from '../../plugins/app/access';

const tags = ['knowledge base'];

/** Tuning the bot: threshold and synonyms, a try-it search, and the learning loop. */
const tuningRoutes: FastifyPluginAsync = async (app) => {
  const { KbSettings } = app.models;
  const search = createKnowledgeSearch(app.models);

  const settingsOf = async (workspaceId: string): Promise<KbSettingsWire> => {
    const doc = await KbSettings.findOne({ workspaceId }).lean();
    return { threshold: doc?.threshold ?? DEFAULT_THRESHOLD, synonyms: synonymGroups(doc) };
  };

  app.get(
    '/kb/settings',
    {
      config: { roles: ['owner', 'agent'] },
      schema: {
        tags,
        summary: "The bot's threshold and synonyms",
        response: { 200: kbSettingsSchema, ...errorResponses },
      },
    },
    async (request) => settingsOf(staff(request).workspaceId),
  );

  app.put<{ Body: KbSettingsWire }>(
    '/kb/settings',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Set the threshold and the synonym groups (e.g. ["退货", "退款", "return"])',
        body: kbSettingsSchema,
        response: { 200: kbSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const before = await settingsOf(auth.workspaceId);
      await touchKnowledgeBase(KbSettings, auth.workspaceId);
      await KbSettings.updateOne(
        { workspaceId: auth.workspaceId },
        {
          $set: {
            threshold: request.body.threshold,
            synonyms: request.body.synonyms.map((terms) => ({ terms })),
          },
        },
      );
      const after = await settingsOf(auth.workspaceId);
      // FerretDB 1.x stores no nested arrays: the audit keeps each synonym group as one string.
      const flat = (s: KbSettingsWire) => ({
        threshold: s.threshold,
        synonyms: s.synonyms.map((g) => g.join(' ~ ')),
      });
      await app.audit.record(auth, {
        action: 'kb.settings.update',
        targetType: 'kb',
        targetId: auth.workspaceId,
        before: flat(before),
        after: flat(after),
      });
      return after;
    },
  );

  app.post<{ Body: KbSearchBody }>(
    '/kb/search',
    {
      config: { roles: ['owner', 'agent'] },
      schema: {
        tags,
        summary: 'Ask the bot: what it would answer, how sure it is, and the runners-up',
        body: kbSearchBodySchema,
        response: { 200: kbSearchResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const r = await search.search({
        workspaceId: staff(request).workspaceId,
        query: request.body.query,
        ...(request.body.minConfidence !== undefined ? { minConfidence: request.body.minConfidence } : {}),
        recordUnanswered: false,
      });
      const hit = (h: { articleId: string; question: string; confidence: number } | null) =>
        h ? { articleId: h.articleId, question: h.question, confidence: h.confidence } : null;
      return {
        answer: hit(r.answer),
        best: hit(r.best),
        suggestions: r.suggestions.map(hit),
        threshold: r.threshold,
      };
    },
  );

  app.get<{ Querystring: KbGapListQuery }>(
    '/kb/gaps',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Questions the bot could not answer and answers marked unhelpful, commonest first',
        querystring: kbGapListQuerySchema,
        response: { 200: { type: 'array', items: kbGapSchema }, ...errorResponses },
      },
    },
    async (request) => {
      const gaps = await listKbGaps(app.models, staff(request).workspaceId, request.query);
      return gaps.map((g) => ({
        id: String(g._id),
        kind: g.kind,
        text: g.text,
        ...(g.articleId ? { articleId: String(g.articleId) } : {}),
        count: g.count,
        lastAt: g.lastAt.toISOString(),
        status: g.status,
      }));
    },
  );

  app.post<{ Params: IdParams; Body: KbGapCloseBody }>(
    '/kb/gaps/:id/close',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Mark a gap handled (turned into an article or phrasing) or dismissed',
        params: idParamsSchema,
        body: kbGapCloseBodySchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      if (!(await closeKbGap(app.models, auth.workspaceId, request.params.id, request.body.status)))
        throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such gap', 'params/id');
      await app.audit.record(auth, {
        action: `kb.gap.${request.body.status}`,
        targetType: 'kb-gap',
        targetId: request.params.id,
        after: { status: request.body.status },
      });
      return reply.status(204).send();
    },
  );
};

export default tuningRoutes;
