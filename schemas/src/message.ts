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
    /**
     * The flow says nobody can answer now (closed, or no agent free): the widget offers the
     * offline form (email + message becomes a ticket) under this message.
     */
    offlineForm: { type: 'boolean' },
  },
} as const;

export type Message = FromSchema<typeof messageSchema>;

/**
 * The quick replies of a rating question (the satisfaction survey's): exactly these labels, in
 * this order. The widget draws a message offering them as 1–5 stars; a star sends its label.
 */
export const RATING_QUICK_REPLIES = ['1', '2', '3', '4', '5'].map((label) => ({ label }));

export function isRatingRequest(message: Pick<Message, 'quickReplies'>): boolean {
  const replies = message.quickReplies ?? [];
  return (
    replies.length === RATING_QUICK_REPLIES.length &&
    replies.every((q, i) => q.label === RATING_QUICK_REPLIES[i]!.label && (q.value ?? q.label) === q.label)
  );
}
