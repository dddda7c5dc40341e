import type { Context } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';

/**
 * Counts each failed activity attempt by activity type, through the Temporal runtime's metric
 * meter, so it is exported beside the SDK's own metrics (KEFU_WORKER_METRICS_PORT,
 * docs/operations.md) as `kefu_activity_failures`. The SDK counts failures too, but not which of
 * our activities failed in terms an owner reads (a webhook, a mail, a ticket).
 */
export function countActivityFailures(ctx: Context): ActivityInterceptors {
  return {
    inbound: {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (err) {
          ctx.metricMeter
            .createCounter(
              'kefu_activity_failures',
              'failures',
              'Activity attempts that failed, by activity type',
            )
            .add(1, { activity_type: ctx.info.activityType });
          throw err;
        }
      },
    },
  };
}
