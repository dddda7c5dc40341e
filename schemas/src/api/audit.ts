import type { FromSchema } from 'json-schema-to-ts';
import { dateTimeSchema, objectIdSchema } from './common';

export const auditEntrySchema = {
  type: 'object',
  title: 'AuditEntry',
  required: ['id', 'at', 'actor', 'action', 'target'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    at: dateTimeSchema,
    actor: {
      type: 'object',
      required: ['id', 'email'],
      additionalProperties: false,
      properties: { id: objectIdSchema, email: { type: 'string' } },
    },
    action: { type: 'string', description: 'e.g. user.update, invite.create, workspace.update' },
    target: {
      type: 'object',
      required: ['type', 'id'],
      additionalProperties: false,
      properties: { type: { type: 'string' }, id: { type: 'string' } },
    },
    before: { description: 'The changed fields before the change' },
    after: { description: 'The changed fields after the change' },
  },
} as const;
export type AuditEntry = FromSchema<typeof auditEntrySchema>;

/** Filters of the audit log, shared by its list and its CSV export. */
export const auditFilterProperties = {
  action: { type: 'string', minLength: 1, maxLength: 64, description: 'Only entries of this action' },
  actor: { ...objectIdSchema, description: 'Only entries by this user' },
  from: { ...dateTimeSchema, description: 'Only entries at or after this time' },
  to: { ...dateTimeSchema, description: 'Only entries before this time' },
} as const;
export const auditExportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: auditFilterProperties,
} as const;
export type AuditFilter = FromSchema<typeof auditExportQuerySchema>;
