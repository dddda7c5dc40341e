import { proxyActivities } from '@temporalio/workflow';
import type { DeliverOutboundInput } from '@kefu/schemas';
import type { DeliveryOutcome, OutboundActivities } from '../outbound/outbound-activities';

const { outboundTargets } = proxyActivities<OutboundActivities>({
  startToCloseTimeout: '30 seconds',
});

// A mail server or webhook receiver that is down gets retried with backoff for about a day.
const { sendOutbound } = proxyActivities<OutboundActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '30 minutes',
    maximumAttempts: 60,
  },
  scheduleToCloseTimeout: '24 hours',
});

export interface OutboundReport {
  target: string;
  outcome: DeliveryOutcome | 'failed';
  error?: string;
}

/**
 * One message out by email or webhook, started once per message (the workflow id is derived from
 * the message id). Each target is its own activity: an endpoint that keeps failing neither blocks
 * nor re-sends to the others.
 */
export async function deliverOutbound(input: DeliverOutboundInput): Promise<OutboundReport[]> {
  const targets = await outboundTargets(input);
  const results = await Promise.allSettled(targets.map((target) => sendOutbound({ ...input, target })));
  return results.map((r, i) =>
    r.status === 'fulfilled'
      ? { target: targets[i]!, outcome: r.value }
      : { target: targets[i]!, outcome: 'failed', error: String((r.reason as Error).message) },
  );
}
