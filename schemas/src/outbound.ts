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

export interface DeliverOutboundInput {
  workspaceId: string;
  conversationId: string;
  messageId: string;
  channel: OutboundChannel;
}
