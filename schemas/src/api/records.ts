import type { FromSchema } from 'json-schema-to-ts';
import { dateTimeSchema, objectIdSchema } from './common';

/** A customer as the console lists them (the inbox will grow this). */
export const contactSummarySchema = {
  type: 'object',
  title: 'Contact',
  required: ['id', 'tags', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    name: { type: 'string' },
    email: { type: 'string' },
    phone: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    createdAt: dateTimeSchema,
  },
} as const;
export type ContactSummary = FromSchema<typeof contactSummarySchema>;

export const conversationSummarySchema = {
  type: 'object',
  title: 'Conversation',
  required: ['id', 'contactId', 'channel', 'status', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    contactId: objectIdSchema,
    channel: { type: 'string', enum: ['web', 'email', 'api'] },
    status: { type: 'string', enum: ['open', 'closed'] },
    lastMessageAt: dateTimeSchema,
    createdAt: dateTimeSchema,
  },
} as const;
export type ConversationSummary = FromSchema<typeof conversationSummarySchema>;
