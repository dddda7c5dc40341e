import type { FastifyPluginAsync } from 'fastify';
import {
  agentReplySchema,
  errorResponses,
  idParamsSchema,
  inboxConversationSchema,
  inboxMessageSchema,
  inboxSchema,
  noteCreateSchema,
  noteSchema,
  pageQuerySchema,
  pageSchema,
  readMarkSchema,
  transferSchema,
  type AgentReply,
  type IdParams,
  type Inbox,
  type NoteCreate,
  type PageQuery,
  type Transfer,
} from '@kefu/schemas/api';
import { staff } from '../../plugins/app/access';
import { paginate } from '../../paginate';
import { acceptConversation, findConversation, isOwner, transferConversation } from '../../inbox/assignment';
import {
  addNote,
  announce,
  auditIfOwner,
  markRead,
  reopenConversation,
  replyToConversation,
  resolveConversation,
  toNote,
} from '../../inbox/conversation-actions';
import { viewOf } from '../../privacy/pii-view';
import { teamsOf, toInboxConversation, toInboxConversations, toInboxMessage } from '../../inbox/inbox-view';
import { toWireOffer } from '../agents/offer-wire';
import agentSocket from './agent-socket';
import allConversations from './all-conversations';
import cannedReplies from './canned-replies';

/** Each list of GET /inbox shows at most this many; a small shop's inbox is far shorter. */
const INBOX_LIST_MAX = 100;

/** The agent inbox: what waits for me, what I hold, and what I do in a conversation (issue 7). */
const inboxRoutes: FastifyPluginAsync = async (app) => {
  const { Conversation, Offer, Message, Note } = app.models;
  const tags = ['inbox'];
  const agents = { roles: ['owner', 'agent'] as const };
  const action = (summary: string, description: string) => ({
    config: agents,
    schema: {
      tags,
      summary,
      description,
      params: idParamsSchema,
      response: { 200: inboxConversationSchema, ...errorResponses },
    },
  });

  /** The open, unassigned conversations waiting under these inbox keys (teams, the hand-off queue). */
  async function waitingIn(workspaceId: string, keys: string[]) {
    const found = await Promise.all(
      keys.map((inboxKey) => Conversation.find({ workspaceId, inboxKey }).lean()),
    );
    return found.flat();
  }

  async function allTeamsOf(workspaceId: string): Promise<string[]> {
    const teams = await app.models.Team.find({ workspaceId }, { _id: 1 }).lean();
    return teams.map((t) => String(t._id));
  }

  app.get(
    '/inbox',
    {
      config: agents,
      schema: {
        tags,
        summary: 'My queues, my conversations and my offers',
        description: `Queue: open, unassigned conversations of my teams (owners: of every team, and any a failed step handed to a person). Each list holds at most ${INBOX_LIST_MAX}.`,
        response: { 200: inboxSchema, ...errorResponses },
      },
    },
    async (request): Promise<Inbox> => {
      const auth = staff(request);
      const { workspaceId, userId } = auth;
      // Each read is one inbox key (models/inbox-keys.ts): a queue, or my own key.
      const teamIds = isOwner(auth)
        ? await allTeamsOf(workspaceId)
        : await teamsOf(app.models, workspaceId, userId);
      const [queueRows, mineRows, offers] = await Promise.all([
        waitingIn(workspaceId, [...teamIds, workspaceId]),
        Conversation.find({ workspaceId, inboxKey: userId }).lean(),
        Offer.find({ workspaceId, agentId: userId, status: 'offered', expiresAt: { $gt: new Date() } })
          .sort({ createdAt: 1 })
          .limit(INBOX_LIST_MAX)
          .lean(),
      ]);
      const queueRowsShown = queueRows
        .filter((c) => c.status === 'open' && !c.assignee?.agentId && !c.test)
        .sort(byTime('createdAt', 1))
        .slice(0, INBOX_LIST_MAX);
      const mineRowsShown = mineRows
        .filter((c) => c.status === 'open' && String(c.assignee?.agentId) === userId)
        .sort(byTime('lastMessageAt', -1))
        .slice(0, INBOX_LIST_MAX);
      const [queue, mine] = await Promise.all([
        toInboxConversations(app.models, workspaceId, userId, queueRowsShown, viewOf(auth)),
        toInboxConversations(app.models, workspaceId, userId, mineRowsShown, viewOf(auth)),
      ]);
      const sum = (list: { unread: number }[]) => list.reduce((n, c) => n + c.unread, 0);
      return { queue, mine, offers: offers.map(toWireOffer), unread: { queue: sum(queue), mine: sum(mine) } };
    },
  );

  app.get<{ Params: IdParams }>(
    '/inbox/conversations/:id',
    {
      config: agents,
      schema: {
        tags,
        summary: 'One conversation as the inbox shows it',
        description:
          'Open or resolved, with its contact, assignee, unread count for me and satisfaction rating.',
        params: idParamsSchema,
        response: { 200: inboxConversationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const row = (await findConversation(app.models, auth, request.params.id)).toObject();
      return await toInboxConversation(app.models, auth.workspaceId, auth.userId, row, viewOf(auth));
    },
  );

  app.get<{ Params: IdParams; Querystring: PageQuery }>(
    '/conversations/:id/messages',
    {
      config: agents,
      schema: {
        tags,
        summary: "A conversation's messages",
        description:
          'Oldest first by default; `sort=-createdAt` gives the newest page first. Internal notes are at /notes.',
        params: idParamsSchema,
        querystring: pageQuerySchema(['createdAt'], 'createdAt'),
        response: { 200: pageSchema(inboxMessageSchema), ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      await findConversation(app.models, auth, request.params.id);
      const filter = { workspaceId: auth.workspaceId, conversationId: request.params.id };
      return await paginate(Message, filter, request.query, (m) => toInboxMessage(m, viewOf(auth)));
    },
  );

  app.post<{ Params: IdParams; Body: AgentReply }>(
    '/conversations/:id/messages',
    {
      config: agents,
      schema: {
        tags,
        summary: 'Reply to the customer',
        description:
          "Stored once per clientMessageId (a resend answers the first message), shown in the customer's widget, sent out by email or API for those channels. Only the conversation's agent or an owner may reply; accept an unassigned conversation first (409).",
        params: idParamsSchema,
        body: agentReplySchema,
        response: { 200: inboxMessageSchema, ...errorResponses },
      },
    },
    async (request) => await replyToConversation(app, staff(request), request.params.id, request.body),
  );

  app.get<{ Params: IdParams; Querystring: PageQuery }>(
    '/conversations/:id/notes',
    {
      config: agents,
      schema: {
        tags,
        summary: "A conversation's internal notes",
        params: idParamsSchema,
        querystring: pageQuerySchema(['createdAt'], 'createdAt'),
        response: { 200: pageSchema(noteSchema), ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      await findConversation(app.models, auth, request.params.id);
      return await paginate(
        Note,
        { workspaceId: auth.workspaceId, conversationId: request.params.id },
        request.query,
        (n) => toNote(n, viewOf(auth)),
      );
    },
  );

  app.post<{ Params: IdParams; Body: NoteCreate }>(
    '/conversations/:id/notes',
    {
      config: agents,
      schema: {
        tags,
        summary: 'Add an internal note',
        description:
          'Seen by staff only, never by the customer. With a clientMessageId, a resend is stored once.',
        params: idParamsSchema,
        body: noteCreateSchema,
        response: { 200: noteSchema, ...errorResponses },
      },
    },
    async (request) => await addNote(app, staff(request), request.params.id, request.body),
  );

  app.post<{ Params: IdParams }>(
    '/conversations/:id/accept',
    action(
      'Take a conversation',
      "From an offer made to me (the same as accepting it), from a teammate's pending offer, or from my team's queue. 409 at capacity or when another agent has it.",
    ),
    async (request) => {
      const auth = staff(request);
      const taken = await acceptConversation(app, auth, request.params.id);
      const conversation = await announce(app, auth, request.params.id, 'conversation.assigned', [
        taken.tookOfferFrom,
      ]);
      await auditIfOwner(
        app,
        auth,
        'conversation.accept',
        request.params.id,
        {},
        { assigneeId: auth.userId },
      );
      return conversation;
    },
  );

  app.post<{ Params: IdParams; Body: Transfer }>(
    '/conversations/:id/transfer',
    {
      config: agents,
      schema: {
        tags,
        summary: 'Transfer a conversation',
        description: "To an agent (who must have room: 409) or back into a team's queue, unassigned.",
        params: idParamsSchema,
        body: transferSchema,
        response: { 200: inboxConversationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const { from } = await transferConversation(app, auth, request.params.id, request.body);
      const type = request.body.agentId ? 'conversation.transferred' : 'conversation.queued';
      const conversation = await announce(app, auth, request.params.id, type, [from]);
      await auditIfOwner(
        app,
        auth,
        'conversation.transfer',
        request.params.id,
        { assigneeId: from },
        { ...request.body },
      );
      return conversation;
    },
  );

  app.post<{ Params: IdParams }>(
    '/conversations/:id/resolve',
    action(
      'Resolve a conversation',
      "Closes it, frees its agent's capacity and lets its flow go on (e.g. to a satisfaction survey). 409 when already resolved.",
    ),
    async (request) => {
      const auth = staff(request);
      const { from } = await resolveConversation(app, auth, request.params.id);
      const conversation = await announce(app, auth, request.params.id, 'conversation.resolved', [from]);
      await auditIfOwner(
        app,
        auth,
        'conversation.resolve',
        request.params.id,
        { status: 'open' },
        { status: 'closed' },
      );
      return conversation;
    },
  );

  app.post<{ Params: IdParams }>(
    '/conversations/:id/reopen',
    action(
      'Reopen a resolved conversation',
      "It waits, unassigned, in its team's queue. 409 when it is not resolved.",
    ),
    async (request) => {
      const auth = staff(request);
      await reopenConversation(app, auth, request.params.id);
      const conversation = await announce(app, auth, request.params.id, 'conversation.reopened', [
        auth.userId,
      ]);
      await auditIfOwner(
        app,
        auth,
        'conversation.reopen',
        request.params.id,
        { status: 'closed' },
        { status: 'open' },
      );
      return conversation;
    },
  );

  app.post<{ Params: IdParams }>(
    '/conversations/:id/read',
    {
      config: agents,
      schema: {
        tags,
        summary: 'Mark a conversation read',
        params: idParamsSchema,
        response: { 200: readMarkSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      await findConversation(app.models, auth, request.params.id);
      const readAt = await markRead(app, auth, request.params.id);
      return { conversationId: request.params.id, unread: 0, readAt: readAt.toISOString() };
    },
  );

  await app.register(agentSocket);
  await app.register(allConversations);
  await app.register(cannedReplies);
};

export default inboxRoutes;

/**
 * Orders rows by a date field, then by id, in the given direction; a missing date is the smallest
 * value, as MongoDB sorts it.
 */
function byTime<K extends 'createdAt' | 'lastMessageAt'>(field: K, dir: 1 | -1) {
  return (
    a: { [P in K]?: Date | null } & { _id: unknown },
    b: { [P in K]?: Date | null } & { _id: unknown },
  ) => {
    const x = a[field] ? new Date(a[field]).getTime() : -Infinity;
    const y = b[field] ? new Date(b[field]).getTime() : -Infinity;
    if (x !== y) return dir * (x - y);
    return dir * String(a._id).localeCompare(String(b._id));
  };
}
