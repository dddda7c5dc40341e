import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { FlowActivities } from '@kefu/nodes';
import type { ActivityTarget, FlowActivityImpls, InterpreterActivities } from '../activity-contract';

const retry = { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '10s' } as const;

// Database writes and pushes: seconds mean a dead worker, so retry soon elsewhere.
const quick = proxyActivities<FlowActivityImpls & InterpreterActivities>({
  startToCloseTimeout: '10s',
  retry,
});
// Calls that wait on someone else's server get their own budget; the node bounds each attempt itself.
const slow = proxyActivities<FlowActivityImpls>({
  startToCloseTimeout: '90s',
  retry: { ...retry, maximumAttempts: 3 },
});
const SLOW: ReadonlySet<string> = new Set<keyof FlowActivities>(['httpRequest', 'searchKnowledgeBase']);

/*
 * The reply is a quick database write and push the run does for every customer message. As a local
 * activity it runs inside the workflow task that decided it: no activity task to schedule, poll and
 * complete, and one workflow task fewer per message. A crash (or a rejected task completion) re-runs
 * it with the retried workflow task; its idempotency key finds the stored reply, and the repeated
 * push carries the same message id, which the widget shows once. Runs whose history predates this
 * (no patch marker) keep scheduling an ordinary activity when replayed. Run history stays an
 * ordinary activity: it runs after the reply, off the customer's path, and a re-run of a flush
 * would only repeat work.
 */
const local = proxyLocalActivities<FlowActivityImpls>({ startToCloseTimeout: '10s', retry });
const LOCAL: ReadonlySet<string> = new Set<keyof FlowActivities>(['sendMessage']);

export const { endRun, expireOffer, recordRunHistory } = quick;

/**
 * The `ctx.act` a node sees: every FlowActivities method becomes the proxied activity of the same
 * name, called with the node's input plus the workspace, the conversation and a fresh idempotency key.
 * Generic on purpose: a capability added to the contract needs no change here.
 */
export function flowActivities(
  base: Omit<ActivityTarget, 'idempotencyKey'>,
  nextKey: () => string,
): FlowActivities {
  return new Proxy({} as FlowActivities, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      const proxy = SLOW.has(name) ? slow : LOCAL.has(name) && patched('local-send-message') ? local : quick;
      const proxies = proxy as unknown as Record<string, (input: object) => Promise<unknown>>;
      return (input: object) => proxies[name]?.({ ...input, ...base, idempotencyKey: nextKey() });
    },
  });
}
