import type { FromSchema } from 'json-schema-to-ts';
import { oneLine } from '../safe-text';
import { dateTimeSchema, objectIdSchema } from './common';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from './page';
import { inboxConversationSchema } from './inbox';

/**
 * Every conversation of the shop, for owners (GET /inbox/all): the bot's, the ones waiting for a
 * person, the ones with an agent and the closed ones. The state is read from the conversation's
 * own top-level fields (status, assigneeId, inboxKey), which every writer already keeps together.
 */
export const CONVERSATION_STATES = ['bot', 'waiting', 'agent', 'closed'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

export const allConversationsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: CONVERSATION_STATES },
    channel: { type: 'string', enum: ['web', 'email', 'api'] },
    teamId: objectIdSchema,
    /** A tag of the conversation's contact. */
    tag: oneLine(1, 32),
    /** Last activity (the latest message, else the start) at or after this time. */
    from: dateTimeSchema,
    /** Last activity before this time. */
    to: dateTimeSchema,
    limit: { type: 'integer', minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT },
    cursor: { type: 'string', minLength: 1, maxLength: 512, description: 'nextCursor of the previous page' },
  },
} as const;
export type AllConversationsQuery = FromSchema<typeof allConversationsQuerySchema>;

export const allConversationSchema = {
  ...inboxConversationSchema,
  title: 'AllConversation',
  required: [...inboxConversationSchema.required, 'state'],
  properties: {
    ...inboxConversationSchema.properties,
    state: { type: 'string', enum: CONVERSATION_STATES },
    /** The flow run that handles it, for the runs view. */
    flowId: objectIdSchema,
  },
} as const;
export type AllConversation = FromSchema<typeof allConversationSchema>;
