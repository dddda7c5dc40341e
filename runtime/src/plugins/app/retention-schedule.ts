import fp from 'fastify-plugin';
import { ensureRetentionSchedule } from '../../privacy/retention-schedule';

/** Keeps the daily retention sweep's Temporal Schedule; on with `retentionSchedule`. */
export default fp(
  async (app) => {
    let running: Promise<void> | undefined;
    app.addHook('onReady', async () => {
      // In the background: Temporal may be starting too, and the API serves without it.
      running = ensureRetentionSchedule(app.temporal, app.taskQueue)
        .then(() => undefined)
        .catch((err: unknown) =>
          app.log.warn({ err }, 'retention schedule: not ensured; next start tries again'),
        );
    });
    app.addHook('onClose', async () => {
      await running;
    });
  },
  { name: 'retention-schedule', dependencies: ['temporal'] },
);
