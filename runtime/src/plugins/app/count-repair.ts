import fp from 'fastify-plugin';
import { repairCounts } from '../../models/counted';

const EVERY_MS = 60_000;

/**
 * Finishes the counts of changes whose writer stopped half way (models/counted.ts): once at start
 * and every minute. Each pass reads only the documents and intents still marked, a handful.
 */
export default fp(
  async (app) => {
    const run = async () => {
      try {
        const repaired = await repairCounts(app.models as never);
        if (repaired) app.log.warn({ repaired }, 'counts of interrupted changes repaired');
      } catch (err) {
        app.log.error({ err }, 'count repair failed; it runs again in a minute');
      }
    };
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const start = () => {
      running = running.then(run);
    };
    app.addHook('onReady', async () => {
      start();
      timer = setInterval(start, EVERY_MS);
      timer.unref();
    });
    // A pass under way finishes first: it must not outlive the connection.
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'count-repair', dependencies: ['db'] },
);
