import type { Model } from 'mongoose';
import { applyDueKpis, type Models } from '@kefu/runtime/models';

/**
 * What the worker's KPI applier does every few seconds, until nothing of the workspace is due: a
 * test that generated activity reads figures and the lists behind them from the same rollups.
 */
export async function applyAllDueKpis(models: Models, workspaceId: string): Promise<void> {
  const kpiModels = {
    Conversation: models.Conversation,
    Ticket: models.Ticket,
    SurveyResponse: models.SurveyResponse,
    PresenceSpan: models.PresenceSpan,
  } as unknown as Record<string, Model<unknown>>;
  while ((await applyDueKpis(kpiModels, { workspaceId })) > 0);
}
