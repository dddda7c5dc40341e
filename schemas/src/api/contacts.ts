import type { FromSchema } from 'json-schema-to-ts';
import { dateTimeSchema, objectIdSchema } from './common';
import { pageQuerySchema } from './page';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const clearable = (max: number) => ({ type: ['string', 'null'], minLength: 1, maxLength: max }) as const;
const tagList = { type: 'array', maxItems: 30, items: text(50) } as const;

/** CRM attributes: flat values only, so rules and CSV columns can read them. */
export const contactAttributesSchema = {
  type: 'object',
  maxProperties: 50,
  propertyNames: { minLength: 1, maxLength: 64, pattern: '^[^.$]+$' },
  additionalProperties: {
    anyOf: [{ type: 'string', maxLength: 1000 }, { type: 'number' }, { type: 'boolean' }],
  },
} as const;

/** A customer as the console shows them. */
export const contactSchema = {
  type: 'object',
  title: 'Contact',
  required: ['id', 'tags', 'attributes', 'createdAt', 'updatedAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    name: { type: 'string' },
    email: { type: 'string' },
    phone: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    /** What flows and owners set; written by flows too, so any JSON value may come back. */
    attributes: { type: 'object', additionalProperties: true },
    lastCsat: {
      type: 'object',
      required: ['rating'],
      additionalProperties: false,
      properties: { rating: { type: 'integer' }, at: dateTimeSchema },
    },
    /** Contacts merged into this one, oldest first. */
    mergedFrom: { type: 'array', items: objectIdSchema },
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  },
} as const;
export type ContactWire = FromSchema<typeof contactSchema>;

const page = pageQuerySchema(['createdAt', 'updatedAt', 'name'], '-createdAt');
export const contactListQuerySchema = {
  ...page,
  properties: {
    ...page.properties,
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Part of the name, email or phone' },
    tag: { type: 'string', minLength: 1, maxLength: 50, description: 'Only contacts with this tag' },
  },
} as const;
export type ContactListQuery = FromSchema<typeof contactListQuerySchema>;

/** Fields an owner or agent edits; null clears a field. `attributes` and `tags` replace the whole set. */
export const contactPatchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: clearable(100),
    email: { ...clearable(254), format: 'email' },
    phone: { ...clearable(40), pattern: '^\\+?[0-9 ()./-]{3,40}$' },
    attributes: contactAttributesSchema,
    tags: tagList,
  },
} as const;
export type ContactPatch = FromSchema<typeof contactPatchSchema>;

/** Everything that happened with a contact: its conversations, tickets and ratings. */
export const contactDetailSchema = {
  type: 'object',
  required: ['contact', 'conversations', 'tickets', 'surveyResponses'],
  additionalProperties: false,
  properties: {
    contact: contactSchema,
    conversations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'channel', 'status', 'createdAt'],
        additionalProperties: false,
        properties: {
          id: objectIdSchema,
          channel: { type: 'string' },
          status: { type: 'string' },
          lastMessageAt: dateTimeSchema,
          csat: { type: 'integer' },
          createdAt: dateTimeSchema,
        },
      },
    },
    tickets: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'subject', 'status', 'priority', 'createdAt'],
        additionalProperties: false,
        properties: {
          id: objectIdSchema,
          subject: { type: 'string' },
          status: { type: 'string' },
          priority: { type: 'string' },
          conversationId: objectIdSchema,
          createdAt: dateTimeSchema,
        },
      },
    },
    surveyResponses: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'conversationId', 'rating', 'createdAt'],
        additionalProperties: false,
        properties: {
          id: objectIdSchema,
          conversationId: objectIdSchema,
          rating: { type: 'integer' },
          comment: { type: 'string' },
          createdAt: dateTimeSchema,
        },
      },
    },
  },
} as const;
export type ContactDetail = FromSchema<typeof contactDetailSchema>;

/** Groups of contacts that share an email or a phone number (compared normalised). */
export const contactDuplicatesSchema = {
  type: 'object',
  required: ['groups'],
  additionalProperties: false,
  properties: {
    groups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['reason', 'value', 'contacts'],
        additionalProperties: false,
        properties: {
          reason: { type: 'string', enum: ['email', 'phone'] },
          value: { type: 'string', description: 'The shared email (lower case) or phone (digits)' },
          contacts: { type: 'array', items: contactSchema },
        },
      },
    },
  },
} as const;
export type ContactDuplicates = FromSchema<typeof contactDuplicatesSchema>;

export const contactMergeBodySchema = {
  type: 'object',
  required: ['mergeIds'],
  additionalProperties: false,
  properties: {
    mergeIds: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
      items: objectIdSchema,
      description: 'Contacts merged into the one in the path; their history moves to it',
    },
  },
} as const;
export type ContactMergeBody = FromSchema<typeof contactMergeBodySchema>;

export const contactImportBodySchema = {
  type: 'object',
  required: ['contentBase64'],
  additionalProperties: false,
  properties: {
    /** The CSV file as uploaded, base64; only UTF-8 is accepted. */
    contentBase64: { type: 'string', minLength: 1, maxLength: 4_000_000, pattern: '^[A-Za-z0-9+/=\\s]+$' },
  },
} as const;
export type ContactImportBody = FromSchema<typeof contactImportBodySchema>;

export const contactImportReportSchema = {
  type: 'object',
  required: ['created', 'updated', 'problems'],
  additionalProperties: false,
  properties: {
    created: { type: 'integer', minimum: 0 },
    updated: { type: 'integer', minimum: 0, description: 'Rows that matched a contact by email or phone' },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['row', 'code', 'message'],
        additionalProperties: false,
        properties: {
          row: { type: ['integer', 'null'], description: 'CSV line (header is 1); null for the whole file' },
          field: { type: 'string' },
          code: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;
export type ContactImportReport = FromSchema<typeof contactImportReportSchema>;
