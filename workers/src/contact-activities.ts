import { markFirst, type Models } from '@kefu/runtime/models';
import { releaseAssignee } from '@kefu/runtime/routing';
import type { FlowActivityImpls } from './activity-contract';
import { notifyNobody, type NotifyAgents } from './notify-agents';

/** Contact and conversation side effects of flows; every write is idempotent ($set, $addToSet, $pullAll). */
export function contactActivities(
  models: Models,
  notifyAgents: NotifyAgents = notifyNobody,
): Pick<FlowActivityImpls, 'updateContact' | 'closeConversation'> {
  const { Contact, Conversation } = models;
  return {
    async updateContact(input) {
      const conversation = await Conversation.findOne({
        _id: input.conversationId,
        workspaceId: input.workspaceId,
      });
      if (!conversation) return { updated: false };
      const scope = { _id: conversation.contactId, workspaceId: input.workspaceId };
      const set = Object.fromEntries(
        Object.entries(input.attributes).map(([k, v]) => [`attributes.${k}`, v]),
      );
      // $addToSet and $pullAll on the same array cannot share one update.
      if (Object.keys(set).length || input.addTags.length)
        await Contact.updateOne(scope, {
          ...(Object.keys(set).length ? { $set: set } : {}),
          ...(input.addTags.length ? { $addToSet: { tags: { $each: input.addTags } } } : {}),
        });
      if (input.removeTags.length) await Contact.updateOne(scope, { $pullAll: { tags: input.removeTags } });
      return { updated: true };
    },

    async closeConversation(input) {
      // A run of a ticket without a conversation has none to close.
      if (!input.conversationId) return { closed: false };
      const result = await Conversation.updateOne(
        { _id: input.conversationId, workspaceId: input.workspaceId },
        { $set: { status: 'closed' }, $unset: { inboxKey: 1 } },
      );
      // The agent who had the chat has room for another.
      if (result.matchedCount > 0) {
        // Closed by its flow: a resolution for the KPIs (bot-deflected when no person was asked for).
        await markFirst(
          Conversation as never,
          { _id: input.conversationId, workspaceId: input.workspaceId },
          'firstResolvedAt',
          new Date(),
        );
        await releaseAssignee(models, input.workspaceId, input.conversationId);
        await notifyAgents({
          workspaceId: input.workspaceId,
          conversationId: input.conversationId,
          change: 'resolved',
        });
      }
      return { closed: result.matchedCount > 0 };
    },
  };
}
