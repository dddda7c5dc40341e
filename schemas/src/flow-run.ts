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
  /** Continue as new once the run's history has this many events (default 5,000). */
  historyLimit?: number;
  /** Set when the run continues as new. */
  resume?: {
    /** When the run chain started (epoch ms), for the run history. */
    startedAt: number;
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

/** One finished node of a run, as the interpreter reports it to the run history. */
export interface StepRecord {
  step: number;
  nodeId: string;
  nodeType: string;
  /** Epoch milliseconds from the workflow's clock. */
  enteredAt: number;
  leftAt: number;
  port: string | null;
  decision?: string;
  error?: string;
}

/** A batch of history the interpreter flushes; writing the same batch twice changes nothing. */
export interface RunHistoryFlush {
  workspaceId: string;
  conversationId: string;
  run: { runId: string; workflowId: string; flowId: string; version: number; startedAt: number; contactId?: string };
  steps: StepRecord[];
  /** Steps recorded in total once this flush is written. */
  stepCount: number;
  status: 'running' | 'completed' | 'failed';
  currentNodeId: string | null;
  failure?: { nodeId: string; reason: string };
}
