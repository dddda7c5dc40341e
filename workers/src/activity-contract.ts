import type { FlowActivities } from '@kefu/nodes';
import type { RunHistoryFlush } from '@kefu/schemas';

/** What the interpreter adds to every activity call a node makes. */
export interface ActivityTarget {
  workspaceId: string;
  /** Absent in a run of a ticket without a conversation: conversation steps fail there. */
  conversationId?: string;
  /** The ticket that started the run (ticket-created / ticket-updated triggers). */
  ticketId?: string;
  /** Derived from the run chain, the step and the call within it: a retry lands on the same write. */
  idempotencyKey: string;
}

/**
 * The worker-side signature of each node-facing activity: the node's input plus the target.
 * Derived from `FlowActivities`, so a new capability in the nodes contract is one declaration.
 */
export type FlowActivityImpls = {
  [K in keyof FlowActivities]: (
    input: ActivityTarget & Parameters<FlowActivities[K]>[0],
  ) => ReturnType<FlowActivities[K]>;
};

/** Activities only the interpreter calls. */
export interface InterpreterActivities {
  /** Marks the conversation's run over; with a failure, queues the conversation for a person. */
  endRun(
    input: ActivityTarget & { failure?: { nodeId: string; reason: string }; workflowId?: string },
  ): Promise<void>;
  recordRunHistory(input: RunHistoryFlush): Promise<void>;
  /**
   * Called when a route-to-team step's wait for acceptance times out: marks the offer expired.
   * If an agent accepted just before the timer fired (the signal still on its way), says who.
   */
  expireOffer(input: { workspaceId: string; offerId: string }): Promise<{ acceptedBy?: string }>;
}
