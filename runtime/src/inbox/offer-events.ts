import type { FastifyInstance } from 'fastify';
import { toWireOffer } from '../routes/agents/offer-wire';
import { toInboxConversation } from './inbox-view';
import { CLEAR } from '../privacy/pii-view';

/**
 * Tells agents about offers: made to them (routing in the worker, or handed on after a decline),
 * or over. Best effort, like every agent push: GET /inbox is the truth after a reconnect.
 */

/** The offer as it is now: to its agent if it waits for them, and the conversation to its team's queue. */
export async function announceOffer(
  app: FastifyInstance,
  workspaceId: string,
  offerId: string,
): Promise<void> {
  const offer = await app.models.Offer.findOne({ _id: offerId, workspaceId }).lean();
  if (!offer) return;
  const agentId = String(offer.agentId);
  const row = await app.models.Conversation.findOne({ _id: offer.conversationId, workspaceId }).lean();
  if (!row) return;
  // In clear: the agent hub masks each socket's copy as its reader may see it.
  const conversation = await toInboxConversation(app.models, workspaceId, agentId, row, CLEAR);
  const conversationId = String(offer.conversationId);
  if (offer.status === 'offered') {
    void app.agentHub.publish(
      workspaceId,
      { type: 'offer.created', offer: toWireOffer(offer), conversation },
      { userIds: [agentId] },
    );
    if (!row.assignee?.agentId)
      void app.agentHub.publish(
        workspaceId,
        { type: 'conversation.queued', conversation },
        { conversationId, teamIds: [String(offer.teamId)] },
      );
  } else if (offer.status === 'expired' || offer.status === 'released' || offer.status === 'declined') {
    void app.agentHub.publish(
      workspaceId,
      { type: 'offer.ended', offerId, conversationId, reason: offer.status },
      { userIds: [agentId] },
    );
  }
}

/** An offer left `fromAgent` (declined, released): they are told, and whoever holds it now is offered it. */
export async function announceOfferMove(
  app: FastifyInstance,
  workspaceId: string,
  offerId: string,
  fromAgent: string,
  reason: 'declined' | 'released',
): Promise<void> {
  const offer = await app.models.Offer.findOne(
    { _id: offerId, workspaceId },
    { conversationId: 1, agentId: 1, status: 1 },
  ).lean();
  if (!offer) return;
  void app.agentHub.publish(
    workspaceId,
    { type: 'offer.ended', offerId, conversationId: String(offer.conversationId), reason },
    { userIds: [fromAgent] },
  );
  if (offer.status === 'offered' && String(offer.agentId) !== fromAgent)
    await announceOffer(app, workspaceId, offerId);
}
