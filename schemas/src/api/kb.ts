import type { FromSchema } from 'json-schema-to-ts';
import { oneLine } from '../safe-text';
import { dateTimeSchema, objectIdSchema } from './common';
import { pageQuerySchema } from './page';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const list = <T>(max: number, item: T) => ({ type: 'array', maxItems: max, items: item }) as const;

/** A knowledge-base article. The answer is plain text with links; clients render it inert. */
export const kbArticleSchema = {
  type: 'object',
  required: ['id', 'question', 'phrasings', 'answer', 'tags', 'locale', 'enabled', 'updatedAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    question: text(500),
    phrasings: list(50, text(500)),
    answer: text(10_000),
    tags: list(30, oneLine(1, 50)),
    locale: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
    enabled: { type: 'boolean' },
    updatedAt: dateTimeSchema,
  },
} as const;
export type KbArticleWire = FromSchema<typeof kbArticleSchema>;

export const kbArticleBodySchema = {
  type: 'object',
  required: ['question', 'answer'],
  additionalProperties: false,
  properties: {
    question: text(500),
    phrasings: { ...list(50, text(500)), default: [] },
    answer: text(10_000),
    tags: { ...list(30, oneLine(1, 50)), default: [] },
    locale: { ...kbArticleSchema.properties.locale, default: 'zh-CN' },
    enabled: { type: 'boolean', default: true },
  },
} as const;
export type KbArticleBody = FromSchema<typeof kbArticleBodySchema>;

export const kbArticlePatchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    question: text(500),
    phrasings: list(50, text(500)),
    answer: text(10_000),
    tags: list(30, oneLine(1, 50)),
    locale: kbArticleSchema.properties.locale,
    enabled: { type: 'boolean' },
  },
} as const;
export type KbArticlePatch = FromSchema<typeof kbArticlePatchSchema>;

const page = pageQuerySchema(['updatedAt', 'question'], '-updatedAt');
export const kbArticleListQuerySchema = {
  ...page,
  properties: {
    ...page.properties,
    q: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Words in the question, phrasings, answer or tags',
    },
    tag: { type: 'string', minLength: 1, maxLength: 50 },
    enabled: { type: 'boolean' },
    locale: { ...kbArticleSchema.properties.locale, description: 'Exactly this locale, e.g. zh-CN' },
  },
} as const;
export type KbArticleListQuery = FromSchema<typeof kbArticleListQuerySchema>;

export const kbImportBodySchema = {
  type: 'object',
  required: ['format', 'contentBase64'],
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: ['csv', 'json'] },
    /** The file as uploaded, base64: its bytes decide the encoding check (UTF-8, not UTF-16 or GBK). */
    contentBase64: { type: 'string', minLength: 1, maxLength: 4_000_000, pattern: '^[A-Za-z0-9+/=\\s]+$' },
    defaultLocale: kbArticleSchema.properties.locale,
  },
} as const;
export type KbImportBody = FromSchema<typeof kbImportBodySchema>;

export const kbImportReportSchema = {
  type: 'object',
  required: ['imported', 'problems'],
  additionalProperties: false,
  properties: {
    imported: { type: 'integer', minimum: 0 },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['row', 'code', 'message'],
        additionalProperties: false,
        properties: {
          row: {
            type: ['integer', 'null'],
            description: 'CSV line or JSON position; null for the whole file',
          },
          field: { type: 'string' },
          code: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;
export type KbImportReportWire = FromSchema<typeof kbImportReportSchema>;

export const kbExportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { type: 'string', enum: ['csv', 'json'], default: 'json' } },
} as const;
export type KbExportQuery = FromSchema<typeof kbExportQuerySchema>;

export const kbSettingsSchema = {
  type: 'object',
  required: ['threshold', 'synonyms'],
  additionalProperties: false,
  properties: {
    threshold: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'Confidence from which the bot answers',
    },
    synonyms: list(500, { ...list(20, text(50)), minItems: 2 }),
  },
} as const;
export type KbSettingsWire = FromSchema<typeof kbSettingsSchema>;

export const kbSearchBodySchema = {
  type: 'object',
  required: ['query'],
  additionalProperties: false,
  properties: { query: text(1000), minConfidence: { type: 'number', minimum: 0, maximum: 1 } },
} as const;
export type KbSearchBody = FromSchema<typeof kbSearchBodySchema>;

const hit = {
  type: 'object',
  required: ['articleId', 'question', 'confidence'],
  additionalProperties: false,
  properties: { articleId: objectIdSchema, question: { type: 'string' }, confidence: { type: 'number' } },
} as const;
export const kbSearchResultSchema = {
  type: 'object',
  required: ['answer', 'best', 'suggestions', 'threshold'],
  additionalProperties: false,
  properties: {
    answer: { anyOf: [hit, { type: 'null' }] },
    best: { anyOf: [hit, { type: 'null' }] },
    suggestions: { type: 'array', items: hit },
    threshold: { type: 'number' },
  },
} as const;

export const kbGapSchema = {
  type: 'object',
  required: ['id', 'kind', 'text', 'count', 'lastAt', 'status'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    kind: { type: 'string', enum: ['unanswered', 'unhelpful'] },
    text: { type: 'string' },
    articleId: objectIdSchema,
    count: { type: 'integer', minimum: 0 },
    lastAt: dateTimeSchema,
    status: { type: 'string', enum: ['open', 'done', 'dismissed'] },
  },
} as const;
export const kbGapListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['unanswered', 'unhelpful'] },
    status: { type: 'string', enum: ['open', 'done', 'dismissed'], default: 'open' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
} as const;
export type KbGapListQuery = FromSchema<typeof kbGapListQuerySchema>;
export const kbGapCloseBodySchema = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: { status: { type: 'string', enum: ['done', 'dismissed'] } },
} as const;
export type KbGapCloseBody = FromSchema<typeof kbGapCloseBodySchema>;
