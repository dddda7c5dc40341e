import type { FastifyPluginAsync } from 'fastify';
import {
  ANALYTICS_READERS,
  FUNNEL_MAX_DAYS,
  errorResponses,
  funnelQuerySchema,
  funnelReportSchema,
  type FunnelQuery,
  type FunnelReport,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { funnelReport } from '../../analytics/funnel-report';
import { checkDayRange } from './range';

/** A flow version's funnel from the rollups the worker keeps as runs happen (docs/analytics.md). */
const funnelRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: FunnelQuery }>(
    '/analytics/funnel',
    {
      config: { roles: ANALYTICS_READERS },
      schema: {
        tags: ['analytics'],
        summary: "A flow version's funnel",
        description:
          'Per node of the version, for the runs that started in the range: runs that entered, visits that ' +
          'left by each port, runs that finished, dropped off (stopped short or failed) or wait there now, and ' +
          `the median and p90 time spent there. Days are the workspace's; at most ${FUNNEL_MAX_DAYS} days. ` +
          'Simulator runs are left out.',
        querystring: funnelQuerySchema,
        response: { 200: funnelReportSchema, ...errorResponses },
      },
    },
    async (request): Promise<FunnelReport> => {
      const { flowId, version, from, to } = request.query;
      const workspaceId = staff(request).workspaceId;
      checkDayRange(from, to, FUNNEL_MAX_DAYS);
      const flow = await app.models.Flow.findOne({ workspaceId, _id: flowId }, { _id: 1 }).lean();
      if (!flow) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such flow', 'querystring/flowId');
      const published = await app.models.FlowVersion.findOne(
        { workspaceId, flowId, version },
        { _id: 1 },
      ).lean();
      if (!published)
        throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such published version', 'querystring/version');
      return await funnelReport(app.models, workspaceId, request.query);
    },
  );
};

export default funnelRoutes;
