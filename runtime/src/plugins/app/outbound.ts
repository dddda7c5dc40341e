import fp from 'fastify-plugin';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  OUTBOUND_WORKFLOW,
  outboundEventWorkflowId,
  outboundWorkflowId,
  type DeliverOutboundInput,
  type Message,
  type OutboundEvent,
} from '@kefu/schemas';

export interface OutboundConversation {
  id: string;
  workspaceId: string;
  channel: 'web' | 'email' | 'api';
}

export interface Outbound {
  /**
   * Sends a stored message out by its conversation's channel. Nothing for the web widget (its
   * clients get live pushes); for email and API conversations it starts the message's delivery
   * workflow, which sends with retries and survives crashes. Resolves once Temporal holds the
   * delivery, so a caller that awaited it may acknowledge; calling it again for the same message
   * is harmless (the workflow id is derived from the message id). Customers' own messages are not
   * echoed back to them, and system notices are not mailed.
   */
  send(conversation: OutboundConversation, message: Message): Promise<void>;
  /**
   * Tells the shop's system about a change of an API-channel conversation (resolved, reopened) by
   * its webhooks, durably and once per `event.key`. Nothing for other channels.
   */
  event(conversation: OutboundConversation, event: OutboundEvent): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    outbound: Outbound;
  }
}

export default fp(
  async (app) => {
    async function start(workflowId: string, input: DeliverOutboundInput): Promise<void> {
      try {
        await app.temporal.workflow.start(OUTBOUND_WORKFLOW, {
          taskQueue: app.taskQueue,
          workflowId,
          args: [input],
          // A delivered message must never be delivered again because someone asked twice.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return; // already on its way
        throw err;
      }
    }

    const outbound: Outbound = {
      async event(conversation, event) {
        if (conversation.channel !== 'api') return;
        await start(outboundEventWorkflowId(event.key), {
          workspaceId: conversation.workspaceId,
          conversationId: conversation.id,
          channel: 'api',
          event,
        });
      },

      async send(conversation, message) {
        if (conversation.channel === 'web' || message.author === 'customer') return;
        // A customer's mailbox gets what people and the bot said; webhooks get system notices too.
        if (conversation.channel === 'email' && message.author === 'system') return;
        const input: DeliverOutboundInput = {
          workspaceId: conversation.workspaceId,
          conversationId: conversation.id,
          messageId: message.id,
          channel: conversation.channel,
        };
        await start(outboundWorkflowId(message.id), input);
      },
    };
    app.decorate('outbound', outbound);
  },
  { name: 'outbound', dependencies: ['temporal'] },
);
