import type { FastifyPluginAsync } from 'fastify';
import type { CompiledFlow, FlowDraft } from '@kefu/schemas';
import {
  errorResponses,
  flowDiffQuerySchema,
  flowDiffSchema,
  flowVersionDetailSchema,
  flowVersionParamsSchema,
  flowVersionSummarySchema,
  idParamsSchema,
  publishBodySchema,
  rollbackBodySchema,
  type FlowDiffQuery,
  type FlowVersionParams,
  type IdParams,
  type PublishBody,
  type RollbackBody,
} from '@kefu/schemas/api';
import { diffFlows } from '@kefu/nodes/compiler';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { toVersionDetail, toVersionSummary } from './flow-wire';
import { publishDraft } from './publish';

const WRITERS = { roles: ['owner'] as const };
const READERS = { roles: ['owner', 'analyst'] as const };
const tags = ['flows'];

/** Published versions: publish, list, fetch, diff, roll back. Versions are never changed or deleted. */
const versionRoutes: FastifyPluginAsync = async (app) => {
  const { Flow, FlowVersion } = app.models;

  app.post<{ Params: IdParams; Body: PublishBody | undefined }>(
    '/flows/:id/publish',
    {
      config: WRITERS,
      schema: {
        tags,
        summary: 'Compile the saved draft and publish it as the next version (422 names the first problem)',
        params: idParamsSchema,
        body: publishBodySchema,
        response: { 201: flowVersionSummarySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = staff(request);
      const flow = await loadFlow(request.params.id, actor.workspaceId);
      const revision = request.body?.revision;
      if (revision !== undefined && revision !== (flow.revision ?? 0))
        throw new KefuError(
          'KEFU_ERR_CONFLICT',
          `The draft is at revision ${flow.revision ?? 0}, not ${revision}`,
          'body/revision',
        );
      const published = await publishDraft(app, actor, request.params.id, flow.draft as FlowDraft);
      return reply.status(201).send(published);
    },
  );

  app.post<{ Params: IdParams; Body: RollbackBody }>(
    '/flows/:id/rollback',
    {
      config: WRITERS,
      schema: {
        tags,
        summary: "Publish an older version's draft again, as a new version",
        params: idParamsSchema,
        body: rollbackBodySchema,
        response: { 201: flowVersionSummarySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = staff(request);
      await loadFlow(request.params.id, actor.workspaceId);
      const old = await loadVersion(
        request.params.id,
        request.body.version,
        actor.workspaceId,
        'body/version',
      );
      if (!old.draft)
        throw new KefuError(
          'KEFU_ERR_CONFLICT',
          `Version ${old.version} was stored without its draft`,
          'body/version',
        );
      const published = await publishDraft(
        app,
        actor,
        request.params.id,
        old.draft as FlowDraft,
        old.version,
      );
      return reply.status(201).send(published);
    },
  );

  app.get<{ Params: IdParams }>(
    '/flows/:id/versions',
    {
      config: READERS,
      schema: {
        tags,
        summary: 'Published versions, newest first',
        params: idParamsSchema,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            additionalProperties: false,
            properties: { items: { type: 'array', items: flowVersionSummarySchema } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const workspaceId = staff(request).workspaceId;
      const flow = await loadFlow(request.params.id, workspaceId);
      const versions = await FlowVersion.find(
        { workspaceId, flowId: request.params.id },
        { compiled: 0, draft: 0 },
      )
        .sort({ version: -1 })
        .lean();
      return { items: versions.map((v) => toVersionSummary({ ...v, compiled: {} }, flow.activeVersion)) };
    },
  );

  app.get<{ Params: FlowVersionParams }>(
    '/flows/:id/versions/:version',
    {
      config: READERS,
      schema: {
        tags,
        summary: 'One published version with its draft and compiled flow',
        params: flowVersionParamsSchema,
        response: { 200: flowVersionDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = staff(request).workspaceId;
      const flow = await loadFlow(request.params.id, workspaceId);
      const version = await loadVersion(
        request.params.id,
        request.params.version,
        workspaceId,
        'params/version',
      );
      return toVersionDetail(version, flow.activeVersion);
    },
  );

  app.get<{ Params: IdParams; Querystring: FlowDiffQuery }>(
    '/flows/:id/diff',
    {
      config: READERS,
      schema: {
        tags,
        summary: 'What changed between two versions: nodes added, removed, changed; edges added, removed',
        params: idParamsSchema,
        querystring: flowDiffQuerySchema,
        response: { 200: flowDiffSchema, ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = staff(request).workspaceId;
      await loadFlow(request.params.id, workspaceId);
      const [from, to] = await Promise.all([
        loadVersion(request.params.id, request.query.from, workspaceId, 'querystring/from'),
        loadVersion(request.params.id, request.query.to, workspaceId, 'querystring/to'),
      ]);
      return diffFlows(from.compiled as CompiledFlow, to.compiled as CompiledFlow);
    },
  );

  async function loadFlow(id: string, workspaceId: string) {
    const flow = await Flow.findOne({ _id: id, workspaceId }).lean();
    if (!flow) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such flow', 'params/id');
    return flow;
  }

  async function loadVersion(flowId: string, version: number, workspaceId: string, field: string) {
    const found = await FlowVersion.findOne({ workspaceId, flowId, version }).lean();
    if (!found) throw new KefuError('KEFU_ERR_NOT_FOUND', `This flow has no version ${version}`, field);
    return found;
  }
};

export default versionRoutes;
