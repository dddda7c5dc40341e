import type { FromSchema } from 'json-schema-to-ts';
import { errorBodySchema } from '../error-body';
import { objectIdSchema } from './common';
import { inboxConversationSchema, inboxMessageSchema, noteSchema } from './inbox';
import { offerSchema } from './routing';

/**
 * Frames of the agent socket, `GET /ws/agent` (WebSocket; the console's session cookie signs it in,
 * roles owner and agent). The server pushes what the signed-in agent may see: offers made to them,
 * conversations of their teams' queues and their own, messages and notes of those conversations.
 * Owners see every conversation of the workspace. After a reconnect, reload GET /inbox: frames
 * missed while away are not replayed.
 *
 * Keeping the inbox current from conversation.* events: the pushed conversation is the truth about
 * status, assignee and team; it belongs in "mine" when assigneeId is me and status open, in the
 * queue when it is open and unassigned, and nowhere else. Its `unread` counts for whoever caused
 * the event, not for you: keep your own counts from GET /inbox plus message.created frames from
 * the customer. A message may arrive twice (a customer's resend): keep one per message id.
 *
 * Other areas push through `app.agentHub.publish(workspaceId, event, audience?)`; add their event
 * shapes to `agentEventSchemas` below (one list, so the socket's documented frames stay complete).
 */

/** Conversation changes, one type each; every one carries the conversation as it is now. */
export const CONVERSATION_EVENT_TYPES = [
  /** Waiting, unassigned, in a team's queue (routed, transferred to a team, reopened, handed off). */
  'conversation.queued',
  /** An agent took it (accepted an offer or from the queue). */
  'conversation.assigned',
  /** Moved to another agent. */
  'conversation.transferred',
  /** Closed by an agent or by its flow. */
  'conversation.resolved',
  'conversation.reopened',
  /** Anything else the list shows changed (priority, csat, read counts). */
  'conversation.updated',
] as const;
export type ConversationEventType = (typeof CONVERSATION_EVENT_TYPES)[number];

/** Why an offer left its agent's hands. */
export const OFFER_END_REASONS = ['accepted', 'declined', 'expired', 'released', 'taken'] as const;

const conversationEventSchema = {
  type: 'object',
  required: ['type', 'conversation'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: CONVERSATION_EVENT_TYPES },
    conversation: inboxConversationSchema,
    /** Who caused it, when a person did. */
    byUserId: objectIdSchema,
  },
} as const;

/** A new offer for me: accept or decline it before `offer.expiresAt`. */
const offerCreatedSchema = {
  type: 'object',
  required: ['type', 'offer', 'conversation'],
  additionalProperties: false,
  properties: {
    type: { const: 'offer.created' },
    offer: offerSchema,
    conversation: inboxConversationSchema,
  },
} as const;

/** An offer I held is over: accepted (by me), declined, expired, released (went offline) or taken (someone accepted it from the queue). */
const offerEndedSchema = {
  type: 'object',
  required: ['type', 'offerId', 'conversationId', 'reason'],
  additionalProperties: false,
  properties: {
    type: { const: 'offer.ended' },
    offerId: objectIdSchema,
    conversationId: objectIdSchema,
    reason: { type: 'string', enum: OFFER_END_REASONS },
  },
} as const;

/** A message in a conversation I can see: the customer's, the bot's or an agent's. */
const messageCreatedSchema = {
  type: 'object',
  required: ['type', 'message'],
  additionalProperties: false,
  properties: { type: { const: 'message.created' }, message: inboxMessageSchema },
} as const;

/** An internal note (staff only). */
const noteCreatedSchema = {
  type: 'object',
  required: ['type', 'note'],
  additionalProperties: false,
  properties: { type: { const: 'note.created' }, note: noteSchema },
} as const;

/** The customer is typing (or stopped). */
const contactTypingSchema = {
  type: 'object',
  required: ['type', 'conversationId', 'typing'],
  additionalProperties: false,
  properties: {
    type: { const: 'contact.typing' },
    conversationId: objectIdSchema,
    typing: { type: 'boolean' },
  },
} as const;

/** Every event other areas may publish; extend this list for new ones. */
export const agentEventSchemas = [
  conversationEventSchema,
  offerCreatedSchema,
  offerEndedSchema,
  messageCreatedSchema,
  noteCreatedSchema,
  contactTypingSchema,
] as const;

export const agentEventSchema = { oneOf: agentEventSchemas } as const;
export type AgentEvent = FromSchema<typeof agentEventSchema>;
export type AgentEventType = AgentEvent['type'];

/**
 * How the server closes an agent socket whose sign-in no longer holds (after an `error` frame):
 * the session ended (signed out, expired, user removed or disabled), or the user's roles no longer
 * include the inbox. The console does not reconnect after either.
 */
export const AGENT_SOCKET_CLOSE = { sessionEnded: 4401, roleRemoved: 4403 } as const;

/** Socket-only frames: `ready` once signed in, `pong` to a ping, `error` for a bad client frame or an ended sign-in. */
const readyFrameSchema = {
  type: 'object',
  required: ['type', 'userId', 'workspaceId'],
  additionalProperties: false,
  properties: { type: { const: 'ready' }, userId: objectIdSchema, workspaceId: objectIdSchema },
} as const;
const pongFrameSchema = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: { type: { const: 'pong' } },
} as const;
const errorFrameSchema = {
  ...errorBodySchema,
  required: ['type', ...errorBodySchema.required],
  properties: { type: { const: 'error' }, ...errorBodySchema.properties },
} as const;

export const agentServerFrameSchema = {
  oneOf: [...agentEventSchemas, readyFrameSchema, pongFrameSchema, errorFrameSchema],
} as const;
export type AgentServerFrame = FromSchema<typeof agentServerFrameSchema>;

/** What the console may send: `{ "type": "ping" }` (keep-alive). Anything else gets an error frame. */
export const agentClientFrameSchema = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: { type: { const: 'ping' } },
} as const;
export type AgentClientFrame = FromSchema<typeof agentClientFrameSchema>;
