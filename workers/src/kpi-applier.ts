import { applyDueKpis, KPI_BATCH, kpiNotedModels, type Models } from '@kefu/runtime/models';

/**
 * Applies the KPI rollups off the request path (runtime/src/models/kpi-noted.ts): the product's
 * writes only mark a document due; every `everyMs` this notes due documents of every workspace in
 * bounded batches (indexed equality lookups on `kpiDue`) until a batch comes back short, and applies
 * ledger entries whose writer stopped. Every pass is idempotent, so two workers, or a worker killed
 * half way and restarted, count each event once. A failed pass is logged and retried on the next tick.
 */
export function startKpiApplier(models: Models, options: { everyMs: number; log: (msg: string) => void }) {
  const kpiModels = kpiNotedModels(models);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();
  const tick = () => {
    pass = (async () => {
      try {
        // A full batch of any model means more may be due: go on at once.
        while (!stopped && (await applyDueKpis(kpiModels, { limit: KPI_BATCH })) >= KPI_BATCH);
      } catch (err) {
        options.log(`KPI applier pass failed, retried in ${options.everyMs} ms: ${(err as Error).message}`);
      }
      if (!stopped) timer = setTimeout(tick, options.everyMs);
    })();
  };
  if (options.everyMs > 0) tick();
  return {
    /** Stops after the pass under way (it must not outlive the store connection). */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}
