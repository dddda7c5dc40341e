/**
 * The contract for messages that leave Kefu by a channel other than the widget (email, API
 * webhooks). The API starts one delivery workflow per message; the worker runs it. Neither imports
 * the other's code.
 */
export const OUTBOUND_WORKFLOW = 'deliverOutbound';

/** Channels whose replies leave through a delivery workflow (the widget gets live pushes instead). */
export type OutboundChannel = 'email' | 'api';

/** One delivery per message: starting it twice with this id can never send twice. */
export function outboundWorkflowId(messageId: string): string {
  return `outbound-${messageId}`;
}

/** Happenings of an API-channel conversation the shop's system is told about besides messages. */
export type OutboundEventType = 'conversation.resolved' | 'conversation.reopened';

export interface OutboundEvent {
  type: OutboundEventType;
  /** Unique per occurrence (e.g. `resolved/<conversationId>/<epoch ms>`): the delivery's id comes from it. */
  key: string;
  at: string;
}

/** One event once, as outboundWorkflowId is for a message. */
export function outboundEventWorkflowId(key: string): string {
  return `outbound-event-${key}`;
}

export interface DeliverOutboundInput {
  workspaceId: string;
  conversationId: string;
  channel: OutboundChannel;
  /** A message delivery: the stored message that goes out. */
  messageId?: string;
  /** An event delivery (API channel only). */
  event?: OutboundEvent;
}
