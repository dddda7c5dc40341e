import type { FastifyPluginAsync } from 'fastify';
import {
  ANALYTICS_READERS,
  KPI_MAX_DAYS,
  errorResponses,
  kpiQuerySchema,
  kpiReportSchema,
  type KpiQuery,
  type KpiReport,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { isDay, toTime } from '../../analytics/kpi-days';
import { kpiReport } from '../../analytics/kpi-report';
import splitRoutes from './splits';
import funnelRoutes from './funnel';

/** Service KPIs from the rollups kept as conversations, tickets and surveys happen (docs/analytics.md). */
const analyticsRoutes: FastifyPluginAsync = async (app) => {
  await app.register(splitRoutes);
  await app.register(funnelRoutes);
  app.get<{ Querystring: KpiQuery }>(
    '/analytics/kpis',
    {
      config: { roles: ANALYTICS_READERS },
      schema: {
        tags: ['analytics'],
        summary: 'Service KPIs per day or week',
        description:
          'Per period and per value of `by` (or the whole workspace): conversations and tickets in, first ' +
          'response and resolution time (median, p90), resolution, answer and bot deflection rates, CSAT, SLA ' +
          'breaches and reopens; with the same figures for the period as long just before the range. Days are ' +
          `the workspace's, in its time zone; the range is at most ${KPI_MAX_DAYS} days. Simulator runs are left out.`,
        querystring: kpiQuerySchema,
        response: { 200: kpiReportSchema, ...errorResponses },
      },
    },
    async (request): Promise<KpiReport> => {
      const { from, to } = request.query;
      if (!isDay(from))
        throw new KefuError(
          'KEFU_ERR_VALIDATION',
          'querystring/from is not a calendar day',
          'querystring/from',
        );
      if (!isDay(to))
        throw new KefuError('KEFU_ERR_VALIDATION', 'querystring/to is not a calendar day', 'querystring/to');
      if (to < from)
        throw new KefuError(
          'KEFU_ERR_VALIDATION',
          'querystring/to must be on or after querystring/from',
          'querystring/to',
        );
      const days = (toTime(to) - toTime(from)) / 86_400_000 + 1;
      if (days > KPI_MAX_DAYS)
        throw new KefuError(
          'KEFU_ERR_VALIDATION',
          `The range is ${days} days; at most ${KPI_MAX_DAYS} days from querystring/from`,
          'querystring/to',
        );
      return await kpiReport(app.models, staff(request).workspaceId, request.query);
    },
  );
};

export default analyticsRoutes;
