import type { FromSchema } from 'json-schema-to-ts';
import { MESSAGE_TEXT_MAX, messageSchema } from '../message';
import { oneLine } from '../safe-text';
import { dateTimeSchema, objectIdSchema } from './common';
import { offerSchema } from './routing';

/**
 * The agent inbox: conversations waiting in my teams' queues and the ones I hold, their messages,
 * internal notes, and the actions an agent takes (accept, reply, transfer, resolve, reopen, read).
 * Real-time changes arrive on the agent socket (agent-events.ts). Routes (roles owner, agent unless said):
 *
 *   GET    /inbox                                  -> Inbox
 *   GET    /inbox/conversations/:id                -> InboxConversation (open or resolved; csat once rated)
 *   GET    /conversations/:id/messages?limit&cursor&sort=createdAt|-createdAt  -> Page<InboxMessage> (default oldest first)
 *   POST   /conversations/:id/messages   AgentReply -> InboxMessage (a resend of a clientMessageId returns the first)
 *   GET    /conversations/:id/notes?limit&cursor&sort -> Page<NoteWire>
 *   POST   /conversations/:id/notes      NoteCreate -> NoteWire
 *   POST   /conversations/:id/accept                -> InboxConversation (409 at capacity or already taken)
 *   POST   /conversations/:id/transfer   Transfer   -> InboxConversation
 *   POST   /conversations/:id/resolve               -> InboxConversation (409 when already resolved)
 *   POST   /conversations/:id/reopen                -> InboxConversation (back in its team's queue)
 *   POST   /conversations/:id/read                  -> ReadMark
 *   GET    /canned-replies?q&limit&cursor&sort      -> Page<CannedReplyWire>
 *   POST   /canned-replies (owner) / PATCH, DELETE /canned-replies/:id (owner)
 *   POST   /canned-replies/:id/render    CannedRender -> { text }
 *   GET    /ws/agent  (WebSocket)                   -> AgentServerFrame (agent-events.ts)
 */

/** Chosen by the client (like the widget's): a resend with the same id is stored once. */
export const clientMessageIdSchema = {
  type: 'string',
  minLength: 8,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_-]+$',
} as const;

const messageTextSchema = { type: 'string', minLength: 1, maxLength: MESSAGE_TEXT_MAX } as const;

export const inboxConversationSchema = {
  type: 'object',
  title: 'InboxConversation',
  required: ['id', 'contact', 'channel', 'status', 'unread', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    contact: {
      type: 'object',
      required: ['id'],
      additionalProperties: false,
      properties: { id: objectIdSchema, name: { type: 'string' }, email: { type: 'string' } },
    },
    channel: { type: 'string', enum: ['web', 'email', 'api'] },
    /** `closed` = resolved. */
    status: { type: 'string', enum: ['open', 'closed'] },
    /** The team whose queue holds it (routing, escalation, transfer). */
    teamId: objectIdSchema,
    /** The agent holding it; absent while it waits in a queue. */
    assigneeId: objectIdSchema,
    priority: { type: 'string', enum: ['low', 'normal', 'high', 'urgent'] },
    /** Why the flow handed it to a person without routing (a failed step). */
    handoffReason: { type: 'string' },
    /** The newest message, its text cut to 200 characters, for the list. */
    lastMessage: {
      type: 'object',
      required: ['author', 'text', 'createdAt'],
      additionalProperties: false,
      properties: {
        author: { type: 'string', enum: ['customer', 'bot', 'agent', 'system'] },
        text: { type: 'string' },
        createdAt: dateTimeSchema,
      },
    },
    lastMessageAt: dateTimeSchema,
    /** Customer messages newer than the caller's read mark. */
    unread: { type: 'integer', minimum: 0 },
    csat: {
      type: 'object',
      required: ['rating'],
      additionalProperties: false,
      properties: { rating: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string' } },
    },
    resolvedAt: dateTimeSchema,
    createdAt: dateTimeSchema,
  },
} as const;
export type InboxConversation = FromSchema<typeof inboxConversationSchema>;

/** GET /inbox: what the inbox shows on load; the agent socket keeps it current. */
export const inboxSchema = {
  type: 'object',
  title: 'Inbox',
  required: ['queue', 'mine', 'offers', 'unread'],
  additionalProperties: false,
  properties: {
    /** Open, unassigned conversations of my teams (owners: of every team), oldest first (at most 100). */
    queue: { type: 'array', items: inboxConversationSchema },
    /** Open conversations assigned to me, newest activity first (at most 100). */
    mine: { type: 'array', items: inboxConversationSchema },
    /** Offers routing made me that wait for my answer (accept with POST /offers/:id/accept or /conversations/:id/accept). */
    offers: { type: 'array', items: offerSchema },
    /** Sums of `unread` over each list: the badge. */
    unread: {
      type: 'object',
      required: ['queue', 'mine'],
      additionalProperties: false,
      properties: { queue: { type: 'integer', minimum: 0 }, mine: { type: 'integer', minimum: 0 } },
    },
  },
} as const;
export type Inbox = FromSchema<typeof inboxSchema>;

/** A message as the inbox sees it: the widget's message plus which agent wrote it. */
export const inboxMessageSchema = {
  ...messageSchema,
  title: 'InboxMessage',
  properties: {
    ...messageSchema.properties,
    agentId: objectIdSchema,
    sensitive: {
      type: 'array',
      items: { type: 'string' },
      description:
        "The owner's sensitive-word categories found in it; words of a masking category are already masked",
    },
  },
} as const;
export type InboxMessage = FromSchema<typeof inboxMessageSchema>;

/** POST /conversations/:id/messages: an agent's reply, sent to the customer. */
export const agentReplySchema = {
  type: 'object',
  required: ['clientMessageId', 'text'],
  additionalProperties: false,
  properties: { clientMessageId: clientMessageIdSchema, text: messageTextSchema },
} as const;
export type AgentReply = FromSchema<typeof agentReplySchema>;

/** An internal note: staff only, never sent to the customer. */
export const noteSchema = {
  type: 'object',
  title: 'Note',
  required: ['id', 'conversationId', 'authorId', 'text', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    conversationId: objectIdSchema,
    authorId: objectIdSchema,
    text: { type: 'string' },
    createdAt: dateTimeSchema,
  },
} as const;
export type NoteWire = FromSchema<typeof noteSchema>;

/** POST /conversations/:id/notes */
export const noteCreateSchema = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: { text: messageTextSchema, clientMessageId: clientMessageIdSchema },
} as const;
export type NoteCreate = FromSchema<typeof noteCreateSchema>;

/** POST /conversations/:id/transfer: exactly one of agentId or teamId. */
export const transferSchema = {
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: {
    agentId: { ...objectIdSchema, description: 'Assign to this agent (they must have room)' },
    teamId: { ...objectIdSchema, description: "Put back in this team's queue, unassigned" },
  },
} as const;
export type Transfer = FromSchema<typeof transferSchema>;

/** POST /conversations/:id/read: marks the conversation read for me up to now. */
export const readMarkSchema = {
  type: 'object',
  required: ['conversationId', 'unread', 'readAt'],
  additionalProperties: false,
  properties: {
    conversationId: objectIdSchema,
    unread: { type: 'integer', minimum: 0 },
    readAt: dateTimeSchema,
  },
} as const;
export type ReadMark = FromSchema<typeof readMarkSchema>;

/** Canned replies: owners write them, agents search and insert them. */
export const cannedShortcutSchema = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,31}$' } as const;
const cannedTitleSchema = oneLine(1, 100);
const cannedTagsSchema = {
  type: 'array',
  maxItems: 20,
  uniqueItems: true,
  items: oneLine(1, 32),
} as const;

export const cannedReplySchema = {
  type: 'object',
  title: 'CannedReply',
  required: ['id', 'shortcut', 'title', 'text', 'tags', 'createdAt', 'updatedAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    /** Typed after "/" in the reply box; unique per workspace. */
    shortcut: cannedShortcutSchema,
    title: cannedTitleSchema,
    /** May hold `{{contact.name}}`, `{{contact.email}}`, `{{agent.name}}`: filled by the render route. */
    text: messageTextSchema,
    tags: cannedTagsSchema,
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  },
} as const;
export type CannedReplyWire = FromSchema<typeof cannedReplySchema>;

export const cannedReplyCreateSchema = {
  type: 'object',
  required: ['shortcut', 'title', 'text'],
  additionalProperties: false,
  properties: {
    shortcut: cannedShortcutSchema,
    title: cannedTitleSchema,
    text: messageTextSchema,
    tags: cannedTagsSchema,
  },
} as const;
export type CannedReplyCreate = FromSchema<typeof cannedReplyCreateSchema>;

export const cannedReplyUpdateSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    shortcut: cannedShortcutSchema,
    title: cannedTitleSchema,
    text: messageTextSchema,
    tags: cannedTagsSchema,
  },
} as const;
export type CannedReplyUpdate = FromSchema<typeof cannedReplyUpdateSchema>;

/** GET /canned-replies?q=: matches shortcut, title, text and tags, case-insensitively. */
export const cannedSearchSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { q: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

/** POST /canned-replies/:id/render: the text with the conversation's variables filled in. */
export const cannedRenderSchema = {
  type: 'object',
  required: ['conversationId'],
  additionalProperties: false,
  properties: { conversationId: objectIdSchema },
} as const;
export type CannedRender = FromSchema<typeof cannedRenderSchema>;

export const renderedTextSchema = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: { text: { type: 'string' } },
} as const;
