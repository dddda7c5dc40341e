import { Types } from 'mongoose';
import type { RoutingExplanation, RoutingStrategy } from '@kefu/nodes';
import { cutText } from '@kefu/schemas';
import { changeFromRead, insertUnique, upsertOnce, type Models, type OfferStatus, type Presence } from '../models';
import { chooseAgent, type Candidate } from './choose-agent';
import { explainChoice } from './explain-choice';
import { recordPresence } from './presence-history';

/**
 * Routing against the database, shared by the worker (offers from flow steps) and the API (accept,
 * decline, presence). No transactions: capacity rests on AgentSlot's unique index (one insert wins a
 * slot), every slot is held under the offer's idempotency key (so a retry finds the slot it took),
 * an offer's one move away from its agent is an OfferMove claim, and round-robin turns are taken
 * one at a time on the team document (changeFromRead).
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

/** `routing`: the team's agents and why each was passed over, for the step's why-trace. */
export type OfferResult = ({ offerId: string } | { noAgent: true }) & { routing?: RoutingExplanation };

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
  if (existing) return offerResult(existing);
  const team = await findTeam(models, workspaceId, request.teamRef);
  if (!team) return { noAgent: true, routing: { candidates: [], noAgent: 'no-team' } };
  const reserved = await reserveAgent(models, workspaceId, team._id, idempotencyKey, {
    strategy: request.strategy,
    skills: request.skills,
    exclude: [],
  });
  const { agent } = reserved;
  const routing = await withNames(models, workspaceId, reserved.routing);
  if (!agent) return { noAgent: true, routing };
  const now = request.now ?? new Date();
  const made = await insertUnique(models.Offer, {
    workspaceId,
    conversationId: request.conversationId,
    teamId: team._id,
    agentId: agent,
    strategy: request.strategy,
    skills: [...request.skills],
    expiresAt: new Date(now.getTime() + request.timeoutMs),
    idempotencyKey,
    routing,
  });
  if (made) return offerResult(made);
  // A parallel attempt of the same step made the offer first: use theirs, and give back our
  // slot unless it is the same one (same agent, same holder).
  const offer = await models.Offer.findOne({ workspaceId, idempotencyKey }).orFail();
  if (String(offer.agentId) !== agent) await freeSlot(models, workspaceId, agent, idempotencyKey);
  return offerResult(offer);
}

/** The candidates' names, so an analyst reads who was passed over (a handful: WHY_LIMITS.candidates). */
async function withNames(models: Models, workspaceId: string, routing: RoutingExplanation): Promise<RoutingExplanation> {
  if (routing.candidates.length === 0) return routing;
  const users = await models.User.find(
    { workspaceId, _id: { $in: routing.candidates.map((c) => c.agentId) } },
    { name: 1 },
  ).lean();
  const names = new Map(users.map((u) => [String(u._id), cutText(u.name)]));
  return {
    ...routing,
    candidates: routing.candidates.map((c) => {
      const name = names.get(c.agentId);
      return name ? { ...c, name } : c;
    }),
  };
}

/** A stored offer as its step sees it; a retried step gets the explanation the first attempt stored. */
function offerResult(offer: { _id: unknown; routing?: unknown }): OfferResult {
  return {
    offerId: String(offer._id),
    ...(offer.routing ? { routing: offer.routing as RoutingExplanation } : {}),
  };
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
  /** Who hands it on: the agent themself (decline, offline) or the staff member who withdrew it. */
  by: string = fromAgent,
): Promise<OfferStatus | null> {
  const offer = await models.Offer.findOne({ workspaceId, _id: offerId, agentId: fromAgent, status: 'offered' });
  if (!offer || !(await claimMove(models, workspaceId, offerId, fromAgent, 'passed', by)).mine) return null;
  const passedBy = [...offer.passedBy.map(String), fromAgent];
  const next =
    offer.expiresAt.getTime() > Date.now()
      ? (
          await reserveAgent(models, workspaceId, offer.teamId, offer.idempotencyKey, {
            strategy: offer.strategy,
            skills: offer.skills,
            exclude: passedBy,
          })
        ).agent
      : null;
  const moved = await models.Offer.updateOne(
    { workspaceId, _id: offerId, agentId: fromAgent, status: 'offered' },
    next
      ? { $set: { agentId: next }, $addToSet: { passedBy: fromAgent } }
      : { $set: { status: reason }, $addToSet: { passedBy: fromAgent } },
  );
  if (moved.modifiedCount === 0) {
    // Someone else changed the offer meanwhile (accepted, expired): our reservation is not needed.
    if (next) await freeSlot(models, workspaceId, next, offer.idempotencyKey);
    return null;
  }
  await freeSlot(models, workspaceId, fromAgent, offer.idempotencyKey);
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
  const agentId = String(offer.agentId);
  if (offer.status !== 'offered') return { status: offer.status, agentId };
  const move = await claimMove(models, workspaceId, offerId, agentId, 'expired', 'timer');
  if (move.outcome === 'accepted') return { status: 'accepted', agentId };
  if (move.outcome === 'passed') {
    // Being handed to another agent right now: expire it in their hands.
    return attempts > 1 ? await expireOffer(models, workspaceId, offerId, attempts - 1) : { status: 'offered', agentId };
  }
  await models.Offer.updateOne({ workspaceId, _id: offerId, agentId, status: 'offered' }, { $set: { status: 'expired' } });
  await freeSlot(models, workspaceId, agentId, offer.idempotencyKey);
  return { status: 'expired', agentId };
}

export type MoveOutcome = 'accepted' | 'passed' | 'expired';

/**
 * Claims the one move of an offer away from `fromAgent`, made `by` someone. Returns the move that
 * holds: `mine` when this call (or an earlier try of the same change by the same actor) made it,
 * else the move that got there first.
 */
export async function claimMove(
  models: Models,
  workspaceId: string,
  offerId: string,
  fromAgent: string,
  outcome: MoveOutcome,
  by: string,
): Promise<{ outcome: MoveOutcome; mine: boolean }> {
  if (await insertUnique(models.OfferMove, { workspaceId, offerId, fromAgent, outcome, by })) return { outcome, mine: true };
  const first = await models.OfferMove.findOne({ workspaceId, offerId, fromAgent }).orFail();
  // Moves stored before `by` existed name nobody: the outcome alone decides, as it did then.
  return { outcome: first.outcome, mine: first.outcome === outcome && (first.by ?? by) === by };
}

/** Sets an agent's presence, capacity or skills; going offline hands on their unaccepted offers. */
export async function updateAgentProfile(
  models: Models,
  workspaceId: string,
  userId: string,
  change: { presence?: Presence; maxConcurrent?: number; skills?: string[] },
) {
  const profile = await upsertOnce(() =>
    models.AgentProfile.findOneAndUpdate(
      { workspaceId, userId },
      // The filter's workspaceId and userId, and the schema's defaults, fill a new profile.
      { $set: change },
      { upsert: true, returnDocument: 'after' },
    ).orFail(),
  );
  // The history online time is counted from: opened or closed after the change (a repeat changes nothing).
  if (change.presence) await recordPresence(models, workspaceId, userId, change.presence);
  if (change.presence === 'offline') {
    const held = await models.Offer.find({ workspaceId, agentId: userId, status: 'offered' });
    for (const offer of held) await passOffer(models, workspaceId, String(offer._id), userId, 'released');
  }
  return (await models.AgentProfile.findOne({ workspaceId, userId })) ?? profile;
}

/** Call when a conversation closes: gives its assignee's slot back (once: the slot is deleted). */
export async function releaseAssignee(models: Models, workspaceId: string, conversationId: string): Promise<void> {
  const conversation = await models.Conversation.findOne({ _id: conversationId, workspaceId }, { assignee: 1 }).lean();
  if (conversation?.assignee) await freeAssigneeSlot(models, workspaceId, conversation.assignee);
}

/** Gives back the slot an assignment holds: its own holder, or for older assignments its offer's key. */
export async function freeAssigneeSlot(
  models: Models,
  workspaceId: string,
  assignee: { agentId?: unknown; holder?: string | null; offerId?: unknown },
): Promise<void> {
  const { agentId, holder, offerId } = assignee;
  if (!agentId) return;
  if (holder) return await freeSlot(models, workspaceId, String(agentId), holder);
  if (!offerId) return;
  const offer = await models.Offer.findOne({ workspaceId, _id: offerId }, { idempotencyKey: 1 }).lean();
  if (offer) await freeSlot(models, workspaceId, String(agentId), offer.idempotencyKey);
}

/** Gives back the slot `holder` took of an agent: an offer ended unaccepted, or a chat closed. */
export async function freeSlot(models: Models, workspaceId: string, agentId: string, holder: string): Promise<void> {
  await models.AgentSlot.deleteOne({ workspaceId, agentId, holder });
}

/**
 * Takes one of the agent's slots for `holder`, or finds the one it already has. Each slot number
 * is a unique insert, so concurrent claims can never hold more than `maxConcurrent` between them.
 */
export async function claimSlot(
  models: Models,
  workspaceId: string,
  agentId: string,
  maxConcurrent: number,
  holder: string,
): Promise<boolean> {
  if (await models.AgentSlot.findOne({ workspaceId, agentId, holder })) return true;
  for (let slot = 0; slot < maxConcurrent; slot++)
    if (await insertUnique(models.AgentSlot, { workspaceId, agentId, slot, holder })) return true;
  return false;
}

/** Open offers plus accepted conversations, per agent. */
export async function loadsOf(
  models: Models,
  workspaceId: string,
  agentIds: readonly (string | Types.ObjectId)[],
): Promise<Map<string, number>> {
  const slots = await models.AgentSlot.find({ workspaceId, agentId: { $in: [...agentIds] } }).lean();
  const loads = new Map<string, number>();
  for (const slot of slots) loads.set(String(slot.agentId), (loads.get(String(slot.agentId)) ?? 0) + 1);
  return loads;
}

/**
 * Chooses an agent and takes one of their slots for `holder`. Two offers may choose the same agent
 * at once; the slot inserts decide, and one that finds the agent full chooses again without them.
 * A round-robin choice also takes the team's turn: it is written only if no other offer took a turn
 * since the team was read (changeFromRead), else it is made again from the new turn, so concurrent
 * offers walk the members one each instead of all landing on the same one.
 */
async function reserveAgent(
  models: Models,
  workspaceId: string,
  teamId: Types.ObjectId,
  holder: string,
  request: { strategy: RoutingStrategy; skills: readonly string[]; exclude: readonly string[] },
): Promise<{ agent: string | null; routing: RoutingExplanation }> {
  const full: string[] = [];
  // The members as the last choice saw them: the step's why-trace explains that choice.
  let seen: Candidate[] = [];
  let members: string[] = [];
  const explain = (agent: string | null): RoutingExplanation => {
    // A member who never set up an agent profile is never offered work: offline to the reader.
    const everyone = members.map(
      (userId) =>
        seen.find((c) => c.userId === userId) ??
        ({ userId, presence: 'offline', load: 0, maxConcurrent: 0, skills: [] } satisfies Candidate),
    );
    const noAgent: RoutingExplanation['noAgent'] = members.length ? 'nobody-eligible' : 'no-members';
    return { ...explainChoice(everyone, request, agent, full), ...(agent ? { offeredTo: agent } : { noAgent }) };
  };
  for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
    const turn = await changeFromRead(models.Team, { workspaceId, _id: teamId }, async (team) => {
      members = team.members.map(String);
      if (team.members.length === 0) return { update: null, result: null };
      seen = await candidatesOf(models, workspaceId, team.members);
      const choice = chooseAgent(seen, { ...request, exclude: [...request.exclude, ...full] }, team.rrCursor);
      return {
        update: choice?.nextCursor !== undefined ? { $set: { rrCursor: choice.nextCursor } } : null,
        result: choice,
      };
    });
    const choice = turn?.result;
    if (!choice) return { agent: null, routing: explain(null) };
    const { userId, maxConcurrent } = choice.agent;
    if (!(await claimSlot(models, workspaceId, userId, maxConcurrent, holder))) {
      full.push(userId);
      continue;
    }
    await models.AgentProfile.updateOne({ workspaceId, userId }, { $max: { lastOfferedAt: new Date() } });
    return { agent: userId, routing: explain(userId) };
  }
  return { agent: null, routing: explain(null) };
}

/** The team's members as routing sees them: presence, capacity, skills and load. */
async function candidatesOf(models: Models, workspaceId: string, members: readonly Types.ObjectId[]): Promise<Candidate[]> {
  const [profiles, loads] = await Promise.all([
    models.AgentProfile.find({ workspaceId, userId: { $in: [...members] } }).lean(),
    loadsOf(models, workspaceId, members),
  ]);
  const byUser = new Map(profiles.map((p) => [String(p.userId), p]));
  return members.map(String).flatMap((userId) => {
    const p = byUser.get(userId);
    return p
      ? [
          {
            userId,
            presence: p.presence,
            load: loads.get(userId) ?? 0,
            maxConcurrent: p.maxConcurrent,
            // An upserted profile may lack the array (defaults are not applied to every upsert).
            skills: p.skills ?? [],
            ...(p.lastOfferedAt ? { lastOfferedAt: p.lastOfferedAt.getTime() } : {}),
          },
        ]
      : [];
  });
}
