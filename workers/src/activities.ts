import type { QuickReply } from '@kefu/nodes';
import { insertOnce, toWireMessage, type Models } from '@kefu/runtime/models';
import type { FlowActivityImpls, InterpreterActivities } from './activity-contract';
import { contactActivities } from './contact-activities';
import type { Deliver } from './deliver';
import { faultPoint } from './faults';
import { safeHttpRequest } from './http-request';
import { kbActivities } from './kb-activities';
import { routingActivities } from './routing-activities';
import { runHistoryActivities } from './run-history';
import { surveyActivities } from './survey-activities';
import { endTicketRun, ticketActivities } from './ticket-activities';
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
export function createActivities(deps: { models: Models; deliver: Deliver }) {
  const { models, deliver } = deps;
  return {
    ...ticketActivities(models),
    ...contactActivities(models),
    ...surveyActivities(models),
    ...routingActivities(models),
    ...kbActivities(models),

    // One attempt, bounded by the node's timeout; the node decides on retries.
    async httpRequest(input) {
      return safeHttpRequest(input);
    },

    async sendMessage(
      input: MessageTarget & {
        text: string;
        quickReplies?: QuickReply[];
        knowledge?: { articleId: string; query: string };
      },
    ): Promise<{ messageId: string }> {
      if (!input.conversationId)
        throw ApplicationFailure.nonRetryable('This ticket has no conversation to send a message in', 'NoConversation');
      const [doc, conversation] = await Promise.all([
        insertOnce(models.Message, {
          workspaceId: input.workspaceId,
          conversationId: input.conversationId,
          author: 'bot',
          text: input.text,
          idempotencyKey: input.idempotencyKey,
          ...(input.quickReplies?.length ? { quickReplies: input.quickReplies } : {}),
          ...(input.knowledge ? { kb: input.knowledge } : {}),
        }),
        // Its channel: a reply that must leave by email or webhook may not be lost with a failed push.
        models.Conversation.findOne({ _id: input.conversationId, workspaceId: input.workspaceId }, { channel: 1 }).lean(),
      ]);
      faultPoint('after-reply-stored');
      // The customer first; the conversation's bookkeeping alongside.
      await Promise.all([
        deliver(toWireMessage(doc), {
          workspaceId: input.workspaceId,
          mustReach: (conversation?.channel ?? 'web') !== 'web',
        }),
        models.Conversation.updateOne(
          { _id: input.conversationId, workspaceId: input.workspaceId },
          { $max: { lastMessageAt: doc.createdAt } },
        ),
      ]);
      return { messageId: String(doc._id) };
    },

    ...runHistoryActivities(models),

    async endRun(input): Promise<void> {
      if (input.ticketId) return endTicketRun(models, input);
      await models.Conversation.updateOne(
        { _id: input.conversationId, workspaceId: input.workspaceId },
        input.failure
          ? // A customer is never left talking to nobody: the conversation waits for a person.
            {
              $set: { 'flowRun.status': 'failed', handoff: { reason: input.failure.reason, at: new Date() } },
            }
          : { $set: { 'flowRun.status': 'ended' } },
      );
    },
  } satisfies Partial<FlowActivityImpls> & InterpreterActivities;
}

export type Activities = ReturnType<typeof createActivities>;
