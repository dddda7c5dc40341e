import type { FastifyPluginAsync } from 'fastify';
import {
  ANALYTICS_READERS,
  errorResponses,
  scoreQuerySchema,
  scoreReportSchema,
  scoreSettingsProblem,
  scoreSettingsSchema,
  type ScoreQuery,
  type ScoreSettings,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { upsertOnce } from '../../models';
import { staff } from '../../plugins/app/access';
import { readScoreSettings, scoreReport } from '../../analytics/score-report';
import { checkDayRange } from './range';

const tags = ['analytics'];

/** The service score: its weights and targets (owners set them) and the score of a range. */
const scoreRoutes: FastifyPluginAsync = async (app) => {
  const { ScoreSettings } = app.models;

  app.get(
    '/analytics/score-settings',
    {
      config: { roles: ANALYTICS_READERS },
      schema: {
        tags,
        summary: "The service score's KPIs, weights and targets",
        description:
          'A workspace that never set them has the default: CSAT 40 %, first response 30 %, resolution 30 %.',
        response: { 200: scoreSettingsSchema, ...errorResponses },
      },
    },
    async (request) => readScoreSettings(app.models, staff(request).workspaceId),
  );

  app.put<{ Body: ScoreSettings }>(
    '/analytics/score-settings',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: "Set the service score's KPIs, weights (summing to 100) and targets",
        body: scoreSettingsSchema,
        response: { 200: scoreSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const problem = scoreSettingsProblem(request.body);
      if (problem) throw new KefuError('KEFU_ERR_VALIDATION', problem.message, problem.field);
      const before = await readScoreSettings(app.models, auth.workspaceId);
      await upsertOnce(() =>
        ScoreSettings.updateOne(
          { workspaceId: auth.workspaceId },
          { $set: { kpis: request.body.kpis } },
          { upsert: true, runValidators: true },
        ),
      );
      const after = await readScoreSettings(app.models, auth.workspaceId);
      // One line per KPI: the audit log shows a change as a diff of these strings.
      const lines = (s: ScoreSettings) => s.kpis.map((k) => `${k.kpi} ${k.weight}% target ${k.target}`);
      await app.audit.record(auth, {
        action: 'analytics.score-settings.update',
        targetType: 'score-settings',
        targetId: auth.workspaceId,
        before: { kpis: lines(before) },
        after: { kpis: lines(after) },
      });
      return after;
    },
  );

  app.get<{ Querystring: ScoreQuery }>(
    '/analytics/score',
    {
      config: { roles: ANALYTICS_READERS },
      schema: {
        tags,
        summary:
          'The service score of a range: per period, against the period before, and what pulls it down',
        description:
          "Each weighted KPI's attainment of its target (0–100), the weighted sum, per day or week of the range " +
          'and for the period as long just before it, and the KPI with the largest weighted shortfall. ' +
          'A KPI without data in a period is left out and the others weigh in proportion.',
        querystring: scoreQuerySchema,
        response: { 200: scoreReportSchema, ...errorResponses },
      },
    },
    async (request) => {
      checkDayRange(request.query.from, request.query.to);
      return await scoreReport(app.models, staff(request).workspaceId, request.query);
    },
  );
};

export default scoreRoutes;
