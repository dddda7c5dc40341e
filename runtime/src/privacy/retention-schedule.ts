import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import { RETENTION_SCHEDULE_ID } from '@kefu/schemas/api';

/** When the sweep runs: 03:00 UTC, a quiet hour for shops in China and Europe alike. */
export const RETENTION_HOUR_UTC = 3;

/**
 * One Temporal Schedule (`retention-sweep`) starts the `retentionSweep` workflow daily over every
 * workspace with a retention period. One schedule rather than one per workspace: the sweep has no
 * time zone to follow, and a workspace's period takes effect at the next sweep without a schedule
 * to keep. Created idempotently when the API starts; updated if it points at another task queue.
 */
export async function ensureRetentionSchedule(
  client: Client,
  taskQueue: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  const spec = { calendars: [{ hour: RETENTION_HOUR_UTC, minute: 0 }], timezone: 'UTC' };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'retentionSweep',
    workflowId: RETENTION_SCHEDULE_ID,
    taskQueue,
    args: [{}],
  };
  try {
    await client.schedule.create({
      scheduleId: RETENTION_SCHEDULE_ID,
      spec,
      action,
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  const handle = client.schedule.getHandle(RETENTION_SCHEDULE_ID);
  const current = await handle.describe();
  if (current.action.type === 'startWorkflow' && current.action.taskQueue === taskQueue) return 'unchanged';
  await handle.update((prev) => ({ ...prev, spec, action }));
  return 'updated';
}
