import { Types } from 'mongoose';
import type { RoutingStrategy } from '@kefu/nodes';
import type { Models, OfferStatus, Presence } from '../models';
import { chooseAgent, type Candidate } from './choose-agent';

/**
 * Routing against the database, shared by the worker (offers from flow steps) and the API (accept,
 * decline, presence). No transactions on FerretDB: each step is one conditional write, ordered so
 * a crash between two of them can only leave an agent's load one too high (a slot held, never
 * one too many chats) and a retry repeats nothing.
 */

export interface OfferRequest {
  workspaceId: string;
  conversationId: string;
  /** The team's key (what flows name) or its id. */
  teamRef: string;
  strategy: RoutingStrategy;
  skills: readonly string[];
  timeoutMs: number;
  idempotencyKey: string;
  now?: Date;
}

export type OfferResult = { offerId: string } | { noAgent: true };

/** Attempts before giving up when other offers keep taking the chosen agent's slot first. */
const RESERVE_ATTEMPTS = 5;

export async function findTeam(models: Models, workspaceId: string, teamRef: string) {
  const byKey = await models.Team.findOne({ workspaceId, key: teamRef });
  if (byKey || !Types.ObjectId.isValid(teamRef) || teamRef.length !== 24) return byKey;
  return await models.Team.findOne({ workspaceId, _id: teamRef });
}

/** Offers a conversation to one agent of the team; a retry with the same key returns the same offer. */
export async function offerConversation(models: Models, request: OfferRequest): Promise<OfferResult> {
  const { workspaceId, idempotencyKey } = request;
  const existing = await models.Offer.findOne({ workspaceId, idempotencyKey });
  if (existing) return { offerId: String(existing._id) };
  const team = await findTeam(models, workspaceId, request.teamRef);
  if (!team) return { noAgent: true };
  const agent = await reserveAgent(models, workspaceId, team._id, {
    strategy: request.strategy,
    skills: request.skills,
    exclude: [],
  });
  if (!agent) return { noAgent: true };
  const now = request.now ?? new Date();
  try {
    const offer = await models.Offer.create({
      workspaceId,
      conversationId: request.conversationId,
      teamId: team._id,
      agentId: agent,
      strategy: request.strategy,
      skills: [...request.skills],
      expiresAt: new Date(now.getTime() + request.timeoutMs),
      idempotencyKey,
    });
    return { offerId: String(offer._id) };
  } catch (err) {
    // A parallel attempt of the same step made the offer first: give back our slot, use theirs.
    if ((err as { code?: number }).code !== 11000) throw err;
    await freeSlot(models, workspaceId, agent);
    const offer = await models.Offer.findOne({ workspaceId, idempotencyKey }).orFail();
    return { offerId: String(offer._id) };
  }
}

/**
 * Hands an offer on when its agent declines or goes offline: to the next eligible agent of the
 * team (the same offer id, so the waiting run notices nothing), or, with nobody left, ends it as
 * `declined` / `released` and the run's timer decides what happens next.
 */
export async function passOffer(
  models: Models,
  workspaceId: string,
  offerId: string,
  fromAgent: string,
  reason: 'declined' | 'released',
): Promise<OfferStatus | null> {
  const offer = await models.Offer.findOne({ workspaceId, _id: offerId, agentId: fromAgent, status: 'offered' });
  if (!offer) return null;
  const passedBy = [...offer.passedBy.map(String), fromAgent];
  const next =
    offer.expiresAt.getTime() > Date.now()
      ? await reserveAgent(models, workspaceId, offer.teamId, {
          strategy: offer.strategy,
          skills: offer.skills,
          exclude: passedBy,
        })
      : null;
  const moved = await models.Offer.updateOne(
    { workspaceId, _id: offerId, agentId: fromAgent, status: 'offered' },
    next
      ? { $set: { agentId: next }, $addToSet: { passedBy: fromAgent } }
      : { $set: { status: reason }, $addToSet: { passedBy: fromAgent } },
  );
  if (moved.modifiedCount === 0) {
    // Someone else changed the offer meanwhile (accepted, expired): our reservation is not needed.
    if (next) await freeSlot(models, workspaceId, next);
    return null;
  }
  await freeSlot(models, workspaceId, fromAgent);
  return next ? 'offered' : reason;
}

/**
 * Ends an offer whose wait is over. Returns what the offer is now: if an agent accepted just
 * before the timer fired, `accepted` and who, so the run can go on as assigned.
 */
export async function expireOffer(
  models: Models,
  workspaceId: string,
  offerId: string,
  attempts = RESERVE_ATTEMPTS,
): Promise<{ status: OfferStatus; agentId: string } | null> {
  const offer = await models.Offer.findOne({ workspaceId, _id: offerId });
  if (!offer) return null;
  if (offer.status === 'offered') {
    const ended = await models.Offer.updateOne(
      { workspaceId, _id: offerId, agentId: offer.agentId, status: 'offered' },
      { $set: { status: 'expired' } },
    );
    if (ended.modifiedCount > 0) {
      await freeSlot(models, workspaceId, String(offer.agentId));
      return { status: 'expired', agentId: String(offer.agentId) };
    }
    // Handed to another agent between our read and write: look again.
    if (attempts > 1) return await expireOffer(models, workspaceId, offerId, attempts - 1);
  }
  return { status: offer.status, agentId: String(offer.agentId) };
}

/** Sets an agent's presence, capacity or skills; going offline hands on their unaccepted offers. */
export async function updateAgentProfile(
  models: Models,
  workspaceId: string,
  userId: string,
  change: { presence?: Presence; maxConcurrent?: number; skills?: string[] },
) {
  const profile = await models.AgentProfile.findOneAndUpdate(
    { workspaceId, userId },
    // The filter's workspaceId and userId, and the schema's defaults, fill a new profile.
    { $set: change },
    { upsert: true, returnDocument: 'after' },
  ).orFail();
  if (change.presence === 'offline') {
    const held = await models.Offer.find({ workspaceId, agentId: userId, status: 'offered' });
    for (const offer of held) await passOffer(models, workspaceId, String(offer._id), userId, 'released');
  }
  return (await models.AgentProfile.findOne({ workspaceId, userId })) ?? profile;
}

/**
 * Call when a conversation closes: gives its assignee's slot back, once however often it is
 * called (the conversation remembers it did).
 */
export async function releaseAssignee(models: Models, workspaceId: string, conversationId: string): Promise<void> {
  const conversation = await models.Conversation.findOne({ _id: conversationId, workspaceId });
  const agentId = conversation?.assignee?.agentId;
  if (!agentId || conversation.assignee?.releasedAt) return;
  const marked = await models.Conversation.updateOne(
    { _id: conversationId, workspaceId, 'assignee.agentId': agentId, 'assignee.releasedAt': { $exists: false } },
    { $set: { 'assignee.releasedAt': new Date() } },
  );
  if (marked.modifiedCount > 0) await freeSlot(models, workspaceId, String(agentId));
}

/** Gives back one of the agent's slots: an offer ended without acceptance, or a conversation closed. */
export async function freeSlot(models: Models, workspaceId: string, agentId: string): Promise<void> {
  await models.AgentProfile.updateOne({ workspaceId, userId: agentId, load: { $gt: 0 } }, { $inc: { load: -1 } });
}

/**
 * Chooses an agent and takes one of their slots. The slot is taken with a write conditional on
 * the load the choice was made from, so two offers racing for an agent's last slot cannot both
 * win; the loser chooses again.
 */
async function reserveAgent(
  models: Models,
  workspaceId: string,
  teamId: Types.ObjectId,
  request: { strategy: RoutingStrategy; skills: readonly string[]; exclude: readonly string[] },
): Promise<string | null> {
  for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
    const team = await models.Team.findOne({ workspaceId, _id: teamId });
    if (!team || team.members.length === 0) return null;
    const members = team.members.map(String);
    const profiles = await models.AgentProfile.find({ workspaceId, userId: { $in: team.members } }).lean();
    const byUser = new Map(profiles.map((p) => [String(p.userId), p]));
    const candidates: Candidate[] = members.flatMap((userId) => {
      const p = byUser.get(userId);
      return p
        ? [
            {
              userId,
              presence: p.presence,
              load: p.load,
              maxConcurrent: p.maxConcurrent,
              // An upserted profile may lack the array (defaults are not applied to every upsert).
              skills: p.skills ?? [],
              ...(p.lastOfferedAt ? { lastOfferedAt: p.lastOfferedAt.getTime() } : {}),
            },
          ]
        : [];
    });
    const choice = chooseAgent(candidates, request, team.rrCursor);
    if (!choice) return null;
    const taken = await models.AgentProfile.updateOne(
      { workspaceId, userId: choice.agent.userId, presence: 'online', load: choice.agent.load },
      { $inc: { load: 1 }, $set: { lastOfferedAt: new Date() } },
    );
    if (taken.modifiedCount === 0) continue;
    if (choice.nextCursor !== undefined)
      await models.Team.updateOne({ workspaceId, _id: teamId }, { $set: { rrCursor: choice.nextCursor } });
    return choice.agent.userId;
  }
  return null;
}
