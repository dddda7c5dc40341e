import { serviceScore, type ScoreQuery, type ScoreReport } from '@kefu/schemas/api';
import type { Models } from '../models';
import { scoreSettingsOf } from '../models/score-settings';
import { kpiReport } from './kpi-report';

/** The workspace's score settings, or the default for one that never set them. */
export async function readScoreSettings(models: Models, workspaceId: string) {
  return scoreSettingsOf(await models.ScoreSettings.findOne({ workspaceId }).lean());
}

/** GET /analytics/score (and the weekly PDF): the KPI report of the range, scored. */
export async function scoreReport(
  models: Models,
  workspaceId: string,
  query: ScoreQuery,
): Promise<ScoreReport> {
  const [settings, report] = await Promise.all([
    readScoreSettings(models, workspaceId),
    kpiReport(models, workspaceId, { from: query.from, to: query.to, groupBy: query.groupBy ?? 'day' }),
  ]);
  return serviceScore(report, settings);
}
