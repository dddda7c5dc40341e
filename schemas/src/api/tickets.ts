import type { FromSchema } from 'json-schema-to-ts';
import { oneLine } from '../safe-text';
import { dateTimeSchema, objectIdSchema } from './common';
import { pageQuerySchema } from './page';

/**
 * Tickets and SLA policies: the API the console's ticket screens, the widget's offline form, email
 * and API channels build on. Statuses follow the service-desk words: open, pending, solved, closed.
 */

export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_SOURCES = ['conversation', 'flow', 'offline-form', 'email', 'api', 'agent'] as const;

export const ticketStatusSchema = { type: 'string', enum: TICKET_STATUSES } as const;
export const ticketPrioritySchema = { type: 'string', enum: TICKET_PRIORITIES } as const;
export const ticketSourceSchema = { type: 'string', enum: TICKET_SOURCES } as const;
export type TicketStatusWire = FromSchema<typeof ticketStatusSchema>;
export type TicketPriorityWire = FromSchema<typeof ticketPrioritySchema>;
export type TicketSource = FromSchema<typeof ticketSourceSchema>;

export const ticketSubjectSchema = oneLine(1, 200);
export const ticketDescriptionSchema = { type: 'string', maxLength: 10000 } as const;
export const ticketTagsSchema = {
  type: 'array',
  maxItems: 50,
  uniqueItems: true,
  items: oneLine(1, 64),
} as const;
/** Owner-defined fields: short keys, scalar values. In a PATCH, null removes a field. */
export const ticketCustomFieldsSchema = {
  type: 'object',
  maxProperties: 50,
  propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' },
  additionalProperties: { type: ['string', 'number', 'boolean'], maxLength: 1000 },
} as const;
const customFieldsPatchSchema = {
  ...ticketCustomFieldsSchema,
  additionalProperties: { type: ['string', 'number', 'boolean', 'null'], maxLength: 1000 },
} as const;

/** SLA clocks of a ticket. Due dates come from the workspace's default SLA policy, if any. */
export const ticketSlaSchema = {
  type: 'object',
  required: ['firstResponseBreached', 'resolutionBreached'],
  additionalProperties: false,
  properties: {
    policyId: objectIdSchema,
    firstResponseDueAt: dateTimeSchema,
    resolutionDueAt: dateTimeSchema,
    /** When an agent first replied or commented publicly. */
    firstResponseAt: dateTimeSchema,
    /** When the ticket was (last) solved. */
    solvedAt: dateTimeSchema,
    /** Due and not met by the time it was due (now, for an open clock). */
    firstResponseBreached: { type: 'boolean' },
    resolutionBreached: { type: 'boolean' },
  },
} as const;

export const ticketSchema = {
  type: 'object',
  title: 'Ticket',
  required: [
    'id',
    'subject',
    'description',
    'status',
    'priority',
    'source',
    'tags',
    'customFields',
    'sla',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    /**
     * The ticket's number in its workspace (1001, 1002, … in the order tickets were opened): what
     * customers and agents quote as "#1001". A number lost to a crashed open is skipped, never reused.
     */
    number: { type: 'integer', minimum: 1 },
    subject: { type: 'string' },
    description: { type: 'string' },
    status: ticketStatusSchema,
    priority: ticketPrioritySchema,
    source: ticketSourceSchema,
    contactId: objectIdSchema,
    conversationId: objectIdSchema,
    /** A user (agent) of the workspace. */
    assigneeId: objectIdSchema,
    teamId: objectIdSchema,
    tags: { type: 'array', items: { type: 'string' } },
    customFields: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    sla: ticketSlaSchema,
    /** The customer's rating after the ticket was solved (from a survey flow). */
    csat: {
      type: 'object',
      required: ['rating', 'at'],
      additionalProperties: false,
      properties: {
        rating: { type: 'integer', minimum: 1, maximum: 5 },
        comment: { type: 'string' },
        at: dateTimeSchema,
      },
    },
    /** The flow run the ticket started (ticket-created trigger), if any. */
    flowRun: {
      type: 'object',
      required: ['workflowId', 'flowId', 'version', 'status'],
      additionalProperties: false,
      properties: {
        workflowId: { type: 'string' },
        flowId: objectIdSchema,
        version: { type: 'integer' },
        status: { type: 'string', enum: ['running', 'ended', 'failed'] },
      },
    },
    closedAt: dateTimeSchema,
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  },
} as const;
export type TicketWire = FromSchema<typeof ticketSchema>;

/** Who made a change on a ticket's timeline. */
export const ticketActorSchema = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['user', 'flow', 'customer', 'system'] },
    /** The user, for `user`. */
    userId: objectIdSchema,
    /** The flow run's workflow id, for `flow`. */
    runId: { type: 'string' },
  },
} as const;
export type TicketActor = FromSchema<typeof ticketActorSchema>;

/** Any JSON value a field held before or after a change. */
const fieldValueSchema = {
  type: ['string', 'number', 'boolean', 'null', 'array', 'object'],
  // Spelled out so the response serializer writes an object's fields instead of `{}`.
  additionalProperties: true,
  items: {},
} as const;

/**
 * One entry of a ticket's timeline: `created`; `changed` (field, from, to); `reply` (a public
 * comment) and `note` (internal) with `text`; `first-response`; `csat` (rating in `to`).
 */
export const ticketEventSchema = {
  type: 'object',
  title: 'TicketEvent',
  required: ['id', 'ticketId', 'kind', 'actor', 'at'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    ticketId: objectIdSchema,
    kind: { type: 'string', enum: ['created', 'changed', 'reply', 'note', 'first-response', 'csat'] },
    actor: ticketActorSchema,
    field: { type: 'string' },
    from: fieldValueSchema,
    to: fieldValueSchema,
    text: { type: 'string' },
    at: dateTimeSchema,
  },
} as const;
export type TicketEventWire = FromSchema<typeof ticketEventSchema>;

export const ticketDetailSchema = {
  type: 'object',
  required: ['ticket', 'timeline'],
  additionalProperties: false,
  properties: {
    ticket: ticketSchema,
    /** Oldest first; the latest 500 entries. */
    timeline: { type: 'array', items: ticketEventSchema },
  },
} as const;
export type TicketDetail = FromSchema<typeof ticketDetailSchema>;

/** POST /tickets: an agent or an API client opens a ticket, optionally from a conversation. */
export const ticketCreateSchema = {
  type: 'object',
  required: ['subject'],
  additionalProperties: false,
  properties: {
    subject: ticketSubjectSchema,
    description: ticketDescriptionSchema,
    priority: ticketPrioritySchema,
    /** The conversation the ticket follows up; its contact becomes the ticket's. */
    conversationId: objectIdSchema,
    contactId: objectIdSchema,
    assigneeId: objectIdSchema,
    teamId: objectIdSchema,
    tags: ticketTagsSchema,
    customFields: ticketCustomFieldsSchema,
    /** Defaults to `conversation` with a conversationId, else `agent`. */
    source: { type: 'string', enum: ['agent', 'api'] },
    /** A retried create with the same key answers the ticket the first one made. */
    idempotencyKey: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;
export type TicketCreate = FromSchema<typeof ticketCreateSchema>;

/**
 * PATCH /tickets/:id: only the fields given change; null clears assignee or team. `tags` replaces
 * the list; `addTags`/`removeTags` change only those tags, so agents tagging at once keep each other's.
 */
export const ticketUpdateSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    subject: ticketSubjectSchema,
    description: ticketDescriptionSchema,
    status: ticketStatusSchema,
    priority: ticketPrioritySchema,
    assigneeId: { anyOf: [objectIdSchema, { type: 'null' }] },
    teamId: { anyOf: [objectIdSchema, { type: 'null' }] },
    tags: ticketTagsSchema,
    addTags: ticketTagsSchema,
    removeTags: ticketTagsSchema,
    customFields: customFieldsPatchSchema,
  },
} as const;
export type TicketUpdate = FromSchema<typeof ticketUpdateSchema>;

/** POST /tickets/:id/comments: a public reply (counts as the first response) or an internal note. */
export const ticketCommentSchema = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    text: { type: 'string', minLength: 1, maxLength: 10000 },
    internal: { type: 'boolean', default: false },
  },
} as const;
export type TicketComment = FromSchema<typeof ticketCommentSchema>;

const ticketSortFields = [
  'createdAt',
  'updatedAt',
  'priority',
  'resolutionDueAt',
  'firstResponseDueAt',
] as const;
const ticketPage = pageQuerySchema(ticketSortFields, '-createdAt');
/**
 * GET /tickets: filters combine with AND. A working set (status open, pending or active, a
 * contactId or a conversationId) is read whole and takes every sort; otherwise tickets are read
 * newest or oldest first by creation, and other sorts are refused.
 */
export const ticketListQuerySchema = {
  ...ticketPage,
  properties: {
    ...ticketPage.properties,
    /** `active`: open or pending. */
    status: { type: 'string', enum: [...TICKET_STATUSES, 'active'] },
    priority: ticketPrioritySchema,
    /** A user id, `me` (the caller) or `none` (unassigned). */
    assignee: { type: 'string', pattern: '^([0-9a-f]{24}|me|none)$' },
    teamId: objectIdSchema,
    tag: { type: 'string', minLength: 1, maxLength: 64 },
    contactId: objectIdSchema,
    conversationId: objectIdSchema,
    /** Tickets whose resolution is due before this time (and not solved or closed). */
    dueBefore: dateTimeSchema,
    /** true: an SLA target is breached; false: none is. */
    breached: { type: 'boolean' },
    /** Case-insensitive substring of subject or description, or a ticket number ("#1001" or "1001"). */
    q: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;
export type TicketListQuery = FromSchema<typeof ticketListQuerySchema>;

/**
 * GET /tickets/counts: the ticket views' counts, from counters kept as tickets change (never by
 * counting documents). `mine` and `unassigned` count open and pending tickets.
 */
export const ticketCountsSchema = {
  type: 'object',
  required: ['open', 'pending', 'mine', 'unassigned'],
  additionalProperties: false,
  properties: {
    open: { type: 'integer', minimum: 0 },
    pending: { type: 'integer', minimum: 0 },
    mine: { type: 'integer', minimum: 0 },
    unassigned: { type: 'integer', minimum: 0 },
  },
} as const;
export type TicketCounts = FromSchema<typeof ticketCountsSchema>;

/** POST /tickets/bulk: the same change on many tickets; each id answers for itself. */
export const ticketBulkSchema = {
  type: 'object',
  required: ['ids'],
  minProperties: 2,
  additionalProperties: false,
  properties: {
    ids: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      uniqueItems: true,
      items: { type: 'string', maxLength: 64 },
    },
    status: ticketStatusSchema,
    priority: ticketPrioritySchema,
    assigneeId: { anyOf: [objectIdSchema, { type: 'null' }] },
    teamId: { anyOf: [objectIdSchema, { type: 'null' }] },
    addTags: ticketTagsSchema,
    removeTags: ticketTagsSchema,
  },
} as const;
export type TicketBulk = FromSchema<typeof ticketBulkSchema>;

export const ticketBulkResultSchema = {
  type: 'object',
  required: ['results'],
  additionalProperties: false,
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'ok'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          ok: { type: 'boolean' },
          /** The ticket after the change, when ok. */
          ticket: ticketSchema,
          /** Why not, when not ok: KEFU_ERR_NOT_FOUND for an unknown id, KEFU_ERR_VALIDATION ... */
          error: {
            type: 'object',
            required: ['code', 'message'],
            additionalProperties: false,
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
export type TicketBulkResult = FromSchema<typeof ticketBulkResultSchema>;

// ---- SLA policies -------------------------------------------------------------------------

const clockTimeSchema = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;
/** The same shape as the business-hours node's config: weekly schedule, holidays, time zone. */
export const businessHoursSpecSchema = {
  type: 'object',
  required: ['schedule'],
  additionalProperties: false,
  properties: {
    /** IANA zone; absent: the workspace's time zone. */
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    schedule: {
      type: 'array',
      maxItems: 21,
      items: {
        type: 'object',
        required: ['day', 'open', 'close'],
        additionalProperties: false,
        properties: {
          day: { type: 'string', enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
          open: clockTimeSchema,
          close: clockTimeSchema,
        },
      },
    },
    holidays: {
      type: 'array',
      maxItems: 366,
      uniqueItems: true,
      items: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    },
  },
} as const;
export type BusinessHoursSpec = FromSchema<typeof businessHoursSpecSchema>;

const targetMinutesSchema = { type: 'integer', minimum: 1, maximum: 60 * 24 * 90 } as const;
export const slaTargetSchema = {
  type: 'object',
  required: ['firstResponseMinutes', 'resolutionMinutes'],
  additionalProperties: false,
  properties: { firstResponseMinutes: targetMinutesSchema, resolutionMinutes: targetMinutesSchema },
} as const;
/** Targets per priority; a priority without one has no due dates. */
const slaTargetsSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    low: slaTargetSchema,
    normal: slaTargetSchema,
    high: slaTargetSchema,
    urgent: slaTargetSchema,
  },
} as const;

export const slaPolicySchema = {
  type: 'object',
  title: 'SlaPolicy',
  required: ['id', 'name', 'isDefault', 'targets', 'businessHoursOnly', 'createdAt', 'updatedAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    name: { type: 'string' },
    /** The policy new tickets get; at most one per workspace. */
    isDefault: { type: 'boolean' },
    targets: slaTargetsSchema,
    /** Count only open business hours (the policy's `businessHours`, else Mon–Fri 09:00–18:00 in the workspace's zone). */
    businessHoursOnly: { type: 'boolean' },
    businessHours: businessHoursSpecSchema,
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  },
} as const;
export type SlaPolicyWire = FromSchema<typeof slaPolicySchema>;

export const slaPolicyCreateSchema = {
  type: 'object',
  required: ['name', 'targets'],
  additionalProperties: false,
  properties: {
    name: oneLine(1, 100),
    isDefault: { type: 'boolean' },
    targets: slaTargetsSchema,
    businessHoursOnly: { type: 'boolean' },
    businessHours: businessHoursSpecSchema,
  },
} as const;
export type SlaPolicyCreate = FromSchema<typeof slaPolicyCreateSchema>;

export const slaPolicyUpdateSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    name: oneLine(1, 100),
    isDefault: { type: 'boolean' },
    targets: slaTargetsSchema,
    businessHoursOnly: { type: 'boolean' },
    businessHours: { anyOf: [businessHoursSpecSchema, { type: 'null' }] },
  },
} as const;
export type SlaPolicyUpdate = FromSchema<typeof slaPolicyUpdateSchema>;

export const slaPolicyListSchema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: slaPolicySchema } },
} as const;
export type SlaPolicyList = FromSchema<typeof slaPolicyListSchema>;
