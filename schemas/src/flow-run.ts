import type { CompiledFlow } from './flow';
import type { StepWhy } from './step-why';

/**
 * The contract between the API (which starts and signals runs) and the worker (which executes them).
 * Both sides name workflows and signals by these strings; neither imports the other's code.
 */
export const FLOW_TASK_QUEUE = 'kefu-flows';
export const CONVERSATION_WORKFLOW = 'conversationFlow';

export const FLOW_SIGNALS = {
  customerMessage: 'customerMessage',
  agentAccepted: 'agentAccepted',
  /** Ends the current durable wait early, as if its time had passed. Honoured in test runs only. */
  skipWait: 'skipWait',
  /** An agent replied in the conversation (AgentMessageSignal). */
  agentMessage: 'agentMessage',
  /** An agent resolved the conversation: a wait-for-resolution step goes on (ConversationResolvedSignal). */
  conversationResolved: 'conversationResolved',
  /** An agent moved the conversation to another agent or team (ConversationTransferredSignal). */
  conversationTransferred: 'conversationTransferred',
  /** A ticket of the run changed (status, priority ...): carries its new state (TicketUpdatedSignal). */
  ticketUpdated: 'ticketUpdated',
} as const;

export const FLOW_QUERIES = {
  state: 'state',
} as const;

/** One workflow per conversation: signal-with-start on this id can never start a second run. */
export function conversationWorkflowId(conversationId: string): string {
  return `conversation-${conversationId}`;
}

/**
 * A message-received run answers one customer message: starting it again for a re-sent message
 * (same stored message id) starts nothing new.
 */
export function messageWorkflowId(messageId: string): string {
  return `message-${messageId}`;
}

/** A ticket-created run: one per ticket, so creating the same ticket twice starts one run. */
export function ticketWorkflowId(ticketId: string): string {
  return `ticket-${ticketId}`;
}

/** A ticket-updated run: one per ticket change (the change's key), never two for the same change. */
export function ticketUpdateWorkflowId(ticketId: string, changeKey: string): string {
  return `ticket-${ticketId}-update-${changeKey}`;
}

/**
 * A conversation-resolved run: one per resolution (the conversation and when it was resolved), so
 * telling the resolution again (the hand-off sweeper after a crash) starts nothing new, while a
 * conversation reopened and resolved again gets a run of its own.
 */
export function resolvedWorkflowId(conversationId: string, resolvedAt: number): string {
  return `resolved-${conversationId}-${resolvedAt}`;
}

/** Whether a run is a conversation-resolved run: it reads the conversation but does not own it. */
export function isResolvedWorkflowId(workflowId: string): boolean {
  return workflowId.startsWith('resolved-');
}

/** The ticket as runs see it (`facts.ticket`), sent again on each change. */
export interface TicketFacts {
  id: string;
  /** The ticket's number in its workspace (1001…), what people quote. */
  number?: number;
  subject: string;
  description: string;
  status: 'open' | 'pending' | 'solved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  tags: string[];
  assigneeId?: string;
  teamId?: string;
  firstResponseAt?: string;
  solvedAt?: string;
}

export interface TicketUpdatedSignal {
  /** The change's key: a repeated signal of the same change is ignored. */
  changeKey: string;
  changed: string[];
  ticket: TicketFacts;
}

export interface CustomerMessageSignal {
  messageId: string;
  /** As stored: words of a masking category already masked. */
  text: string;
  /** The sensitive-word categories found in it (the rule fact `message.sensitive`); absent: none. */
  sensitive?: string[];
}

export interface ConversationFlowInput {
  workspaceId: string;
  /** Absent for a run of a ticket that has no conversation. */
  conversationId?: string;
  /** Set for runs a ticket started (ticket-created / ticket-updated triggers). */
  ticketId?: string;
  flowId: string;
  version: number;
  /** The compiled version the run is pinned to, carried in the run's history. */
  flow: CompiledFlow;
  facts: Record<string, unknown>;
  /**
   * A designer simulation of a draft (version 0): waits can be skipped, and nothing leaves the test
   * conversation (no offers to real agents, tickets, webhooks, escalations or CSAT answers).
   */
  test?: boolean;
  /** What the owner set for a simulation (only read when `test`): inputs the run decides on. */
  simulation?: SimulationSettings;
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
    /** An agent resolved the conversation and no wait-for-resolution step has taken it yet. */
    resolution?: ConversationResolvedSignal;
  };
}

/**
 * A simulation's inputs, carried in the run's start event, so replays decide as the run did: the
 * clock is an offset added to Temporal's clock (timers still take their real length, or a skip).
 */
export interface SimulationSettings {
  /** The owner's chosen time minus the time the simulation was started (ms). */
  clockOffsetMs?: number;
  /** False: offers to a team find nobody online (the no-agent port). */
  agentsOnline?: boolean;
  /** By HTTP step node id; a step not named gets a 200 that says it was simulated. */
  http?: Record<string, SimulatedHttp>;
}

export type SimulatedHttp = { mode: 'mock'; status: number; body: string } | { mode: 'real' };

export interface FlowRunState {
  nodeId: string | null;
  vars: Record<string, unknown>;
  step: number;
  /** What the run waits for now, if anything (a simulator shows it and offers to skip it). */
  waiting?: FlowWait | null;
}

export interface FlowWait {
  for: 'reply' | 'timer' | 'agent';
  /** Epoch ms the wait ends by itself; absent for a reply awaited without a timeout. */
  until?: number;
  /** The route-to-team offer awaiting acceptance. */
  offerId?: string;
}

/** Sent by the API when an agent accepts an offer made by a route-to-team step. */
export interface AgentAcceptedSignal {
  offerId: string;
  agentId: string;
}

export interface AgentMessageSignal {
  messageId: string;
  agentId: string;
}

export interface ConversationResolvedSignal {
  agentId: string;
  /** Epoch ms. */
  at: number;
}

export interface ConversationTransferredSignal {
  byAgentId: string;
  toAgentId?: string;
  toTeamId?: string;
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
  /** The decision's reason as data (rule and values, knowledge-base score, routing candidates). */
  why?: StepWhy;
  error?: string;
}

/** A batch of history the interpreter flushes; writing the same batch twice changes nothing. */
export interface RunHistoryFlush {
  workspaceId: string;
  conversationId?: string;
  ticketId?: string;
  run: {
    runId: string;
    workflowId: string;
    flowId: string;
    version: number;
    startedAt: number;
    contactId?: string;
    /** A designer simulation: kept out of run lists and analytics unless asked for. */
    test?: boolean;
    /** The conversation's channel when the run started (the run explorer filters by it). */
    channel?: string;
    /** The contact's tags when the run started. */
    tags?: string[];
  };
  steps: StepRecord[];
  /** Keys of the teams the run has handed to so far (catalog `references` of the nodes it passed). */
  teams?: string[];
  /** The node the run ended on; set with a completed or failed status. */
  endNodeId?: string;
  /** Steps recorded in total once this flush is written. */
  stepCount: number;
  status: 'running' | 'completed' | 'failed';
  currentNodeId: string | null;
  failure?: { nodeId: string; reason: string };
}
