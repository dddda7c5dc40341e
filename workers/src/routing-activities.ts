import type { Models } from '@kefu/runtime/models';
import { expireOffer, findTeam, offerConversation } from '@kefu/runtime/routing';
import { joinTeam } from '@kefu/runtime/models';
import type { FlowActivityImpls, InterpreterActivities } from './activity-contract';
import { notifyNobody, type NotifyAgents } from './notify-agents';

/**
 * Handing conversations to people. offerToTeam is idempotent on the step's key (a retry returns the
 * offer it made); escalate is a $set keyed by the step; expireOffer only moves an offer that is
 * still `offered`.
 */
export function routingActivities(
  models: Models,
  notifyAgents: NotifyAgents = notifyNobody,
): Pick<FlowActivityImpls, 'offerToTeam' | 'escalate'> & Pick<InterpreterActivities, 'expireOffer'> {
  const { Conversation } = models;
  return {
    async offerToTeam(input) {
      // A run of a ticket without a conversation has no chat to offer.
      if (!input.conversationId)
        return { noAgent: true, routing: { candidates: [], noAgent: 'no-conversation' } };
      const result = await offerConversation(models, {
        workspaceId: input.workspaceId,
        conversationId: input.conversationId,
        teamRef: input.teamId,
        strategy: input.strategy,
        skills: input.skills,
        timeoutMs: input.timeoutMs,
        idempotencyKey: input.idempotencyKey,
      });
      if ('offerId' in result) {
        const team = await findTeam(models, input.workspaceId, input.teamId);
        if (team)
          await joinTeam(models, { _id: input.conversationId, workspaceId: input.workspaceId }, team._id, {});
        // The agent sees the offer, the team sees the conversation in its queue (a retry tells them again: harmless).
        await notifyAgents({
          workspaceId: input.workspaceId,
          conversationId: input.conversationId,
          change: 'offer',
          offerId: result.offerId,
        });
      }
      return result;
    },

    async escalate(input) {
      const team = input.teamId ? await findTeam(models, input.workspaceId, input.teamId) : null;
      const scope = { _id: input.conversationId, workspaceId: input.workspaceId };
      const result = team
        ? await joinTeam(models, scope, team._id, { priority: input.priority })
        : await Conversation.updateOne(scope, { $set: { priority: input.priority } });
      if (result.matchedCount === 0) return { escalated: false };
      if (team && input.conversationId)
        await notifyAgents({
          workspaceId: input.workspaceId,
          conversationId: input.conversationId,
          change: 'queued',
        });
      // Keyed by the step, so a retry does not move the time an owner sees.
      await Conversation.updateOne(
        { ...scope, 'escalation.key': { $ne: input.idempotencyKey } },
        {
          $set: {
            escalation: {
              note: input.note,
              notifySupervisor: input.notifySupervisor,
              at: new Date(),
              key: input.idempotencyKey,
            },
          },
        },
      );
      return { escalated: true };
    },

    async expireOffer(input) {
      const offer = await expireOffer(models, input.workspaceId, input.offerId);
      if (offer?.status === 'accepted') return { acceptedBy: offer.agentId };
      const expired = await models.Offer.findOne(
        { _id: input.offerId, workspaceId: input.workspaceId },
        { conversationId: 1 },
      ).lean();
      if (expired)
        await notifyAgents({
          workspaceId: input.workspaceId,
          conversationId: String(expired.conversationId),
          change: 'offer',
          offerId: input.offerId,
        });
      return {};
    },
  };
}
