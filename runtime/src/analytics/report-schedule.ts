import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import { weeklyReportScheduleId, type WeeklyReportInput } from '@kefu/schemas/api';

/** When a workspace's weekly report is made: Monday at this hour in the workspace's time zone. */
export const REPORT_HOUR = 7;
/**
 * One Temporal Schedule per workspace (`weekly-report:<workspaceId>`) starts the `weeklyReport`
 * workflow on Monday at 07:00 in the workspace's time zone. The project's first Temporal Schedule:
 * Temporal keeps the timetable, so a report is made once whichever API processes run, and a week
 * missed while Temporal was down is caught up within a day (catchupWindow).
 *
 * Created or brought up to date idempotently: at start and then hourly, each workspace's schedule
 * is created, or updated when its time zone differs (ScheduleAlreadyRunning: it exists). A new
 * workspace gets its schedule within the hour; a time-zone change takes effect within the hour.
 * This process remembers what it ensured so the hourly pass costs one read of the workspaces.
 */
export async function ensureReportSchedule(
  client: Client,
  taskQueue: string,
  workspaceId: string,
  timeZone: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  const scheduleId = weeklyReportScheduleId(workspaceId);
  const input: WeeklyReportInput = { workspaceId };
  const spec = {
    calendars: [{ dayOfWeek: 'MONDAY' as const, hour: REPORT_HOUR, minute: 0 }],
    timezone: timeZone,
  };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'weeklyReport',
    workflowId: scheduleId,
    taskQueue,
    args: [input],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  const handle = client.schedule.getHandle(scheduleId);
  const current = await handle.describe();
  if (current.spec.timezone === timeZone && current.action.taskQueue === taskQueue) return 'unchanged';
  await handle.update((prev) => ({ ...prev, spec, action }));
  return 'updated';
}
