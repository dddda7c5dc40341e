import type {
  ConversationFlowInput,
  ConversationResolvedSignal,
  CustomerMessageSignal,
  FlowWait,
} from '@kefu/schemas';

/**
 * What a run knows between steps: where it is, what the customer and the agents have told it, and what
 * it waits for. Signal handlers write it, the waits take from it, and continue-as-new carries the part
 * that must outlive one run of the chain.
 */
export interface RunState {
  nodeId: string | null;
  step: number;
  vars: Record<string, unknown>;
  /** `message` follows the latest customer message; the rest is what the API knew at start. */
  facts: Record<string, unknown>;
  /** Customer messages not yet taken by a step. */
  inbox: CustomerMessageSignal[];
  /** The latest message ids, oldest first, for de-duplicating re-sent signals across continue-as-new. */
  recentIds: string[];
  seen: Set<string>;
  /** Accepted offers: offer id to agent id. */
  accepted: Map<string, string>;
  /** Set by an agent's resolve, taken by the next wait-for-resolution step. */
  resolution: ConversationResolvedSignal | null;
  /** While a wait-for-resolution step waits, the customer talks to the agent, not to the flow. */
  humanHolds: boolean;
  /** What the current step waits for, for the state query. */
  waiting: FlowWait | null;
  /** skipWait signals so far; only simulations count them. */
  skips: number;
}

export function startState(input: ConversationFlowInput): RunState {
  const { flow, resume } = input;
  const recentIds: string[] = [...(resume?.recentMessageIds ?? [])];
  const seen = new Set(recentIds);
  // A message-received run starts with its message in the facts: a re-send of it is not a reply.
  const trigger = (input.facts.message as { messageId?: unknown } | undefined)?.messageId;
  if (typeof trigger === 'string' && !seen.has(trigger)) {
    seen.add(trigger);
    recentIds.push(trigger);
  }
  return {
    nodeId: resume?.nodeId ?? flow.startNodeId,
    step: resume?.step ?? 0,
    // Versions compiled before variable defaults existed carry none.
    vars: { ...(flow.variableDefaults ?? {}), ...resume?.vars },
    facts: { ...input.facts },
    inbox: [...(resume?.inbox ?? [])],
    recentIds,
    seen,
    accepted: new Map(),
    resolution: resume?.resolution ?? null,
    humanHolds: false,
    waiting: null,
    skips: 0,
  };
}

/** Where the next run of the chain picks up: the step it was about to take, and what it was told. */
export function resumeFrom(
  run: RunState,
  startedAt: number,
  nodeId: string,
): NonNullable<ConversationFlowInput['resume']> {
  return {
    startedAt,
    nodeId,
    vars: run.vars,
    step: run.step,
    inbox: run.inbox,
    recentMessageIds: run.recentIds,
    ...(run.resolution ? { resolution: run.resolution } : {}),
  };
}
