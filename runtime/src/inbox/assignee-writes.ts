import type { Types } from 'mongoose';
import { transition, WriteConflictError, type Models } from '../models';
import { inboxKeyOf, type InboxState } from '../models/inbox-keys';

/**
 * Every write of a conversation's assignee, each a conditional transition (models/transition.ts):
 * who holds a chat is decided by the conversation document itself, so of agents racing to take,
 * accept or transfer the same chat exactly one gets it, on MongoDB as on the embedded store. Each
 * write carries the inbox keys that go with the new state (assigneeId, inboxKey: models/inbox-keys.ts).
 */

export interface AssigneeRecord {
  agentId: string;
  /** The AgentSlot holder key the assignment holds its agent's capacity under. */
  holder: string;
  at: Date;
  teamId?: Types.ObjectId | string | null;
  offerId?: Types.ObjectId | string;
}

/** Who holds a conversation now, as read: the state a move is conditional on. */
export interface CurrentAssignee {
  agentId: unknown;
  holder?: string | null;
}

function assigned(a: AssigneeRecord): Record<string, unknown> {
  return {
    assignee: {
      agentId: a.agentId,
      holder: a.holder,
      at: a.at,
      ...(a.teamId ? { teamId: a.teamId } : {}),
      ...(a.offerId ? { offerId: a.offerId } : {}),
    },
    assigneeId: a.agentId,
    // An assigned open conversation waits in its agent's inbox.
    inboxKey: a.agentId,
  };
}

/** The filter that matches the conversation while `current` holds it, or nobody does. */
function heldBy(current: CurrentAssignee | null): Record<string, unknown> {
  if (!current) return { 'assignee.agentId': { $exists: false } };
  return {
    'assignee.agentId': current.agentId,
    // Assignments made before holders were stored name only the agent.
    ...(current.holder ? { 'assignee.holder': current.holder } : {}),
  };
}

/**
 * Gives an open, unassigned conversation to `assignee`; `also` is set with it. True when this call
 * (or an earlier try of the same claim) got it, false when someone else holds it or it closed.
 */
export async function claimConversation(
  models: Models,
  workspaceId: string,
  id: string,
  assignee: AssigneeRecord,
  also: Record<string, unknown> = {},
): Promise<boolean> {
  const won = await transition(
    models.Conversation,
    { _id: id, workspaceId, status: 'open' as const, ...heldBy(null) },
    { $set: { ...also, ...assigned(assignee) } },
  );
  if (won) return true;
  const now = await models.Conversation.findOne({ _id: id, workspaceId }, { assignee: 1 }).lean();
  return now?.assignee?.holder === assignee.holder && String(now.assignee.agentId) === assignee.agentId;
}

/** Undoes a claim whose other half failed (an accept whose offer expired first); only if it still holds. */
export async function unclaimConversation(
  models: Models,
  workspaceId: string,
  id: string,
  claimed: CurrentAssignee,
): Promise<void> {
  await moveConversation(models, workspaceId, id, claimed, null);
}

/**
 * Moves an open conversation from `from` (who held it when read, or nobody) to `to`, or back into
 * the queue when `to` is null; `also` (a team, a transfer's record) is set with it. False when it changed hands or
 * closed meanwhile.
 */
export async function moveConversation(
  models: Models,
  workspaceId: string,
  id: string,
  from: CurrentAssignee | null,
  to: AssigneeRecord | null,
  also: { teamId?: unknown } & Record<string, unknown> = {},
): Promise<boolean> {
  const { Conversation } = models;
  const scope = { _id: id, workspaceId, status: 'open' as const, ...heldBy(from) };
  if (to) return (await transition(Conversation, scope, { $set: { ...also, ...assigned(to) } })) !== null;
  // Unassigned, it waits where its team or hand-off says: written only onto the team and hand-off
  // it was computed from, so a team set meanwhile (routing, escalation) is never given a stale key.
  for (let attempt = 0; attempt < 10; attempt++) {
    const now = (await Conversation.findOne(
      { _id: id, workspaceId },
      { status: 1, teamId: 1, handoff: 1 },
    ).lean()) as (InboxState & { teamId?: unknown; handoff?: { at?: unknown } | null }) | null;
    if (!now) return false;
    const inboxKey = inboxKeyOf({
      workspaceId,
      status: 'open',
      teamId: also.teamId ?? now.teamId,
      handoff: now.handoff,
    });
    const moved = await transition(
      Conversation,
      {
        ...scope,
        teamId: now.teamId ?? { $exists: false },
        'handoff.at': now.handoff?.at ?? { $exists: false },
      },
      {
        $unset: { assignee: 1, assigneeId: 1, ...(inboxKey ? {} : { inboxKey: 1 }) },
        ...(inboxKey || Object.keys(also).length
          ? { $set: { ...also, ...(inboxKey ? { inboxKey } : {}) } }
          : {}),
      },
    );
    if (moved) return true;
    // Lost: to another holder (or closed), or only its team or hand-off moved; then try again.
    const held = await Conversation.findOne(scope, { _id: 1 }).lean();
    if (!held) return false;
  }
  throw new WriteConflictError('Conversation', 10);
}
