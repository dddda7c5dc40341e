import type { FastifyInstance } from 'fastify';
import { FLOW_SIGNALS, type AgentAcceptedSignal } from '@kefu/schemas';
import type { Role } from '@kefu/schemas/api';
import { KefuError } from '../errors';
import { claimMove, claimSlot, freeSlot, passOffer, releaseAssignee } from '../routing';
import type { Models, OfferDoc } from '../models';
import { inboxKeyOf, type InboxState } from '../models/inbox-keys';
import { signalRun } from './run-signal';
import { teamsOf } from './inbox-view';

/**
 * Who holds a conversation: accepting it (through an offer or from a queue), handing it on and
 * letting it go. Capacity is the routing's AgentSlot: every assignment holds one slot of its agent
 * under a holder key stored on the conversation (`assignee.holder`), and releaseAssignee frees it.
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

/**
 * Accepts an offer made to the actor: the conversation becomes theirs and its run goes on down the
 * route-to-team step's `assigned` port. Repeating an accept that succeeded is harmless.
 */
export async function acceptOffer(app: FastifyInstance, actor: Actor, offer: OfferRow): Promise<void> {
  const { Offer, Conversation } = app.models;
  const { workspaceId, userId } = actor;
  if (offer.status !== 'accepted') {
    if (offer.status !== 'offered' || offer.expiresAt.getTime() <= Date.now()) throw noLongerOpen();
    // The offer took its slot when made; refuse only if the agent lowered their capacity since.
    const load = await app.models.AgentSlot.countDocuments({ workspaceId, agentId: userId });
    if (load > (await maxConcurrentOf(app.models, workspaceId, userId))) throw atCapacity('params/id');
    // One move per holder: an expiry or a decline racing this accept gets there first or not at all.
    if ((await claimMove(app.models, workspaceId, String(offer._id), userId, 'accepted')) !== 'accepted') throw noLongerOpen();
    await Offer.updateOne({ _id: offer._id, workspaceId, agentId: userId }, { $set: { status: 'accepted', acceptedAt: new Date() } });
    await Conversation.updateOne(
      { _id: offer.conversationId, workspaceId },
      {
        $set: {
          assignee: { agentId: userId, teamId: offer.teamId, offerId: offer._id, holder: offer.idempotencyKey, at: new Date() },
          teamId: offer.teamId,
          assigneeId: userId,
          inboxKey: userId,
        },
      },
    );
  }
  // Signalled after the database says accepted: if the run's timer fires first, its expiry finds
  // the acceptance there. A repeated accept signals again; the run ignores the repeat.
  const signal: AgentAcceptedSignal = { offerId: String(offer._id), agentId: userId };
  await signalRun(app, String(offer.conversationId), FLOW_SIGNALS.agentAccepted, signal);
  void app.agentHub.publish(workspaceId, { type: 'offer.ended', offerId: String(offer._id), conversationId: String(offer.conversationId), reason: 'accepted' }, { userIds: [userId] });
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
 */
export async function acceptConversation(app: FastifyInstance, actor: Actor, id: string): Promise<Taken> {
  const { models } = app;
  const { workspaceId, userId } = actor;
  const conversation = await findConversation(models, actor, id);
  if (conversation.status === 'closed')
    throw new KefuError('KEFU_ERR_CONFLICT', 'This conversation is resolved; reopen it first', 'params/id');
  const holderId = conversation.assignee?.agentId ? String(conversation.assignee.agentId) : null;
  if (holderId === userId) return {};
  if (holderId) throw new KefuError('KEFU_ERR_CONFLICT', 'Another agent has this conversation', 'params/id');
  if (!isOwner(actor) && conversation.teamId && !(await teamsOf(models, workspaceId, userId)).includes(String(conversation.teamId)))
    throw new KefuError('KEFU_ERR_FORBIDDEN', "This conversation waits in another team's queue", 'params/id');

  const offer = (await models.Offer.findOne({ workspaceId, conversationId: id, status: 'offered' }).lean()) as OfferRow | null;
  if (offer && String(offer.agentId) === userId) {
    await acceptOffer(app, actor, offer);
    return { offerId: String(offer._id) };
  }
  const max = await maxConcurrentOf(models, workspaceId, userId);
  if (offer) {
    const from = String(offer.agentId);
    // The slot is held under the offer's key, as if the offer had been made to the actor.
    if (!(await claimSlot(models, workspaceId, userId, max, offer.idempotencyKey))) throw atCapacity('params/id');
    if ((await claimMove(models, workspaceId, String(offer._id), from, 'passed')) !== 'passed') {
      await freeSlot(models, workspaceId, userId, offer.idempotencyKey);
      throw new KefuError('KEFU_ERR_CONFLICT', 'The conversation was just taken or its offer ended; reload the inbox', 'params/id');
    }
    await models.Offer.updateOne(
      { _id: offer._id, workspaceId, agentId: from },
      { $set: { agentId: userId, status: 'accepted', acceptedAt: new Date() }, $addToSet: { passedBy: from } },
    );
    await freeSlot(models, workspaceId, from, offer.idempotencyKey);
    await models.Conversation.updateOne(
      { _id: id, workspaceId },
      {
        $set: {
          assignee: { agentId: userId, teamId: offer.teamId, offerId: offer._id, holder: offer.idempotencyKey, at: new Date() },
          teamId: offer.teamId,
          assigneeId: userId,
          inboxKey: userId,
        },
      },
    );
    const signal: AgentAcceptedSignal = { offerId: String(offer._id), agentId: userId };
    await signalRun(app, id, FLOW_SIGNALS.agentAccepted, signal);
    void app.agentHub.publish(workspaceId, { type: 'offer.ended', offerId: String(offer._id), conversationId: id, reason: 'taken' }, { userIds: [from] });
    return { tookOfferFrom: from, offerId: String(offer._id) };
  }
  const holder = takeHolder(id, userId);
  if (!(await claimSlot(models, workspaceId, userId, max, holder))) throw atCapacity('params/id');
  await assignTo(models, workspaceId, id, userId, holder, conversation.teamId ?? undefined);
  // FerretDB 1.x does not make the conditional update atomic: read back who won.
  const after = await models.Conversation.findOne({ _id: id, workspaceId }, { assignee: 1 }).lean();
  if (String(after?.assignee?.agentId) !== userId) {
    await freeSlot(models, workspaceId, userId, holder);
    throw new KefuError('KEFU_ERR_CONFLICT', 'Another agent has this conversation', 'params/id');
  }
  return {};
}

/** Assigns an unassigned conversation (only if still unassigned). */
async function assignTo(models: Models, workspaceId: string, id: string, agentId: string, holder: string, teamId?: unknown) {
  await models.Conversation.updateOne(
    { _id: id, workspaceId, 'assignee.agentId': { $exists: false } },
    { $set: { assignee: { agentId, holder, at: new Date(), ...(teamId ? { teamId } : {}) }, assigneeId: agentId, inboxKey: agentId } },
  );
}

/** Whether the actor may act on the conversation: owners always; agents when it is theirs, or unassigned in their team. */
export async function mayAct(models: Models, actor: Actor, conversation: { assignee?: { agentId?: unknown } | null; teamId?: unknown }) {
  if (isOwner(actor)) return true;
  const holder = conversation.assignee?.agentId;
  if (holder) return String(holder) === actor.userId;
  if (!conversation.teamId) return true;
  return (await teamsOf(models, actor.workspaceId, actor.userId)).includes(String(conversation.teamId));
}

/** Gives the assignee's slot back and clears the assignment: it waits where its state says (inboxKeyOf). */
export async function unassign(models: Models, workspaceId: string, id: string, state: Omit<InboxState, 'assignee'>): Promise<void> {
  await releaseAssignee(models, workspaceId, id);
  const inboxKey = inboxKeyOf({ ...state, assignee: null });
  await models.Conversation.updateOne(
    { _id: id, workspaceId },
    { $unset: { assignee: 1, assigneeId: 1, ...(inboxKey ? {} : { inboxKey: 1 }) }, ...(inboxKey ? { $set: { inboxKey } } : {}) },
  );
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
  const from = conversation.assignee?.agentId ? String(conversation.assignee.agentId) : null;
  const queueOf = { workspaceId, status: conversation.status, teamId: conversation.teamId, handoff: conversation.handoff };
  if (to.agentId) {
    const target = await models.User.findOne({ _id: to.agentId, workspaceId }, { roles: 1 }).lean();
    if (!target || !target.roles.some((r) => r === 'agent' || r === 'owner'))
      throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such agent in this workspace', 'body/agentId');
    if (from === to.agentId) return { from };
    const holder = takeHolder(id, to.agentId);
    if (!(await claimSlot(models, workspaceId, to.agentId, await maxConcurrentOf(models, workspaceId, to.agentId), holder)))
      throw atCapacity('body/agentId', 'That agent is');
    await withdrawOffers(app, workspaceId, id);
    await unassign(models, workspaceId, id, queueOf);
    await assignTo(models, workspaceId, id, to.agentId, holder, conversation.teamId ?? undefined);
  } else if (to.teamId) {
    const team = await models.Team.findOne({ _id: to.teamId, workspaceId }, { _id: 1 }).lean();
    if (!team) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such team', 'body/teamId');
    await withdrawOffers(app, workspaceId, id);
    await unassign(models, workspaceId, id, queueOf);
    await models.Conversation.updateOne({ _id: id, workspaceId }, { $set: { teamId: team._id, inboxKey: team._id } });
  }
  await signalRun(app, id, FLOW_SIGNALS.conversationTransferred, {
    byAgentId: actor.userId,
    ...(to.agentId ? { toAgentId: to.agentId } : {}),
    ...(to.teamId ? { toTeamId: to.teamId } : {}),
  });
  return { from };
}

/**
 * Ends the conversation's offers still waiting for an answer (it was resolved or moved by hand):
 * their agents get their slots back and are told; the waiting run times out as it would anyway.
 */
export async function withdrawOffers(app: FastifyInstance, workspaceId: string, conversationId: string): Promise<void> {
  const open = await app.models.Offer.find({ workspaceId, conversationId, status: 'offered' }).lean();
  for (const offer of open) {
    const agentId = String(offer.agentId);
    // Timed out already, a single expiry is left to the run; otherwise passOffer ends it with nobody left to offer it to.
    if ((await passOfferToNobody(app.models, workspaceId, String(offer._id), agentId)) !== null)
      void app.agentHub.publish(workspaceId, { type: 'offer.ended', offerId: String(offer._id), conversationId, reason: 'released' }, { userIds: [agentId] });
  }
}

async function passOfferToNobody(models: Models, workspaceId: string, offerId: string, agentId: string) {
  // Expiring it first in the database makes passOffer end it instead of handing it on.
  await models.Offer.updateOne({ _id: offerId, workspaceId, status: 'offered' }, { $set: { expiresAt: new Date(0) } });
  return await passOffer(models, workspaceId, offerId, agentId, 'released');
}
