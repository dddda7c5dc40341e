import type { FromSchema } from 'json-schema-to-ts';

/**
 * A workspace's sensitive words (GET/PUT /workspace/sensitive-words, owners): categories, each
 * with what happens to a message containing one of its words, and the words. Applied to every
 * customer and agent message on every channel (docs/sensitive-words.md).
 */
export const SENSITIVE_WORDS_MAX = 10_000;
export const SENSITIVE_ACTIONS = ['mask', 'block', 'flag'] as const;
export type SensitiveAction = (typeof SENSITIVE_ACTIONS)[number];

const categoryKeySchema = {
  type: 'string',
  pattern: '^[a-z][a-z0-9-]{0,31}$',
  description: 'A short key, e.g. `abuse`, `competitor`; flow conditions name it',
} as const;

export const sensitiveCategorySchema = {
  type: 'object',
  title: 'SensitiveCategory',
  required: ['key', 'name', 'action'],
  additionalProperties: false,
  properties: {
    key: categoryKeySchema,
    name: { type: 'string', minLength: 1, maxLength: 60 },
    action: {
      type: 'string',
      enum: SENSITIVE_ACTIONS,
      description:
        'mask: the words are replaced by ＊ before anyone sees the message; block: an agent message is refused ' +
        '(a customer message too, on the live chat); flag: the message is kept as written and marked',
    },
  },
} as const;

export const sensitiveWordSchema = {
  type: 'object',
  title: 'SensitiveWord',
  required: ['text', 'category'],
  additionalProperties: false,
  properties: {
    text: {
      type: 'string',
      minLength: 1,
      maxLength: 40,
      description:
        'Matched ignoring case, full-width letters and spaces or symbols put between its characters',
    },
    category: categoryKeySchema,
  },
} as const;

export const sensitiveWordsSchema = {
  type: 'object',
  title: 'SensitiveWords',
  required: ['categories', 'words'],
  additionalProperties: false,
  properties: {
    categories: { type: 'array', maxItems: 20, items: sensitiveCategorySchema },
    words: { type: 'array', maxItems: SENSITIVE_WORDS_MAX, items: sensitiveWordSchema },
  },
} as const;
export type SensitiveCategory = FromSchema<typeof sensitiveCategorySchema>;
export type SensitiveWords = FromSchema<typeof sensitiveWordsSchema>;

/** POST /workspace/sensitive-words/check: what the list does to a message, before anyone sends it. */
export const sensitiveCheckBodySchema = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: { text: { type: 'string', minLength: 1, maxLength: 4000 } },
} as const;
export type SensitiveCheckBody = FromSchema<typeof sensitiveCheckBodySchema>;

export const sensitiveScreeningSchema = {
  type: 'object',
  title: 'SensitiveScreening',
  required: ['text', 'blocked', 'categories', 'hits'],
  additionalProperties: false,
  properties: {
    text: { type: 'string', description: 'The message as it would be stored: masked words replaced' },
    blocked: {
      anyOf: [categoryKeySchema, { type: 'null' }],
      description: 'The first blocking category found, or null',
    },
    categories: { type: 'array', items: categoryKeySchema, description: 'Every category found, once each' },
    hits: {
      type: 'array',
      items: {
        type: 'object',
        required: ['word', 'category', 'start', 'end'],
        additionalProperties: false,
        properties: {
          word: { type: 'string' },
          category: categoryKeySchema,
          start: { type: 'integer', description: 'UTF-16 offset in the text as written' },
          end: { type: 'integer' },
        },
      },
    },
  },
} as const;
export type SensitiveScreening = FromSchema<typeof sensitiveScreeningSchema>;
