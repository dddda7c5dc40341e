import type { QuickReply } from '@kefu/nodes';
import { toWireMessage, type Models } from '@kefu/runtime/models';
import type { FlowActivityImpls, InterpreterActivities } from './activity-contract';
import { contactActivities } from './contact-activities';
import type { Deliver } from './deliver';
import { faultPoint } from './faults';
import { safeHttpRequest } from './http-request';
import { routingActivities } from './routing-activities';
import { runHistoryActivities } from './run-history';
import { ticketActivities } from './ticket-activities';

export interface MessageTarget {
  workspaceId: string;
  conversationId: string;
  /** Derived from the run chain and step: the same step always writes the same document. */
  idempotencyKey: string;
}

/**
 * Side effects of flow runs. Each is idempotent on its idempotency key, so Temporal may retry it freely.
 * Not here yet, though declared in the nodes' FlowActivities contract: searchKnowledgeBase (the
 * knowledge-base work), recordSatisfaction (analytics).
 */
export function createActivities(deps: { models: Models; deliver: Deliver }) {
  const { models, deliver } = deps;
  return {
    ...ticketActivities(models),
    ...contactActivities(models),
    ...routingActivities(models),

    // One attempt, bounded by the node's timeout; the node decides on retries.
    async httpRequest(input) {
      return safeHttpRequest(input);
    },

    async sendMessage(input: MessageTarget & { text: string; quickReplies?: QuickReply[] }): Promise<{ messageId: string }> {
      const doc = await upsertOnce(models, input.idempotencyKey, {
        workspaceId: input.workspaceId,
        conversationId: input.conversationId,
        author: 'bot',
        text: input.text,
        ...(input.quickReplies?.length ? { quickReplies: input.quickReplies } : {}),
      });
      faultPoint('after-reply-stored');
      await models.Conversation.updateOne(
        { _id: input.conversationId, workspaceId: input.workspaceId },
        { $max: { lastMessageAt: doc.createdAt } },
      );
      await deliver(toWireMessage(doc));
      return { messageId: String(doc._id) };
    },

    ...runHistoryActivities(models),

    async endRun(input: MessageTarget & { failure?: { nodeId: string; reason: string } }): Promise<void> {
      await models.Conversation.updateOne(
        { _id: input.conversationId, workspaceId: input.workspaceId },
        input.failure
          ? // A customer is never left talking to nobody: the conversation waits for a person.
            { $set: { 'flowRun.status': 'failed', handoff: { reason: input.failure.reason, at: new Date() } } }
          : { $set: { 'flowRun.status': 'ended' } },
      );
    },
  } satisfies Partial<FlowActivityImpls> & InterpreterActivities;
}

export type Activities = ReturnType<typeof createActivities>;

type NewMessage = {
  workspaceId: string;
  conversationId: string;
  author: 'bot' | 'agent' | 'system';
  text: string;
  quickReplies?: QuickReply[];
};

async function upsertOnce(models: Models, idempotencyKey: string, fields: NewMessage) {
  try {
    return await models.Message.findOneAndUpdate(
      { workspaceId: fields.workspaceId, idempotencyKey },
      { $setOnInsert: { ...fields, idempotencyKey } },
      { upsert: true, returnDocument: 'after' },
    ).orFail();
  } catch (err) {
    // Two attempts raced and the other one inserted first: its document is the one.
    if ((err as { code?: number }).code === 11000)
      return await models.Message.findOne({ workspaceId: fields.workspaceId, idempotencyKey }).orFail();
    throw err;
  }
}
