import { proxyActivities } from '@temporalio/workflow';
import type { WeeklyReportInput } from '@kefu/schemas/api';
import type { ReportActivities } from '../reports/report-activities';

// Rendering starts a Chromium: give it time, and retry a crash a few times.
const { renderWeeklyReport } = proxyActivities<ReportActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumAttempts: 5 },
});
// A mail server that is down is retried with backoff for about a day, as other outbound mail.
const { mailWeeklyReport } = proxyActivities<ReportActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
  scheduleToCloseTimeout: '24 hours',
});

/**
 * A workspace's weekly report: rendered to PDF and kept, then mailed to the owners. Started by the
 * workspace's Temporal Schedule on Monday morning (report-schedules.ts in the API) without a week,
 * or by "generate now" with one. Both steps are idempotent per workspace and week.
 */
export async function weeklyReport(
  input: WeeklyReportInput,
): Promise<{ id: string; week: string; mail: string }> {
  const { id, week } = await renderWeeklyReport(input);
  const mail = await mailWeeklyReport({ workspaceId: input.workspaceId, week });
  return { id, week, mail };
}
