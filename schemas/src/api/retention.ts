import type { FromSchema } from 'json-schema-to-ts';

/**
 * How long a workspace keeps its customers' history (GET/PUT /workspace/retention, owners):
 * closed conversations with their messages and notes, solved and closed tickets with their events,
 * ended flow runs with their steps, older than `days`, are deleted by a daily sweep
 * (docs/privacy.md "Retention"). `days: null` keeps everything forever (the default).
 */
export const RETENTION_DAYS_MIN = 30;
export const RETENTION_DAYS_MAX = 3650;

export const retentionSettingsSchema = {
  type: 'object',
  title: 'RetentionSettings',
  required: ['days'],
  additionalProperties: false,
  properties: {
    days: {
      type: ['integer', 'null'],
      minimum: RETENTION_DAYS_MIN,
      maximum: RETENTION_DAYS_MAX,
      description: `Days history is kept, ${RETENTION_DAYS_MIN}–${RETENTION_DAYS_MAX}; null: forever`,
    },
  },
} as const;
export type RetentionSettings = FromSchema<typeof retentionSettingsSchema>;

/** The daily Temporal Schedule that sweeps every workspace with a retention period. */
export const RETENTION_SCHEDULE_ID = 'retention-sweep';
/** What one pass of the sweep deleted (and, for a contact, masked). */
export const erasedCountsSchema = {
  type: 'object',
  title: 'ErasedCounts',
  additionalProperties: { type: 'integer' },
} as const;
export type ErasedCounts = Record<string, number>;

/** DELETE /contacts/:id: the contact's id again, so a slip of the finger deletes nothing. */
export const contactEraseQuerySchema = {
  type: 'object',
  required: ['confirm'],
  additionalProperties: false,
  properties: {
    confirm: { type: 'string', description: "The contact's id, repeated to confirm the deletion" },
  },
} as const;
export type ContactEraseQuery = FromSchema<typeof contactEraseQuerySchema>;

export const contactErasedSchema = {
  type: 'object',
  title: 'ContactErased',
  required: ['erased'],
  additionalProperties: false,
  properties: { erased: erasedCountsSchema },
} as const;

/** GET /contacts/:id/export: everything stored about one contact, as stored. */
export const contactExportSchema = {
  type: 'object',
  title: 'ContactExport',
  required: [
    'exportedAt',
    'contact',
    'mergedContacts',
    'conversations',
    'tickets',
    'surveyResponses',
    'runs',
  ],
  additionalProperties: false,
  properties: {
    exportedAt: { type: 'string', format: 'date-time' },
    contact: { type: 'object', additionalProperties: true },
    mergedContacts: { type: 'array', items: { type: 'object', additionalProperties: true } },
    conversations: { type: 'array', items: { type: 'object', additionalProperties: true } },
    tickets: { type: 'array', items: { type: 'object', additionalProperties: true } },
    surveyResponses: { type: 'array', items: { type: 'object', additionalProperties: true } },
    runs: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;
