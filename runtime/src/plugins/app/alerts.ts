import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import { ACROSS_TENANTS, takeLease } from '../../models';
import { alertNotifier, type NoticeConfig } from '../../operations/alert-notice';
import { evaluateAlerts } from '../../operations/evaluate-alerts';
import { readiness } from '../../routes/health/readiness';

export interface AlertsOptions extends NoticeConfig {
  /** How often the rules are evaluated (KEFU_ALERT_EVAL_MS). */
  everyMs: number;
}

const LEASE = 'alerts';
const across = { [ACROSS_TENANTS]: 'the evaluator visits every workspace whose alert rules are on' };

/**
 * Evaluates the owners' alert rules every `everyMs`, off the request path, in the API process: the
 * "worker not polling" rule cannot be left to the worker it is about. Every API process runs this
 * loop; per workspace, the one holding the `alerts` lease evaluates and sends (it renews the lease
 * each pass; another process takes over three periods after the holder stops).
 */
export default fp(
  async (app, opts: AlertsOptions) => {
    const holder = randomUUID();
    const send = alertNotifier(app.models, opts);
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    let stopped = false;

    async function pass(): Promise<void> {
      const { AlertSettings, Lease } = app.models;
      const active = await AlertSettings.find({ active: true }).setOptions(across).lean();
      if (active.length === 0) return;
      const ready = await readiness(app);
      const totals = { openConversations: 0, waiting: 0, longestWaitSeconds: 0 };
      let read = false;
      for (const settings of active) {
        if (stopped) return;
        if (!(await takeLease(Lease, settings.workspaceId, LEASE, holder, opts.everyMs * 3))) continue;
        const seen = await evaluateAlerts(app, settings, send, ready);
        read = true;
        totals.openConversations += seen.openConversations;
        totals.waiting += seen.waiting;
        totals.longestWaitSeconds = Math.max(totals.longestWaitSeconds, seen.longestWaitSeconds);
      }
      if (read) app.productMetrics.setWorkload(totals);
    }

    // The next pass is timed from the end of the last, so a slow pass never queues others behind it.
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        running = pass()
          .catch((err: unknown) =>
            app.log.error({ err }, 'alert evaluation failed; the next pass tries again'),
          )
          .finally(schedule);
      }, opts.everyMs);
      timer.unref();
    };
    app.addHook('onReady', async () => schedule());
    app.addHook('onClose', async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    });
  },
  { name: 'alerts', dependencies: ['db', 'temporal', 'metrics'] },
);
