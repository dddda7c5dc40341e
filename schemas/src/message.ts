import type { FromSchema } from 'json-schema-to-ts';

export const MESSAGE_TEXT_MAX = 4000;

/** A chat message as clients see it. Text is plain text: clients render it inert. */
export const messageSchema = {
  type: 'object',
  required: ['id', 'conversationId', 'author', 'text', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    conversationId: { type: 'string' },
    author: { type: 'string', enum: ['customer', 'bot', 'agent', 'system'] },
    text: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    clientMessageId: { type: 'string' },
    /** The knowledge-base article a bot answer came from: the widget asks whether it helped. */
    kbArticleId: { type: 'string' },
    /** Buttons a bot message offers; pressing one sends its value (or label) as the customer's reply. */
    quickReplies: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        required: ['label'],
        additionalProperties: false,
        properties: { label: { type: 'string' }, value: { type: 'string' } },
      },
    },
  },
} as const;

export type Message = FromSchema<typeof messageSchema>;
