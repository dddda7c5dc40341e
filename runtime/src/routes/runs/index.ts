import type { FastifyPluginAsync } from 'fastify';
import {
  ANALYTICS_READERS,
  errorResponses,
  runListQuerySchema,
  runPageSchema,
  runParamsSchema,
  runTimelineSchema,
  type RunListQuery,
  type RunPage,
  type RunParams,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { listRuns } from './list-runs';
import { toWireRun, toWireStep } from './wire';
import { viewOf } from '../../privacy/pii-view';

/** Run histories: which path each conversation took, with timings and decisions. Read-only. */
const runRoutes: FastifyPluginAsync = async (app) => {
  const { FlowRun, RunStep } = app.models;
  const tags = ['runs'];
  // The run explorer is part of analytics: who reads one reads the other.
  const readers = { roles: ANALYTICS_READERS };

  app.get<{ Querystring: RunListQuery }>(
    '/runs',
    {
      config: readers,
      schema: {
        tags,
        summary: 'List flow runs (the run explorer)',
        description:
          'Filter by flow, version, status, ending node, channel, team, contact tag, contact, conversation, ' +
          'customer (name, email or phone) and start time; newest first, in the order runs were recorded. ' +
          "A conversation's, a contact's or a searched customer's runs are read whole (with `total`); otherwise " +
          "the workspace's (or the flow's) runs are read by page, at most 512 per request: a filtered page can " +
          'come back short, with `scanned`, `scannedTo` and a nextCursor that goes on. Designer simulations ' +
          'only with test=true.',
        querystring: runListQuerySchema,
        response: { 200: runPageSchema, ...errorResponses },
      },
    },
    async (request): Promise<RunPage> => {
      const auth = staff(request);
      return await listRuns(app.models, auth.workspaceId, request.query, viewOf(auth));
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
      const auth = staff(request);
      const { workspaceId } = auth;
      const run = await FlowRun.findOne({ workspaceId, runId: request.params.runId }).lean();
      if (!run) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such run', 'params/runId');
      const steps = await RunStep.find({ workspaceId, runId: run.runId }).sort({ step: 1 }).lean();
      return {
        run: toWireRun(run, viewOf(auth)),
        steps: steps.map((s) => toWireStep(s, viewOf(auth))),
      };
    },
  );
};

export default runRoutes;
