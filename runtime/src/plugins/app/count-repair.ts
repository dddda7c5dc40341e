import fp from 'fastify-plugin';
import { repairCounts } from '../../models/counted';
import { noteDueKpis } from '../../models/kpi-noted';
import { sweepKpiEvents } from '../../models/kpi-record';

/**
 * Finishes, once at start, the counts of changes whose writer stopped half way
 * (models/counted.ts). After that each workspace's counts are repaired when they are read
 * (routes/tickets, routes/contacts), so nothing runs in the background.
 */
export default fp(
  async (app) => {
    let running: Promise<void> = Promise.resolve();
    app.addHook('onReady', async () => {
      running = repairCounts(app.models as never)
        .then(async (repaired) => {
          // The KPI rollups likewise (models/kpi-record.ts): each workspace's are finished again when read.
          const kpis =
            (await noteDueKpis(app.models as never)) + (await sweepKpiEvents(app.models.KpiBucket.db));
          return repaired + kpis;
        })
        .then(
          (repaired) => {
            if (repaired) app.log.warn({ repaired }, 'counts of interrupted changes repaired');
          },
          (err: unknown) =>
            app.log.error({ err }, 'count repair at start failed; counts are repaired when read'),
        );
    });
    // A pass under way finishes first: it must not outlive the connection.
    app.addHook('onClose', async () => await running);
  },
  { name: 'count-repair', dependencies: ['db'] },
);
