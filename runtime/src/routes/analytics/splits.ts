import type { FastifyPluginAsync } from 'fastify';
import {
  ANALYTICS_READERS,
  errorResponses,
  splitQuerySchema,
  splitReportSchema,
  type SplitQuery,
  type SplitReport,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { splitReport } from '../../analytics/split-report';
import { checkDayRange } from './range';

/** A flow version's random splits compared branch by branch (docs/analytics.md, "Random split comparison"). */
const splitRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: SplitQuery }>(
    '/analytics/splits',
    {
      config: { roles: ANALYTICS_READERS },
      schema: {
        tags: ['analytics'],
        summary: "A flow version's random splits compared, branch by branch",
        description:
          'For each random-split node of the version: per branch, the conversations that came in on the ' +
          "range's days and took it, resolved by the bot, handed to a person, CSAT; each branch against the " +
          "first with the difference, its 95 % confidence interval, the p-value and Holm's adjustment. From the " +
          'rollups only; simulator runs are left out.',
        querystring: splitQuerySchema,
        response: { 200: splitReportSchema, ...errorResponses },
      },
    },
    async (request): Promise<SplitReport> => {
      checkDayRange(request.query.from, request.query.to);
      const report = await splitReport(app.models, staff(request).workspaceId, request.query);
      if (!report)
        throw new KefuError(
          'KEFU_ERR_NOT_FOUND',
          'This flow has no published version querystring/version',
          'querystring/version',
        );
      return report;
    },
  );
};

export default splitRoutes;
