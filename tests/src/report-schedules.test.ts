import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weeklyReportScheduleId } from '@kefu/schemas/api';
import { signUp, startAccessApp, type AccessApp } from './access/access-app';

/**
 * The API with `reportSchedules` keeps a weekly-report Temporal Schedule for every workspace: a
 * workspace signed up after start gets one at the next pass, in its time zone, and a changed zone
 * is followed (docs/analytics.md "Weekly report").
 */
let ctx: AccessApp;
beforeAll(async () => {
  ctx = await startAccessApp({ reportSchedules: true });
});
afterAll(async () => {
  await ctx?.stop();
});

describe('weekly report schedules kept by the API', () => {
  it('gives a new workspace its schedule and follows its time zone', async () => {
    const owner = await signUp(ctx.app, 'schedules');
    const client = ctx.app.temporal;
    const handle = client.schedule.getHandle(weeklyReportScheduleId(owner.workspaceId));
    try {
      await ctx.app.reportSchedules!.reconcile();
      expect((await handle.describe()).spec.timezone).toBe('UTC');
      await ctx.models.Workspace.updateOne(
        { _id: owner.workspaceId },
        { $set: { timeZone: 'Asia/Shanghai' } },
      );
      await ctx.app.reportSchedules!.reconcile();
      expect((await handle.describe()).spec.timezone).toBe('Asia/Shanghai');
    } finally {
      await handle.delete().catch(() => {});
    }
  });
});
