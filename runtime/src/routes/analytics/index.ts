import type { FastifyPluginAsync } from 'fastify';
import {
  ANALYTICS_READERS,
  KPI_ITEMS_LOOKUPS,
  KPI_MAX_DAYS,
  analyticsPeopleSchema,
  errorResponses,
  kpiItemsPageSchema,
  kpiItemsQuerySchema,
  kpiQuerySchema,
  kpiReportSchema,
  type AnalyticsPeople,
  type KpiItemsPage,
  type KpiItemsQuery,
  type KpiQuery,
  type KpiReport,
} from '@kefu/schemas/api';
import { staff } from '../../plugins/app/access';
import { kpiItems } from '../../analytics/kpi-items';
import { checkDayRange } from './range';
import reportRoutes from './reports';
import scoreRoutes from './score';
import { kpiReport } from '../../analytics/kpi-report';
import splitRoutes from './splits';
import funnelRoutes from './funnel';

/** Service KPIs from the rollups kept as conversations, tickets and surveys happen (docs/analytics.md). */
const analyticsRoutes: FastifyPluginAsync = async (app) => {
  await app.register(splitRoutes);
  await app.register(funnelRoutes);
  await app.register(scoreRoutes);
  await app.register(reportRoutes);
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
      checkDayRange(request.query.from, request.query.to);
      return await kpiReport(app.models, staff(request).workspaceId, request.query);
    },
  );

  app.get<{ Querystring: KpiItemsQuery }>(
    '/analytics/kpis/items',
    {
      config: { roles: ANALYTICS_READERS },
      schema: {
        tags: ['analytics'],
        summary: 'The conversations and tickets counted in one KPI figure',
        description:
          'The drill-down from a figure of GET /analytics/kpis (`kpi`, the range, the row `dim`): the ' +
          'conversations (tickets; a CSAT answer lists its conversation) counted in it, newest day first. ' +
          `Read from the KPI ledger a day at a time, at most ${KPI_ITEMS_LOOKUPS} day lookups a request: a ` +
          'page can come back short with `scannedTo` and a `nextCursor` that goes on to older days.',
        querystring: kpiItemsQuerySchema,
        response: { 200: kpiItemsPageSchema, ...errorResponses },
      },
    },
    async (request): Promise<KpiItemsPage> => {
      checkDayRange(request.query.from, request.query.to);
      return await kpiItems(app.models, staff(request).workspaceId, request.query);
    },
  );

  app.get(
    '/analytics/people',
    {
      config: { roles: ANALYTICS_READERS },
      schema: {
        tags: ['analytics'],
        summary: "The workspace's staff, id and name",
        description:
          "The names of the agents' rows of GET /analytics/kpis?by=agent (analysts do not read /users: " +
          'no email, no roles). Disabled users too: they served the conversations of their time.',
        response: { 200: analyticsPeopleSchema, ...errorResponses },
      },
    },
    async (request): Promise<AnalyticsPeople> => {
      // A workspace's staff is small by nature (invited by hand); the cap keeps the answer bounded.
      const users = await app.models.User.find(
        { workspaceId: staff(request).workspaceId },
        { name: 1, email: 1 },
      )
        .limit(1000)
        .lean();
      return { items: users.map((u) => ({ id: String(u._id), name: u.name || u.email })) };
    },
  );
};

export default analyticsRoutes;
