import { defineQuery, defineSignal } from '@temporalio/workflow';
import {
  FLOW_QUERIES,
  FLOW_SIGNALS,
  type AgentAcceptedSignal,
  type AgentMessageSignal,
  type ConversationResolvedSignal,
  type ConversationTransferredSignal,
  type CustomerMessageSignal,
  type FlowRunState,
  type TicketUpdatedSignal,
} from '@kefu/schemas';

// A signal handler mutates state but cannot return a value; the API learns results from MongoDB.
export const customerMessageSignal = defineSignal<[CustomerMessageSignal]>(FLOW_SIGNALS.customerMessage);
export const agentAcceptedSignal = defineSignal<[AgentAcceptedSignal]>(FLOW_SIGNALS.agentAccepted);
export const ticketUpdatedSignal = defineSignal<[TicketUpdatedSignal]>(FLOW_SIGNALS.ticketUpdated);
export const agentMessageSignal = defineSignal<[AgentMessageSignal]>(FLOW_SIGNALS.agentMessage);
export const conversationResolvedSignal = defineSignal<[ConversationResolvedSignal]>(
  FLOW_SIGNALS.conversationResolved,
);
export const conversationTransferredSignal = defineSignal<[ConversationTransferredSignal]>(
  FLOW_SIGNALS.conversationTransferred,
);
export const skipWaitSignal = defineSignal(FLOW_SIGNALS.skipWait);
export const stateQuery = defineQuery<FlowRunState>(FLOW_QUERIES.state);
