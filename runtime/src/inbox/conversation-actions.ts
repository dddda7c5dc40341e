import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { FLOW_SIGNALS, type AgentMessageSignal, type ConversationResolvedSignal } from '@kefu/schemas';
import type { ConversationEventType, InboxConversation, InboxMessage, NoteWire } from '@kefu/schemas/api';
import { KefuError } from '../errors';
import type { StaffAuth } from '../plugins/app/accounts';
import { insertOnce, toWireMessage, upsertOnce } from '../models';
import { inboxKeyOf } from '../models/inbox-keys';
import { recordLastMessage } from './last-message';
import { releaseAssignee } from '../routing';
import { findConversation, isOwner, mayAct, withdrawOffers, type Actor } from './assignment';
import { readMarkId, teamsOf, toInboxConversation, toInboxMessage } from './inbox-view';
import { signalRun } from './run-signal';
import { startResolvedFlow } from './resolved-flow';
import { faultPoint } from '../faults';
import { CLEAR, viewOf, type PiiView } from '../privacy/pii-view';
import { inboxConversationFor, inboxMessageFor, noteFor } from './inbox-privacy';

/** The caller of an action whose answer shows customer text: it is masked as they may see it. */
type Reader = Actor & { seesPersonalData: boolean };
import { markFirst } from '../models/first-times';

/** Resolving, reopening, replying, notes and read marks: what an agent does inside a conversation. */

/**
 * Tells the agents who may see the conversation what changed, and returns it as the caller sees it.
 * `alsoTell`: agents who lose sight of it by this change (the one it was taken or moved from).
 */
export async function announce(
  app: FastifyInstance,
  actor: Reader,
  id: string,
  type: ConversationEventType,
  alsoTell: readonly (string | null | undefined)[] = [],
): Promise<InboxConversation> {
  const conversation = await publishConversation(app, actor.workspaceId, id, type, {
    byUserId: actor.userId,
    alsoTell,
  });
  if (!conversation) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such conversation', 'params/id');
  return inboxConversationFor(viewOf(actor), conversation);
}

/**
 * Pushes a conversation event to whoever may see the conversation, its team's queue, and `alsoTell`.
 * `unread` in the pushed conversation counts for `byUserId` (or every customer message without one):
 * the inbox keeps its own counts from GET /inbox and message.created.
 */
export async function publishConversation(
  app: FastifyInstance,
  workspaceId: string,
  id: string,
  type: ConversationEventType,
  options: { byUserId?: string; alsoTell?: readonly (string | null | undefined)[] } = {},
): Promise<InboxConversation | null> {
  const row = await app.models.Conversation.findOne({ _id: id, workspaceId }).lean();
  if (!row) return null;
  // In clear: the agent hub masks each socket's copy as its reader may see it.
  const conversation = await toInboxConversation(app.models, workspaceId, options.byUserId ?? '', row, CLEAR);
  // The queue it leaves or joins: that team's members add or drop it.
  const teamIds = row.teamId ? [String(row.teamId)] : [];
  const userIds = (options.alsoTell ?? []).filter((u): u is string => Boolean(u));
  const event = { type, conversation, ...(options.byUserId ? { byUserId: options.byUserId } : {}) };
  void app.agentHub.publish(workspaceId, event, { conversationId: id, teamIds, userIds });
  return conversation;
}

/** Records an owner's change of a conversation in the audit log (agents working their chats are not audited). */
export async function auditIfOwner(
  app: FastifyInstance,
  actor: StaffAuth,
  action: string,
  id: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  if (isOwner(actor))
    await app.audit.record(actor, { action, targetType: 'conversation', targetId: id, before, after });
}

/** Closes the conversation: its agent's slot is given back and its run goes on (e.g. to a survey). */
export async function resolveConversation(
  app: FastifyInstance,
  actor: Actor,
  id: string,
): Promise<{ from: string | null }> {
  const { models } = app;
  const conversation = await findConversation(models, actor, id);
  if (conversation.status === 'closed')
    throw new KefuError('KEFU_ERR_CONFLICT', 'This conversation is already resolved', 'params/id');
  if (!(await mayAct(models, actor, conversation)))
    throw new KefuError(
      'KEFU_ERR_FORBIDDEN',
      'Only its agent or an owner may resolve this conversation',
      'params/id',
    );
  const at = new Date();
  const closed = await models.Conversation.updateOne(
    { _id: id, workspaceId: actor.workspaceId, status: 'open' },
    {
      $set: { status: 'closed', resolvedAt: at, resolvedBy: actor.userId, resolvedSignal: 'due' },
      $unset: { inboxKey: 1 },
    },
  );
  if (closed.modifiedCount === 0)
    throw new KefuError('KEFU_ERR_CONFLICT', 'This conversation is already resolved', 'params/id');
  await markFirst(
    models.Conversation as never,
    { _id: id, workspaceId: actor.workspaceId },
    'firstResolvedAt',
    at,
  );
  faultPoint('conversation-resolved');
  // The assignment stays on the conversation (who handled it); only the slot is given back.
  await releaseAssignee(models, actor.workspaceId, id);
  await withdrawOffers(app, actor.workspaceId, id, actor.userId);
  await tellRunResolved(app, actor.workspaceId, id, actor.userId, at);
  // The shop's system hears of it by webhook (API-channel conversations only).
  await app.outbound.event(
    { id, workspaceId: actor.workspaceId, channel: conversation.channel },
    { type: 'conversation.resolved', key: `resolved/${id}/${at.getTime()}`, at: at.toISOString() },
  );
  return { from: conversation.assignee?.agentId ? String(conversation.assignee.agentId) : null };
}

/**
 * The conversation's run learns it was resolved (a wait-for-resolution step goes on) and the
 * conversation-resolved flow starts, then the resolution is no longer due. Safe to repeat: the run
 * keeps the latest resolution, and the resolved flow's run is one per resolution.
 */
export async function tellRunResolved(
  app: FastifyInstance,
  workspaceId: string,
  id: string,
  agentId: string,
  at: Date,
): Promise<void> {
  const signal: ConversationResolvedSignal = { agentId, at: at.getTime() };
  await signalRun(app, id, FLOW_SIGNALS.conversationResolved, signal);
  await startResolvedFlow(app, workspaceId, id, agentId, at);
  await app.models.Conversation.updateOne(
    { _id: id, workspaceId, resolvedSignal: 'due', resolvedAt: at },
    { $unset: { resolvedSignal: 1 } },
  );
}

/** Opens a resolved conversation again, unassigned in its team's queue. */
export async function reopenConversation(app: FastifyInstance, actor: Actor, id: string): Promise<void> {
  const { models } = app;
  const conversation = await findConversation(models, actor, id);
  if (conversation.status === 'open')
    throw new KefuError('KEFU_ERR_CONFLICT', 'This conversation is not resolved', 'params/id');
  const handledByMe = [conversation.assignee?.agentId, conversation.resolvedBy].some(
    (u) => u && String(u) === actor.userId,
  );
  const inMyTeam =
    conversation.teamId &&
    (await teamsOf(models, actor.workspaceId, actor.userId)).includes(String(conversation.teamId));
  if (!isOwner(actor) && !handledByMe && !inMyTeam)
    throw new KefuError(
      'KEFU_ERR_FORBIDDEN',
      'Only an agent who handled it, its team or an owner may reopen this conversation',
      'params/id',
    );
  // Unassigned: it waits in its team's queue, or the hand-off queue (models/inbox-keys.ts).
  const inboxKey = inboxKeyOf({
    workspaceId: actor.workspaceId,
    status: 'open',
    teamId: conversation.teamId,
    handoff: conversation.handoff,
  });
  const reopened = await models.Conversation.updateOne(
    { _id: id, workspaceId: actor.workspaceId, status: 'closed' },
    {
      $set: { status: 'open', ...(inboxKey ? { inboxKey } : {}) },
      // A resolution its run was not told of yet is no longer news.
      $unset: {
        resolvedAt: 1,
        resolvedBy: 1,
        resolvedSignal: 1,
        assignee: 1,
        assigneeId: 1,
        ...(inboxKey ? {} : { inboxKey: 1 }),
      },
    },
  );
  if (reopened.modifiedCount === 1) {
    const at = new Date();
    await markFirst(
      models.Conversation as never,
      { _id: id, workspaceId: actor.workspaceId },
      'reopenedAt',
      at,
    );
    await app.outbound.event(
      { id, workspaceId: actor.workspaceId, channel: conversation.channel },
      { type: 'conversation.reopened', key: `reopened/${id}/${at.getTime()}`, at: at.toISOString() },
    );
  }
}

/**
 * An agent's reply: stored once per clientMessageId, pushed to the customer's live widget, sent out
 * by the conversation's channel (email, API) and told to the run. Only the conversation's agent
 * (or an owner) replies; an unassigned conversation is accepted first.
 */
export async function replyToConversation(
  app: FastifyInstance,
  actor: Reader,
  id: string,
  body: { clientMessageId: string; text: string },
): Promise<InboxMessage> {
  const { models } = app;
  const conversation = await findConversation(models, actor, id);
  if (conversation.status === 'closed')
    throw new KefuError(
      'KEFU_ERR_CONFLICT',
      'This conversation is resolved; reopen it to reply',
      'params/id',
    );
  const holder = conversation.assignee?.agentId ? String(conversation.assignee.agentId) : null;
  if (!isOwner(actor) && holder !== actor.userId)
    throw holder
      ? new KefuError('KEFU_ERR_FORBIDDEN', 'Another agent has this conversation', 'params/id')
      : new KefuError('KEFU_ERR_CONFLICT', 'Accept the conversation before replying', 'params/id');
  // The owner's sensitive words: a blocked reply is refused with its category (the console keeps
  // the draft), masked words go out masked.
  const screened = await app.sensitiveWords.screen(actor.workspaceId, body.text);
  if (screened.blocked) {
    const words = screened.hits.filter((h) => h.category === screened.blocked).map((h) => h.word);
    throw new KefuError(
      'KEFU_ERR_SENSITIVE',
      `Not sent: "${[...new Set(words)].join('", "')}" is in the sensitive words (${screened.blocked}); reword the reply`,
      'body/text',
    );
  }
  const doc = await insertOnce(models.Message, {
    workspaceId: actor.workspaceId,
    conversationId: id,
    author: 'agent',
    agentId: actor.userId,
    text: screened.text,
    ...(screened.categories.length ? { sensitive: screened.categories } : {}),
    clientMessageId: body.clientMessageId,
    idempotencyKey: `agent/${id}/${actor.userId}/${body.clientMessageId}`,
    // Until the customer and the run have it: a process dying before that leaves it to the sweeper.
    handoff: 'due',
  });
  faultPoint('agent-message-stored');
  await markFirst(
    models.Conversation as never,
    { _id: id, workspaceId: actor.workspaceId },
    'firstResponseAt',
    doc.createdAt,
  );
  const message = toInboxMessage(doc, CLEAR);
  void app.agentHub.publish(actor.workspaceId, { type: 'message.created', message });
  await Promise.all([
    markRead(app, actor, id, doc.createdAt),
    deliverAgentMessage(app, { id, workspaceId: actor.workspaceId, channel: conversation.channel }, doc),
  ]);
  return inboxMessageFor(viewOf(actor), message);
}

/** An agent message stored but not yet delivered (`handoff: 'due'`), as the sweeper finds it. */
export interface DueAgentMessage {
  _id: unknown;
  workspaceId: unknown;
  conversationId: unknown;
}

/**
 * A stored agent message to everyone waiting for it: the customer's live widget, the inbox's order,
 * the conversation's channel (email, API), the run. Then it is no longer due. Safe to repeat (a
 * resend, the sweeper): the widget shows a message id once, the channel sends a message id once
 * (outbound workflow id), and the run takes no action on agent messages it has seen.
 */
async function deliverAgentMessage(
  app: FastifyInstance,
  conversation: { id: string; workspaceId: string; channel: 'web' | 'email' | 'api' },
  doc: Parameters<typeof toWireMessage>[0],
): Promise<void> {
  const { id, workspaceId } = conversation;
  const wire = toWireMessage(doc);
  // A resend is pushed again: the widget drops a message id it already shows, and a push lost
  // the first time gets through.
  app.liveClients.push(wire);
  await Promise.all([
    recordLastMessage(app.models, workspaceId, id, {
      author: 'agent',
      text: doc.text,
      createdAt: doc.createdAt,
    }),
    app.outbound.send(conversation, wire),
  ]);
  const signal: AgentMessageSignal = { messageId: String(doc._id), agentId: String(doc.agentId) };
  await signalRun(app, id, FLOW_SIGNALS.agentMessage, signal);
  await app.models.Message.updateOne(
    { _id: doc._id, workspaceId, handoff: 'due' },
    { $unset: { handoff: 1 } },
  );
}

/** Delivers an agent message a process stored and died before delivering (the sweeper's). */
export async function handOverDueAgentMessage(app: FastifyInstance, due: DueAgentMessage): Promise<void> {
  const workspaceId = String(due.workspaceId);
  const id = String(due.conversationId);
  const conversation = await app.models.Conversation.findOne({ _id: id, workspaceId }, { channel: 1 }).lean();
  if (!conversation) {
    // Its conversation is gone (deleted with its workspace): nobody waits for it.
    await app.models.Message.updateOne(
      { _id: due._id, workspaceId, handoff: 'due' },
      { $unset: { handoff: 1 } },
    );
    return;
  }
  const doc = await app.models.Message.findOne({ _id: due._id, workspaceId }).lean();
  if (doc) await deliverAgentMessage(app, { id, workspaceId, channel: conversation.channel }, doc);
}

/** An internal note: staff only, in a collection the widget never reads. */
export async function addNote(
  app: FastifyInstance,
  actor: Reader,
  id: string,
  body: { text: string; clientMessageId?: string },
): Promise<NoteWire> {
  await findConversation(app.models, actor, id);
  const doc = await insertOnce(app.models.Note, {
    workspaceId: actor.workspaceId,
    conversationId: id,
    authorId: actor.userId,
    text: body.text,
    idempotencyKey: `note/${id}/${actor.userId}/${body.clientMessageId ?? randomUUID()}`,
  });
  const note = toNote(doc, CLEAR);
  void app.agentHub.publish(actor.workspaceId, { type: 'note.created', note });
  return noteFor(viewOf(actor), note);
}

export function toNote(
  doc: {
    _id: unknown;
    conversationId: unknown;
    authorId: unknown;
    text: string;
    createdAt: Date;
  },
  view: PiiView,
): NoteWire {
  return noteFor(view, {
    id: String(doc._id),
    conversationId: String(doc.conversationId),
    authorId: String(doc.authorId),
    text: doc.text,
    createdAt: new Date(doc.createdAt).toISOString(),
  });
}

/** Moves the actor's read mark on the conversation forward to `at` (never back). */
export async function markRead(
  app: FastifyInstance,
  actor: Actor,
  id: string,
  at = new Date(),
): Promise<Date> {
  const _id = readMarkId(id, actor.userId);
  // Two tabs of one agent may mark the same conversation at once: both upsert the same _id.
  await upsertOnce(() =>
    app.models.ReadMark.updateOne(
      { _id, workspaceId: actor.workspaceId },
      { $max: { readAt: at }, $setOnInsert: { conversationId: id, userId: actor.userId } },
      { upsert: true },
    ),
  );
  const mark = await app.models.ReadMark.findOne({ _id, workspaceId: actor.workspaceId }).lean();
  return mark?.readAt ?? at;
}
