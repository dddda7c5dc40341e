import type { FastifyPluginAsync } from 'fastify';
import {
  errorResponses,
  pageSchema,
  runListQuerySchema,
  runParamsSchema,
  runSchema,
  runTimelineSchema,
  type RunListQuery,
  type RunParams,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { paginate } from '../../paginate';
import { toWireRun, toWireStep } from './wire';

/** Run histories: which path each conversation took, with timings and decisions. Read-only. */
const runRoutes: FastifyPluginAsync = async (app) => {
  const { FlowRun, RunStep } = app.models;
  const tags = ['runs'];
  const readers = { roles: ['owner', 'analyst'] as const };

  app.get<{ Querystring: RunListQuery }>(
    '/runs',
    {
      config: readers,
      schema: {
        tags,
        summary: 'List flow runs',
        description: 'Filter by flow, version, status, contact, conversation and start time; newest first.',
        querystring: runListQuerySchema,
        response: { 200: pageSchema(runSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { flowId, version, status, contactId, conversationId, from, to, test, ...page } = request.query;
      const filter: Record<string, unknown> & { workspaceId: string } = {
        workspaceId: staff(request).workspaceId,
        // Simulations are kept apart: real runs by default, only simulations when asked.
        test: test ? true : { $ne: true },
      };
      if (flowId) filter.flowId = flowId;
      if (version !== undefined) filter.version = version;
      if (status) filter.status = status;
      if (contactId) filter.contactId = contactId;
      if (conversationId) filter.conversationId = conversationId;
      if (from || to)
        filter.startedAt = { ...(from ? { $gte: new Date(from) } : {}), ...(to ? { $lt: new Date(to) } : {}) };
      return await paginate(FlowRun, filter, page, toWireRun);
    },
  );

  app.get<{ Params: RunParams }>(
    '/runs/:runId',
    {
      config: readers,
      schema: {
        tags,
        summary: "One run's timeline",
        params: runParamsSchema,
        response: { 200: runTimelineSchema, ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = staff(request).workspaceId;
      const run = await FlowRun.findOne({ workspaceId, runId: request.params.runId }).lean();
      if (!run) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such run', 'params/runId');
      const steps = await RunStep.find({ workspaceId, runId: run.runId }).sort({ step: 1 }).lean();
      return { run: toWireRun(run), steps: steps.map(toWireStep) };
    },
  );
};

export default runRoutes;
