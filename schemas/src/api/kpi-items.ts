import type { FromSchema } from 'json-schema-to-ts';
import { dateTimeSchema, objectIdSchema } from './common';

/**
 * GET /analytics/kpis/items: the conversations (tickets, survey answers) counted in one figure of
 * GET /analytics/kpis, read from the KPI ledger a day at a time (docs/analytics.md, "Drill-down").
 */
export const KPI_ITEM_KPIS = [
  'conversationsIn',
  'ticketsIn',
  'askedForPerson',
  'gotPerson',
  'resolved',
  'resolution',
  'botDeflected',
  'firstResponse',
  'csat',
  'slaBreaches',
  'reopened',
  'ticketsResolved',
  'ticketsReopened',
] as const;
export type KpiItemKpi = (typeof KPI_ITEM_KPIS)[number];

/** Items per page, at most; and how many ledger lookups (a day of one kind each) one request makes. */
export const KPI_ITEMS_MAX_LIMIT = 100;
export const KPI_ITEMS_LOOKUPS = 16;

const daySchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const kpiItemsQuerySchema = {
  type: 'object',
  required: ['kpi', 'from', 'to'],
  additionalProperties: false,
  properties: {
    kpi: {
      type: 'string',
      enum: KPI_ITEM_KPIS,
      description:
        'The figure; a rate lists its numerator (resolutionRate: resolved, answerRate: gotPerson…)',
    },
    from: { ...daySchema, description: 'First day (workspace time zone), inclusive' },
    to: { ...daySchema, description: 'Last day, inclusive' },
    dim: {
      type: 'string',
      default: 'all',
      maxLength: 80,
      pattern:
        '^(all|team:[0-9a-f]{24}|agent:[0-9a-f]{24}|channel:(web|email|api)|flow:[0-9a-f]{24}:[0-9]{1,6})$',
      description: 'The row: all, team:<id>, agent:<id>, channel:<web|email|api> or flow:<flowId>:<version>',
    },
    limit: { type: 'integer', minimum: 1, maximum: KPI_ITEMS_MAX_LIMIT, default: 50 },
    cursor: { type: 'string', maxLength: 300 },
  },
} as const;
export type KpiItemsQuery = FromSchema<typeof kpiItemsQuerySchema>;

export const kpiItemSchema = {
  type: 'object',
  title: 'KpiItem',
  required: ['type', 'id', 'day', 'createdAt', 'status', 'title'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['conversation', 'ticket'] },
    /** The conversation's or ticket's id (a CSAT answer lists its conversation). */
    id: objectIdSchema,
    day: daySchema,
    createdAt: dateTimeSchema,
    status: { type: 'string' },
    /** The contact's name or email (conversations), the subject (tickets). */
    title: { type: 'string' },
    channel: { type: 'string', enum: ['web', 'email', 'api'] },
    teamId: objectIdSchema,
    agentId: objectIdSchema,
    /** firstResponse, resolution: the seconds this item took. */
    seconds: { type: 'integer', minimum: 0 },
    /** csat: the rating given. */
    rating: { type: 'integer', minimum: 1, maximum: 5 },
    /** slaBreaches: which clock. */
    breach: { type: 'string', enum: ['firstResponse', 'resolution'] },
  },
} as const;
export type KpiItem = FromSchema<typeof kpiItemSchema>;

export const kpiItemsPageSchema = {
  type: 'object',
  title: 'KpiItemsPage',
  required: ['items', 'nextCursor', 'scannedTo'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: kpiItemSchema },
    nextCursor: { type: ['string', 'null'], description: 'Goes on to older days (or the rest of a day)' },
    scannedTo: { ...daySchema, description: 'The oldest day this page read, wholly or up to the cursor' },
  },
} as const;
export type KpiItemsPage = FromSchema<typeof kpiItemsPageSchema>;

/** GET /analytics/people: the names the dashboard shows for its agents' rows (analysts cannot read /users). */
export const analyticsPeopleSchema = {
  type: 'object',
  title: 'AnalyticsPeople',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name'],
        additionalProperties: false,
        properties: { id: objectIdSchema, name: { type: 'string' } },
      },
    },
  },
} as const;
export type AnalyticsPeople = FromSchema<typeof analyticsPeopleSchema>;
