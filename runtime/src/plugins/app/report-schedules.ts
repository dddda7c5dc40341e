import fp from 'fastify-plugin';
import { ensureReportSchedule } from '../../analytics/report-schedule';

declare module 'fastify' {
  interface FastifyInstance {
    /** Present with `reportSchedules`: brings every workspace's schedule up to date now. */
    reportSchedules?: { reconcile(): Promise<void> };
  }
}

/** How often new workspaces and changed time zones are looked for. */
const RECONCILE_MS = 60 * 60_000;

/** Keeps every workspace's weekly-report schedule (see ensureReportSchedule); on with `reportSchedules`. */
export default fp(
  async (app) => {
    const ensured = new Map<string, string>();
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    const reconcile = async () => {
      // Every workspace, once an hour: the one read of the whole collection, a few fields each.
      const workspaces = await app.models.Workspace.find({}, { timeZone: 1 }).lean();
      for (const ws of workspaces) {
        const id = String(ws._id);
        const zone = ws.timeZone ?? 'UTC';
        if (ensured.get(id) === zone) continue;
        await ensureReportSchedule(app.temporal, app.taskQueue, id, zone);
        ensured.set(id, zone);
      }
    };
    const run = () => {
      running = reconcile().catch((err: unknown) =>
        app.log.warn({ err }, 'weekly report schedules: will try again within the hour'),
      );
    };
    app.decorate('reportSchedules', { reconcile });
    app.addHook('onReady', async () => {
      run();
      timer = setInterval(run, RECONCILE_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'report-schedules', dependencies: ['db', 'temporal'] },
);
