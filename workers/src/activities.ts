import type { QuickReply } from '@kefu/nodes';
import { handOff, insertOnce, ticketRunLinkId, toWireMessage, type Models } from '@kefu/runtime/models';
import { isResolvedWorkflowId } from '@kefu/schemas';
import type { FlowActivityImpls, InterpreterActivities } from './activity-contract';
import { contactActivities } from './contact-activities';
import type { Deliver } from './deliver';
import { faultPoint } from './faults';
import { flowHttpRequest } from './flow-http-request';
import type { AddressGuard } from '@kefu/runtime/safe-http';
import { kbActivities } from './kb-activities';
import { notifyNobody, type NotifyAgents } from './notify-agents';
import { routingActivities } from './routing-activities';
import { runHistoryActivities } from './run-history';
import { surveyActivities } from './survey-activities';
import { endTicketRun, ticketActivities } from './ticket-activities';
import { noTicketFlows, type TicketCreatedHook } from './ticket-created-hook';
import { ApplicationFailure } from '@temporalio/activity';

export interface MessageTarget {
  workspaceId: string;
  /** Absent in a run of a ticket without a conversation: there is nobody to send to. */
  conversationId?: string;
  /** Derived from the run chain and step: the same step always writes the same document. */
  idempotencyKey: string;
}

/**
 * Side effects of flow runs. Each is idempotent on its idempotency key, so Temporal may retry it freely.
 */
export function createActivities(deps: {
  models: Models;
  deliver: Deliver;
  httpGuard?: AddressGuard;
  /** Tells agents' inboxes about offers and hand-offs (none in tests that do not care). */
  notifyAgents?: NotifyAgents;
  /** Starts the ticket-created flow for tickets flow steps open (none in tests that do not care). */
  ticketCreated?: TicketCreatedHook;
}) {
  const { models, deliver } = deps;
  const notifyAgents = deps.notifyAgents ?? notifyNobody;
  return {
    ...ticketActivities(models, deps.ticketCreated ?? noTicketFlows),
    ...contactActivities(models, notifyAgents),
    ...surveyActivities(models, notifyAgents),
    ...routingActivities(models, notifyAgents),
    ...kbActivities(models),

    // One attempt, bounded by the node's timeout; the node decides on retries.
    httpRequest: flowHttpRequest(deps.httpGuard),

    async sendMessage(
      input: MessageTarget & {
        text: string;
        quickReplies?: QuickReply[];
        knowledge?: { articleId: string; query: string };
        offlineForm?: boolean;
      },
    ): Promise<{ messageId: string }> {
      if (!input.conversationId)
        throw ApplicationFailure.nonRetryable(
          'This ticket has no conversation to send a message in',
          'NoConversation',
        );
      const [doc, conversation] = await Promise.all([
        insertOnce(models.Message, {
          workspaceId: input.workspaceId,
          conversationId: input.conversationId,
          author: 'bot',
          text: input.text,
          idempotencyKey: input.idempotencyKey,
          ...(input.quickReplies?.length ? { quickReplies: input.quickReplies } : {}),
          ...(input.knowledge ? { kb: input.knowledge } : {}),
          ...(input.offlineForm ? { offlineForm: true } : {}),
        }),
        // Its channel: a reply that must leave by email or webhook may not be lost with a failed push.
        models.Conversation.findOne(
          { _id: input.conversationId, workspaceId: input.workspaceId },
          { channel: 1 },
        ).lean(),
      ]);
      faultPoint('after-reply-stored');
      // The conversation's lastMessageAt is the customer's or an agent's latest message: a bot reply
      // follows a customer message within moments, so it does not write it (one write fewer per reply).
      await deliver(toWireMessage(doc), {
        workspaceId: input.workspaceId,
        channel: conversation?.channel ?? 'web',
      });
      return { messageId: String(doc._id) };
    },

    ...runHistoryActivities(models),

    async endRun(input): Promise<void> {
      if (input.ticketId) return endTicketRun(models, input);
      // A resolved run leaves the conversation (and its own run's state) as it was; it only stops reading it.
      if (input.workflowId && isResolvedWorkflowId(input.workflowId)) {
        if (input.conversationId)
          await models.TicketRunLink.deleteOne({
            _id: ticketRunLinkId(input.conversationId, input.workflowId),
            workspaceId: input.workspaceId,
          });
        return;
      }
      const scope = { _id: input.conversationId, workspaceId: input.workspaceId };
      if (input.failure)
        // A customer is never left talking to nobody: the conversation waits for a person.
        await handOff(models, scope, {
          'flowRun.status': 'failed',
          handoff: { reason: input.failure.reason, at: new Date() },
        });
      else await models.Conversation.updateOne(scope, { $set: { 'flowRun.status': 'ended' } });
      if (input.failure && input.conversationId)
        await notifyAgents({
          workspaceId: input.workspaceId,
          conversationId: input.conversationId,
          change: 'queued',
        });
    },
  } satisfies Partial<FlowActivityImpls> & InterpreterActivities;
}

export type Activities = ReturnType<typeof createActivities>;
