import type { CompiledFlow } from './flow';

/**
 * The contract between the API (which starts and signals runs) and the worker (which executes them).
 * Both sides name workflows and signals by these strings; neither imports the other's code.
 */
export const FLOW_TASK_QUEUE = 'kefu-flows';
export const CONVERSATION_WORKFLOW = 'conversationFlow';

export const FLOW_SIGNALS = {
  customerMessage: 'customerMessage',
  agentAccepted: 'agentAccepted',
} as const;

export const FLOW_QUERIES = {
  state: 'state',
} as const;

/** One workflow per conversation: signal-with-start on this id can never start a second run. */
export function conversationWorkflowId(conversationId: string): string {
  return `conversation-${conversationId}`;
}

export interface CustomerMessageSignal {
  messageId: string;
  text: string;
}

export interface ConversationFlowInput {
  workspaceId: string;
  conversationId: string;
  flowId: string;
  version: number;
  /** The compiled version the run is pinned to, carried in the run's history. */
  flow: CompiledFlow;
  facts: Record<string, unknown>;
  /** Set when the run continues as new. */
  resume?: {
    nodeId: string;
    vars: Record<string, unknown>;
    step: number;
    inbox: CustomerMessageSignal[];
    recentMessageIds: string[];
  };
}

export interface FlowRunState {
  nodeId: string | null;
  vars: Record<string, unknown>;
  step: number;
}

/** Sent by the API when an agent accepts an offer made by a route-to-team step. */
export interface AgentAcceptedSignal {
  offerId: string;
  agentId: string;
}
