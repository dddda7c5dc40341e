import { applyDueKpis, kpiNotedModels, type Models } from '@kefu/runtime/models';

/**
 * What the worker's KPI applier does every few seconds, until nothing of the workspace is due: a
 * test that generated activity reads figures and the lists behind them from the same rollups.
 */
export async function applyAllDueKpis(models: Models, workspaceId: string): Promise<void> {
  const kpiModels = kpiNotedModels(models);
  while ((await applyDueKpis(kpiModels, { workspaceId })) > 0);
}
