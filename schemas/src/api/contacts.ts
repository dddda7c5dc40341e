import type { FromSchema } from 'json-schema-to-ts';
import { oneLine } from '../safe-text';
import { dateTimeSchema, objectIdSchema } from './common';
import { pageQuerySchema } from './page';

const clearable = (max: number) => ({ type: ['string', 'null'], minLength: 1, maxLength: max }) as const;
const tagList = { type: 'array', maxItems: 30, items: oneLine(1, 50) } as const;

/** The most attributes a contact keeps from edits (flows may store more). */
export const CONTACT_ATTRIBUTES_MAX = 50;

/**
 * CRM attributes in an edit: flat values only, so rules and CSV columns can read them. Merged key
 * by key into the stored ones; null removes the key. A key holds no `.` or `$`: it is a field path.
 */
export const contactAttributesPatchSchema = {
  type: 'object',
  maxProperties: CONTACT_ATTRIBUTES_MAX,
  propertyNames: { minLength: 1, maxLength: 64, pattern: '^[^.$]+$' },
  additionalProperties: {
    anyOf: [{ type: 'string', maxLength: 1000 }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }],
  },
  description:
    'Merged into the stored attributes key by key: keys not named keep their values, null removes a key.',
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
    masked: {
      type: 'boolean',
      description:
        'Email, phone and personal data in attributes are shown masked (docs/privacy.md); POST /contacts/{id}/reveal shows them',
    },
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  },
} as const;
export type ContactWire = FromSchema<typeof contactSchema>;

/** GET /contacts/{id}?masked=true: the contact panel shows personal fields masked until revealed. */
export const contactReadQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { masked: { type: 'boolean', default: false } },
} as const;
export type ContactReadQuery = FromSchema<typeof contactReadQuerySchema>;

/** A contact's personal fields in clear, for a user with "view personal data"; each reveal is audited. */
export const contactRevealSchema = {
  type: 'object',
  title: 'ContactReveal',
  required: ['id', 'attributes'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    email: { type: 'string' },
    phone: { type: 'string' },
    attributes: { type: 'object', additionalProperties: true },
  },
} as const;
export type ContactReveal = FromSchema<typeof contactRevealSchema>;

/** By when contacts were stored only: any other order would read every contact of the shop. */
const page = pageQuerySchema(['createdAt'], '-createdAt');
export const contactListQuerySchema = {
  ...page,
  properties: {
    ...page.properties,
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Part of the name, email or phone' },
    tag: { type: 'string', minLength: 1, maxLength: 50, description: 'Only contacts with this tag' },
  },
} as const;
export type ContactListQuery = FromSchema<typeof contactListQuerySchema>;

/**
 * Fields an owner or agent edits; null clears a field. `attributes` are merged key by key (null
 * removes one), so a client that sets one attribute keeps the others, and two people editing
 * different attributes at once keep both. `tags` replaces the whole list; `addTags`/`removeTags`
 * change only those tags, so agents tagging one contact at once keep each other's (not together
 * with `tags`).
 */
export const contactPatchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { ...clearable(100), pattern: oneLine(1, 100).pattern },
    email: { ...clearable(254), format: 'email' },
    phone: { ...clearable(40), pattern: '^\\+?[0-9 ()./-]{3,40}$' },
    attributes: contactAttributesPatchSchema,
    tags: tagList,
    addTags: tagList,
    removeTags: tagList,
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
          /** The ticket's number in the workspace (#1001…). */
          number: { type: 'integer', minimum: 1 },
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

/** The largest contacts file an import takes: about 500,000 contacts with a few attribute columns. */
export const CONTACT_IMPORT_MAX_BYTES = 50 * 1024 * 1024;
/** At most this many problems are kept on an import to show; `problemCount` counts them all. */
export const CONTACT_IMPORT_PROBLEMS_KEPT = 200;

export const CONTACT_IMPORT_STATES = [
  'uploading',
  'queued',
  'running',
  'done',
  'failed',
  'cancelled',
] as const;
export type ContactImportState = (typeof CONTACT_IMPORT_STATES)[number];

/** `POST /contacts/imports?fileName=`: the file itself is the body (`text/csv`). */
export const contactImportUploadQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    fileName: { type: 'string', minLength: 1, maxLength: 200, description: 'Shown with the import' },
  },
} as const;
export type ContactImportUploadQuery = FromSchema<typeof contactImportUploadQuerySchema>;

export const contactImportProblemSchema = {
  type: 'object',
  required: ['row', 'code', 'message'],
  additionalProperties: false,
  properties: {
    row: { type: ['integer', 'null'], description: 'CSV line (header is 1); null for the whole file' },
    field: { type: 'string' },
    code: { type: 'string', enum: ['encoding', 'syntax', 'columns', 'missing', 'duplicate', 'invalid'] },
    message: { type: 'string' },
  },
} as const;
export type ContactImportProblem = FromSchema<typeof contactImportProblemSchema>;

const contactImportSummaryProperties = {
  id: objectIdSchema,
  state: {
    type: 'string',
    enum: CONTACT_IMPORT_STATES,
    description:
      'uploading, then queued (waiting for a free importer), running, and one of done, failed or cancelled',
  },
  fileName: { type: 'string' },
  bytes: { type: 'integer', minimum: 0, description: 'Size of the file' },
  bytesRead: { type: 'integer', minimum: 0, description: 'How far into the file the import is' },
  rowsRead: { type: 'integer', minimum: 0, description: 'Rows read so far, header excluded' },
  created: { type: 'integer', minimum: 0 },
  updated: { type: 'integer', minimum: 0, description: 'Rows that matched a contact by id, email or phone' },
  problemCount: { type: 'integer', minimum: 0, description: 'Rows not imported, with why in `problems`' },
  error: { type: 'string', description: 'Why a failed import stopped' },
  createdAt: dateTimeSchema,
  startedAt: dateTimeSchema,
  finishedAt: dateTimeSchema,
} as const;
const contactImportSummaryRequired = [
  'id',
  'state',
  'bytes',
  'bytesRead',
  'rowsRead',
  'created',
  'updated',
  'problemCount',
  'createdAt',
] as const;

/** An import as a list shows it: where it is, without its problems. */
export const contactImportSummarySchema = {
  type: 'object',
  title: 'ContactImportSummary',
  required: contactImportSummaryRequired,
  additionalProperties: false,
  properties: contactImportSummaryProperties,
} as const;
export type ContactImportSummary = FromSchema<typeof contactImportSummarySchema>;

/** One import with the rows it could not take (the first CONTACT_IMPORT_PROBLEMS_KEPT of them). */
export const contactImportSchema = {
  type: 'object',
  title: 'ContactImport',
  required: [...contactImportSummaryRequired, 'problems'],
  additionalProperties: false,
  properties: {
    ...contactImportSummaryProperties,
    problems: { type: 'array', items: contactImportProblemSchema },
  },
} as const;
export type ContactImportWire = FromSchema<typeof contactImportSchema>;

export const contactImportListQuerySchema = pageQuerySchema(['createdAt'], '-createdAt');
