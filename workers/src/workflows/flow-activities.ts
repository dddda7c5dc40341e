import { proxyActivities } from '@temporalio/workflow';
import type { FlowActivities } from '@kefu/nodes';
import type { ActivityTarget, FlowActivityImpls, InterpreterActivities } from '../activity-contract';

const retry = { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '10s' } as const;

// Database writes and pushes: seconds mean a dead worker, so retry soon elsewhere.
const quick = proxyActivities<FlowActivityImpls & InterpreterActivities>({ startToCloseTimeout: '10s', retry });
// Calls that wait on someone else's server get their own budget; the node bounds each attempt itself.
const slow = proxyActivities<FlowActivityImpls>({ startToCloseTimeout: '90s', retry: { ...retry, maximumAttempts: 3 } });
const SLOW: ReadonlySet<string> = new Set<keyof FlowActivities>(['httpRequest', 'searchKnowledgeBase']);

export const { endRun, expireOffer, recordRunHistory } = quick;

/**
 * The `ctx.act` a node sees: every FlowActivities method becomes the proxied activity of the same
 * name, called with the node's input plus the workspace, the conversation and a fresh idempotency key.
 * Generic on purpose: a capability added to the contract needs no change here.
 */
export function flowActivities(base: Omit<ActivityTarget, 'idempotencyKey'>, nextKey: () => string): FlowActivities {
  return new Proxy({} as FlowActivities, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      const proxies = (SLOW.has(name) ? slow : quick) as unknown as Record<string, (input: object) => Promise<unknown>>;
      return (input: object) => proxies[name]?.({ ...input, ...base, idempotencyKey: nextKey() });
    },
  });
}
