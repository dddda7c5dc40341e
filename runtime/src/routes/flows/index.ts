import type { FastifyPluginAsync } from 'fastify';
import type { FlowDraft } from '@kefu/schemas';
import {
  createFlowBodySchema,
  errorResponses,
  flowDetailSchema,
  flowSummarySchema,
  flowTemplateSchema,
  idParamsSchema,
  saveDraftBodySchema,
  validationResultSchema,
  type CreateFlowBody,
  type IdParams,
  type SaveDraftBody,
} from '@kefu/schemas/api';
import { compileFlow } from '@kefu/nodes/compiler';
import { workspaceDirectory } from './workspace-directory';
import { findTemplate, starterTemplates, templateDraft } from '@kefu/nodes/templates';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { draftTrigger, toFlowDetail, toFlowSummary } from './flow-wire';
import versionRoutes from './versions';
import lineupRoutes from './lineups';

export const FLOW_WRITERS = { roles: ['owner'] as const };
/** Analysts read flows (run histories point into them); only owners change them. */
export const FLOW_READERS = { roles: ['owner', 'analyst'] as const };
const tags = ['flows'];
/** A workspace has tens of flows, not thousands: one page holds them all. */
const FLOW_LIST_LIMIT = 500;

/** Flows: drafts saved with optimistic concurrency, validation, and (in versions.ts) publishing. */
const flowRoutes: FastifyPluginAsync = async (app) => {
  const { Flow } = app.models;

  app.get(
    '/flow-templates',
    {
      config: FLOW_READERS,
      schema: {
        tags,
        summary: 'Starter templates',
        response: { 200: { type: 'array', items: flowTemplateSchema }, ...errorResponses },
      },
    },
    async () =>
      starterTemplates.map((t) => ({
        id: t.id,
        kind: t.kind,
        name: t.name,
        description: t.description,
        draft: t.draft,
      })),
  );

  app.post<{ Body: CreateFlowBody }>(
    '/flows',
    {
      config: FLOW_WRITERS,
      schema: {
        tags,
        summary: 'Create a flow',
        body: createFlowBodySchema,
        response: { 201: flowDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = staff(request);
      const { name, kind, description, templateId, language } = request.body;
      const template = templateId === undefined ? undefined : findTemplate(templateId);
      if (templateId !== undefined && !template)
        throw new KefuError('KEFU_ERR_NOT_FOUND', `No template "${templateId}"`, 'body/templateId');
      const draft: FlowDraft = template
        ? {
            ...templateDraft(template, language ?? 'en'),
            name,
            kind,
            ...(description ? { description } : {}),
          }
        : {
            schemaVersion: 1,
            name,
            kind,
            ...(description ? { description } : {}),
            nodes: [{ id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } }],
            edges: [],
          };
      const flow = await Flow.create({
        workspaceId: actor.workspaceId,
        name,
        kind,
        ...(description ? { description } : {}),
        draft,
        trigger: draftTrigger(draft),
        revision: 0,
      });
      await app.audit.record(actor, {
        action: 'flow.create',
        targetType: 'flow',
        targetId: String(flow._id),
        after: { name, kind, ...(templateId ? { templateId, language: language ?? 'en' } : {}) },
      });
      return reply.status(201).send(toFlowDetail(flow.toObject()));
    },
  );

  app.get(
    '/flows',
    {
      config: FLOW_READERS,
      schema: {
        tags,
        summary: 'List flows, most recently changed first',
        response: {
          200: {
            type: 'object',
            required: ['items'],
            additionalProperties: false,
            properties: { items: { type: 'array', items: flowSummarySchema } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const flows = await Flow.find({ workspaceId: staff(request).workspaceId }, { draft: 0 })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(FLOW_LIST_LIMIT)
        .lean();
      return { items: flows.map((f) => toFlowSummary({ ...f, draft: null })) };
    },
  );

  app.get<{ Params: IdParams }>(
    '/flows/:id',
    {
      config: FLOW_READERS,
      schema: {
        tags,
        summary: 'A flow with its draft',
        params: idParamsSchema,
        response: { 200: flowDetailSchema, ...errorResponses },
      },
    },
    async (request) => toFlowDetail(await loadFlow(request.params.id, staff(request).workspaceId)),
  );

  app.put<{ Params: IdParams; Body: SaveDraftBody }>(
    '/flows/:id/draft',
    {
      config: FLOW_WRITERS,
      schema: {
        tags,
        summary: 'Save the draft (optimistic concurrency: 409 when the revision is stale)',
        params: idParamsSchema,
        body: saveDraftBodySchema,
        response: { 200: flowDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = staff(request);
      const { revision, draft } = request.body;
      const scope = { _id: request.params.id, workspaceId: actor.workspaceId };
      // Only a save based on the stored revision lands; a stale one changes nothing.
      const result = await Flow.updateOne(
        { ...scope, revision },
        {
          $set: {
            draft,
            name: draft.name,
            kind: draft.kind,
            trigger: draftTrigger(draft),
            ...(draft.description ? { description: draft.description } : {}),
          },
          $inc: { revision: 1 },
        },
      );
      if (result.matchedCount === 0) {
        const current = await loadFlow(request.params.id, actor.workspaceId);
        throw new KefuError(
          'KEFU_ERR_CONFLICT',
          `The flow was saved meanwhile (now at revision ${current.revision ?? 0}, yours was based on ${revision}); reload it and apply your change again`,
          'body/revision',
        );
      }
      return toFlowDetail(await loadFlow(request.params.id, actor.workspaceId));
    },
  );

  app.post<{ Params: IdParams }>(
    '/flows/:id/validate',
    {
      config: FLOW_READERS,
      schema: {
        tags,
        summary: 'Every problem of the saved draft, node by node',
        params: idParamsSchema,
        response: { 200: validationResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId } = staff(request);
      const flow = await loadFlow(request.params.id, workspaceId);
      const result = compileFlow(flow.draft, {
        workspace: await workspaceDirectory(app, workspaceId, flow.draft),
      });
      return result.ok
        ? { ok: true, problems: [], hash: result.flow.hash }
        : { ok: false, problems: result.problems };
    },
  );

  await app.register(versionRoutes);
  await app.register(lineupRoutes);

  async function loadFlow(id: string, workspaceId: string) {
    const flow = await Flow.findOne({ _id: id, workspaceId }).lean();
    if (!flow) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such flow', 'params/id');
    return flow;
  }
};

export default flowRoutes;
