import type { FastifyInstance } from 'fastify';
import { FLOW_SIGNALS, type AgentAcceptedSignal, type ConversationTransferredSignal } from '@kefu/schemas';
import type { Role } from '@kefu/schemas/api';
import { KefuError } from '../errors';
import { claimMove, claimSlot, freeAssigneeSlot, freeSlot, passOffer } from '../routing';
import { transition, type Models, type OfferDoc } from '../models';
import { claimConversation, moveConversation, unclaimConversation } from './assignee-writes';
import { signalRun } from './run-signal';
import { teamsOf } from './inbox-view';
import { faultPoint } from '../faults';

/**
 * Who holds a conversation: accepting it (through an offer or from a queue), handing it on and
 * letting it go. Capacity is the routing's AgentSlot: every assignment holds one slot of its agent
 * under a holder key stored on the conversation (`assignee.holder`), and releaseAssignee frees it.
 * The assignment itself is only ever written by the conditional moves of assignee-writes.ts.
 */

export interface Actor {
  workspaceId: string;
  userId: string;
  roles: readonly Role[];
}

type OfferRow = OfferDoc & { _id: unknown; createdAt: Date };

export const isOwner = (actor: Actor) => actor.roles.includes('owner');

/** The slot holder of a conversation taken without an offer (from the queue, by transfer). */
const takeHolder = (conversationId: string, agentId: string) => `take/${conversationId}/${agentId}`;

/** The caller's conversation in the caller's workspace; another workspace's id is "not found". */
export async function findConversation(models: Models, actor: Actor, id: string) {
  const conversation = await models.Conversation.findOne({ _id: id, workspaceId: actor.workspaceId });
  if (!conversation) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such conversation', 'params/id');
  return conversation;
}

export async function maxConcurrentOf(models: Models, workspaceId: string, userId: string): Promise<number> {
  const profile = await models.AgentProfile.findOne({ workspaceId, userId }, { maxConcurrent: 1 }).lean();
  // Someone who never set anything has the schema's default.
  return profile?.maxConcurrent ?? 3;
}

const atCapacity = (field: string, who = 'You are') =>
  new KefuError('KEFU_ERR_CONFLICT', `${who} at capacity of concurrent chats`, field);
const noLongerOpen = () => new KefuError('KEFU_ERR_CONFLICT', 'This offer is no longer open', 'params/id');
const someoneElseHasIt = () => new KefuError('KEFU_ERR_CONFLICT', 'Another agent has this conversation', 'params/id');

/**
 * Accepts an offer made to the actor: the conversation becomes theirs and its run goes on down the
 * route-to-team step's `assigned` port. Repeating an accept that succeeded is harmless.
 */
export async function acceptOffer(app: FastifyInstance, actor: Actor, offer: OfferRow): Promise<void> {
  const { models } = app;
  const { workspaceId, userId } = actor;
  const conversationId = String(offer.conversationId);
  if (offer.status !== 'accepted') {
    if (offer.status !== 'offered' || offer.expiresAt.getTime() <= Date.now()) throw noLongerOpen();
    // The offer took its slot when made; refuse only if the agent lowered their capacity since.
    const load = await models.AgentSlot.countDocuments({ workspaceId, agentId: userId });
    if (load > (await maxConcurrentOf(models, workspaceId, userId))) throw atCapacity('params/id');
    // The conversation first: a teammate may have taken it from the queue, and then it is theirs
    // (their take ends this offer).
    const assignee = { agentId: userId, teamId: offer.teamId, offerId: offer._id as string, holder: offer.idempotencyKey, at: new Date() };
    if (!(await claimConversation(models, workspaceId, conversationId, assignee, { teamId: offer.teamId }))) throw someoneElseHasIt();
    // Then the offer's one move: an expiry or a decline racing this accept gets there first or not at all.
    if (!(await claimMove(models, workspaceId, String(offer._id), userId, 'accepted', userId)).mine) {
      await unclaimConversation(models, workspaceId, conversationId, assignee);
      throw noLongerOpen();
    }
    await models.Offer.updateOne(
      { _id: offer._id, workspaceId, agentId: userId, status: 'offered' },
      { $set: { status: 'accepted', acceptedAt: new Date(), acceptedSignal: 'due' } },
    );
    faultPoint('offer-accepted');
    // From the offer to its acceptance: the customer's wait in the team's queue.
    app.productMetrics.queueWait((Date.now() - new Date(offer.createdAt).getTime()) / 1000);
  }
  // Signalled after the database says accepted: if the run's timer fires first, its expiry finds
  // the acceptance there. A repeated accept signals again; the run ignores the repeat.
  await tellRunAccepted(app, workspaceId, { _id: offer._id, conversationId, agentId: userId });
  void app.agentHub.publish(workspaceId, { type: 'offer.ended', offerId: String(offer._id), conversationId, reason: 'accepted' }, { userIds: [userId] });
}

/**
 * The run waiting on the offer learns who accepted it, then the acceptance is no longer due
 * (`acceptedSignal`, written with `status: 'accepted'`; the hand-off sweeper tells runs of the ones
 * a dead process left). Safe to repeat: the run keeps the first acceptance of each offer.
 */
export async function tellRunAccepted(
  app: FastifyInstance,
  workspaceId: string,
  offer: { _id: unknown; conversationId: unknown; agentId: unknown },
): Promise<void> {
  const signal: AgentAcceptedSignal = { offerId: String(offer._id), agentId: String(offer.agentId) };
  await signalRun(app, String(offer.conversationId), FLOW_SIGNALS.agentAccepted, signal);
  await app.models.Offer.updateOne({ _id: offer._id, workspaceId, acceptedSignal: 'due' }, { $unset: { acceptedSignal: 1 } });
}

/** What accepting a conversation changed, for the caller to announce. */
export interface Taken {
  /** The agent whose pending offer the actor took over, if any. */
  tookOfferFrom?: string;
  offerId?: string;
}

/**
 * Takes a conversation for the actor: from an offer made to them (the same as accepting the
 * offer), from an offer made to a teammate (taken over: the run sees it accepted by the actor), or
 * straight from the queue. Refused at capacity, when someone else holds it, or when it is resolved.
 * Of agents taking the same chat at once exactly one gets it: the claim on the conversation decides.
 */
export async function acceptConversation(app: FastifyInstance, actor: Actor, id: string): Promise<Taken> {
  const { models } = app;
  const { workspaceId, userId } = actor;
  const conversation = await findConversation(models, actor, id);
  if (conversation.status === 'closed')
    throw new KefuError('KEFU_ERR_CONFLICT', 'This conversation is resolved; reopen it first', 'params/id');
  const holderId = conversation.assignee?.agentId ? String(conversation.assignee.agentId) : null;
  if (holderId === userId) return {};
  if (holderId) throw someoneElseHasIt();
  if (!isOwner(actor) && conversation.teamId && !(await teamsOf(models, workspaceId, userId)).includes(String(conversation.teamId)))
    throw new KefuError('KEFU_ERR_FORBIDDEN', "This conversation waits in another team's queue", 'params/id');

  const mine = (await models.Offer.findOne({ workspaceId, conversationId: id, status: 'offered', agentId: userId }).lean()) as OfferRow | null;
  if (mine) {
    await acceptOffer(app, actor, mine);
    return { offerId: String(mine._id) };
  }
  const holder = takeHolder(id, userId);
  if (!(await claimSlot(models, workspaceId, userId, await maxConcurrentOf(models, workspaceId, userId), holder))) throw atCapacity('params/id');
  const assignee = { agentId: userId, holder, at: new Date(), teamId: conversation.teamId ?? null };
  if (!(await claimConversation(models, workspaceId, id, assignee))) {
    await freeSlot(models, workspaceId, userId, holder);
    throw someoneElseHasIt();
  }
  return await takeOverOffers(app, actor, id);
}

/**
 * The actor holds the conversation now: offers routing made for it (to a teammate, or made since the
 * actor looked) are theirs, so each waiting run goes on as assigned to the actor, and the agents
 * those offers waited on get their slots back. An offer that ended meanwhile (expired) is left to its run.
 */
async function takeOverOffers(app: FastifyInstance, actor: Actor, id: string): Promise<Taken> {
  const { models } = app;
  const { workspaceId, userId } = actor;
  const open = await models.Offer.find({ workspaceId, conversationId: id, status: 'offered' }).lean();
  let taken: Taken = {};
  for (const offer of open) {
    const from = String(offer.agentId);
    if (!(await claimMove(models, workspaceId, String(offer._id), from, 'passed', userId)).mine) continue;
    const moved = await transition(
      models.Offer,
      { _id: offer._id, workspaceId, agentId: from, status: 'offered' },
      {
        $set: { agentId: userId, status: 'accepted', acceptedAt: new Date(), acceptedSignal: 'due' },
        $addToSet: { passedBy: from },
      },
    );
    if (!moved) continue;
    // The actor's own slot holds the conversation; the one the offer reserved is given back.
    await freeSlot(models, workspaceId, from, offer.idempotencyKey);
    await tellRunAccepted(app, workspaceId, { _id: offer._id, conversationId: id, agentId: userId });
    void app.agentHub.publish(workspaceId, { type: 'offer.ended', offerId: String(offer._id), conversationId: id, reason: 'taken' }, { userIds: [from] });
    taken = { ...(from !== userId ? { tookOfferFrom: from } : {}), offerId: String(offer._id) };
  }
  return taken;
}

/** Whether the actor may act on the conversation: owners always; agents when it is theirs, or unassigned in their team. */
export async function mayAct(models: Models, actor: Actor, conversation: { assignee?: { agentId?: unknown } | null; teamId?: unknown }) {
  if (isOwner(actor)) return true;
  const holder = conversation.assignee?.agentId;
  if (holder) return String(holder) === actor.userId;
  if (!conversation.teamId) return true;
  return (await teamsOf(models, actor.workspaceId, actor.userId)).includes(String(conversation.teamId));
}

/** Moves to another agent (who must have room) or back into a team's queue. Returns the agent it was taken from. */
export async function transferConversation(
  app: FastifyInstance,
  actor: Actor,
  id: string,
  to: { agentId?: string; teamId?: string },
): Promise<{ from: string | null }> {
  const { models } = app;
  const { workspaceId } = actor;
  const conversation = await findConversation(models, actor, id);
  if (conversation.status === 'closed')
    throw new KefuError('KEFU_ERR_CONFLICT', 'This conversation is resolved; reopen it first', 'params/id');
  if (!(await mayAct(models, actor, conversation)))
    throw new KefuError('KEFU_ERR_FORBIDDEN', 'Only its agent or an owner may transfer this conversation', 'params/id');
  const assigned = conversation.assignee;
  const current = assigned?.agentId ? { agentId: assigned.agentId, holder: assigned.holder ?? null, offerId: assigned.offerId } : null;
  const from = current ? String(current.agentId) : null;
  // Written with the move, cleared once the run was told (tellRunTransferred).
  const transfer = {
    by: actor.userId,
    at: new Date(),
    ...(to.agentId ? { toAgentId: to.agentId } : {}),
    ...(to.teamId ? { toTeamId: to.teamId } : {}),
  };
  const due = { transferSignal: 'due', transfer };
  const changedMeanwhile = () =>
    new KefuError('KEFU_ERR_CONFLICT', 'The conversation changed hands or was resolved meanwhile; reload it', 'params/id');
  if (to.agentId) {
    const target = await models.User.findOne({ _id: to.agentId, workspaceId }, { roles: 1 }).lean();
    if (!target || !target.roles.some((r) => r === 'agent' || r === 'owner'))
      throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such agent in this workspace', 'body/agentId');
    if (from === to.agentId) return { from };
    const holder = takeHolder(id, to.agentId);
    if (!(await claimSlot(models, workspaceId, to.agentId, await maxConcurrentOf(models, workspaceId, to.agentId), holder)))
      throw atCapacity('body/agentId', 'That agent is');
    await withdrawOffers(app, workspaceId, id, actor.userId);
    const assignee = { agentId: to.agentId, holder, at: new Date(), teamId: conversation.teamId ?? null };
    if (!(await moveConversation(models, workspaceId, id, current, assignee, due))) {
      await freeSlot(models, workspaceId, to.agentId, holder);
      throw changedMeanwhile();
    }
  } else if (to.teamId) {
    const team = await models.Team.findOne({ _id: to.teamId, workspaceId }, { _id: 1 }).lean();
    if (!team) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such team', 'body/teamId');
    await withdrawOffers(app, workspaceId, id, actor.userId);
    if (!(await moveConversation(models, workspaceId, id, current, null, { teamId: team._id, ...due }))) throw changedMeanwhile();
  }
  faultPoint('conversation-transferred');
  // The move was conditional on `current`: its slot is the one to give back, exactly once.
  if (current) await freeAssigneeSlot(models, workspaceId, current);
  await tellRunTransferred(app, workspaceId, id, transfer);
  return { from };
}

/** A transfer as stored with its move (`transfer` on the conversation). */
export interface StoredTransfer {
  by: unknown;
  at: Date;
  toAgentId?: unknown;
  toTeamId?: unknown;
}

/**
 * The conversation's run learns of the transfer, then it is no longer due (`transferSignal`, written
 * with the move; the hand-off sweeper tells runs of the ones a dead process left). Only the latest
 * transfer is kept: one that replaced an untold earlier one tells the run where the chat is now.
 */
export async function tellRunTransferred(
  app: FastifyInstance,
  workspaceId: string,
  id: string,
  transfer: StoredTransfer,
): Promise<void> {
  const signal: ConversationTransferredSignal = {
    byAgentId: String(transfer.by),
    ...(transfer.toAgentId ? { toAgentId: String(transfer.toAgentId) } : {}),
    ...(transfer.toTeamId ? { toTeamId: String(transfer.toTeamId) } : {}),
  };
  await signalRun(app, id, FLOW_SIGNALS.conversationTransferred, signal);
  await app.models.Conversation.updateOne(
    { _id: id, workspaceId, transferSignal: 'due', 'transfer.at': transfer.at },
    { $unset: { transferSignal: 1 } },
  );
}

/**
 * Ends the conversation's offers still waiting for an answer (it was resolved or moved by hand):
 * their agents get their slots back and are told; the waiting run times out as it would anyway.
 */
export async function withdrawOffers(app: FastifyInstance, workspaceId: string, conversationId: string, by: string): Promise<void> {
  const open = await app.models.Offer.find({ workspaceId, conversationId, status: 'offered' }).lean();
  for (const offer of open) {
    const agentId = String(offer.agentId);
    // Timed out already, a single expiry is left to the run; otherwise passOffer ends it with nobody left to offer it to.
    if ((await passOfferToNobody(app.models, workspaceId, String(offer._id), agentId, by)) !== null)
      void app.agentHub.publish(workspaceId, { type: 'offer.ended', offerId: String(offer._id), conversationId, reason: 'released' }, { userIds: [agentId] });
  }
}

async function passOfferToNobody(models: Models, workspaceId: string, offerId: string, agentId: string, by: string) {
  // Expiring it first in the database makes passOffer end it instead of handing it on.
  await models.Offer.updateOne({ _id: offerId, workspaceId, status: 'offered' }, { $set: { expiresAt: new Date(0) } });
  return await passOffer(models, workspaceId, offerId, agentId, 'released', by);
}
