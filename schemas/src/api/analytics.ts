import type { FromSchema } from 'json-schema-to-ts';

/** A workspace day, `YYYY-MM-DD`, in the workspace's time zone. */
const daySchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const KPI_DIMENSIONS = ['team', 'agent', 'channel', 'flow'] as const;
/** The longest range GET /analytics/kpis answers, in days (its previous period is as long again). */
export const KPI_MAX_DAYS = 366;

export const kpiQuerySchema = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: {
    from: { ...daySchema, description: 'First day of the range (workspace time zone), inclusive' },
    to: {
      ...daySchema,
      description: `Last day of the range, inclusive; at most ${KPI_MAX_DAYS} days after from`,
    },
    groupBy: {
      type: 'string',
      enum: ['day', 'week'],
      default: 'day',
      description: 'Periods: days, or weeks from Monday',
    },
    by: {
      type: 'string',
      enum: KPI_DIMENSIONS,
      description: 'One row per value of this dimension; absent: the whole workspace',
    },
  },
} as const;
export type KpiQuery = FromSchema<typeof kpiQuerySchema>;

const count = { type: 'integer', minimum: 0 } as const;
const rate = { type: ['number', 'null'], description: 'null when its denominator is 0' } as const;
const durations = {
  type: 'object',
  required: ['count', 'median', 'p90'],
  additionalProperties: false,
  properties: {
    count,
    median: { type: ['integer', 'null'], description: 'Seconds, within 4.5 % (or 1 s) of the exact value' },
    p90: { type: ['integer', 'null'], description: 'Seconds, within 4.5 % (or 1 s) of the exact value' },
  },
} as const;

export const kpisSchema = {
  type: 'object',
  title: 'Kpis',
  additionalProperties: false,
  required: [
    'conversationsIn',
    'ticketsIn',
    'askedForPerson',
    'gotPerson',
    'answerRate',
    'resolved',
    'resolutionRate',
    'botDeflected',
    'botDeflectionRate',
    'firstResponse',
    'resolution',
    'csat',
    'slaBreaches',
    'reopened',
    'reopenRate',
    'ticketsResolved',
    'ticketsReopened',
  ],
  properties: {
    conversationsIn: count,
    ticketsIn: count,
    askedForPerson: count,
    gotPerson: count,
    answerRate: rate,
    resolved: count,
    resolutionRate: rate,
    botDeflected: count,
    botDeflectionRate: rate,
    firstResponse: durations,
    resolution: durations,
    csat: {
      type: 'object',
      required: ['count', 'sum', 'positive', 'average', 'positiveShare'],
      additionalProperties: false,
      properties: { count, sum: count, positive: count, average: rate, positiveShare: rate },
    },
    slaBreaches: count,
    reopened: count,
    reopenRate: rate,
    ticketsResolved: count,
    ticketsReopened: count,
    complaintsByCause: {
      type: 'object',
      additionalProperties: count,
      description: 'Complaints by cause: tickets tagged complaint:<cause>, counted per cause',
    },
    conversationsInByHour: {
      type: 'array',
      items: count,
      minItems: 24,
      maxItems: 24,
      description:
        "Busiest hours: conversations in by hour of day (0–23) in the workspace's time zone; for the workspace, a channel or a flow (0s per team and agent)",
    },
    onlineSeconds: {
      ...count,
      description:
        'Seconds agents were online (presence), split at midnight in the workspace time zone; counted once the agent leaves online. For the workspace and per agent (0 per team, channel, flow)',
    },
    handleSeconds: {
      ...count,
      description:
        'Seconds agents held conversations, from getting each to its first resolution, on the day of the resolution; chat-seconds, so chats held at once add up. For the workspace and per agent',
    },
    occupancy: {
      ...rate,
      description:
        'handleSeconds ÷ onlineSeconds: how many chats an agent was handling on average while online (0.8 = 80 % of one chat; above 1 means several at once); null with no online time',
    },
  },
} as const;
export type Kpis = FromSchema<typeof kpisSchema>;

/** The figures of a period nothing happened in: counts 0, rates and times unknown. */
export const NO_KPIS: Kpis = {
  conversationsIn: 0,
  ticketsIn: 0,
  askedForPerson: 0,
  gotPerson: 0,
  answerRate: null,
  resolved: 0,
  resolutionRate: null,
  botDeflected: 0,
  botDeflectionRate: null,
  firstResponse: { count: 0, median: null, p90: null },
  resolution: { count: 0, median: null, p90: null },
  csat: { count: 0, sum: 0, positive: 0, average: null, positiveShare: null },
  slaBreaches: 0,
  reopened: 0,
  reopenRate: null,
  ticketsResolved: 0,
  ticketsReopened: 0,
};

const rowsSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['value', 'kpis'],
    additionalProperties: false,
    properties: {
      value: {
        type: ['string', 'null'],
        description:
          "The dimension's value (team or agent id, channel, flowId:version); null for the whole workspace",
      },
      kpis: kpisSchema,
    },
  },
} as const;
const periodsSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['start', 'rows'],
    additionalProperties: false,
    properties: { start: daySchema, rows: rowsSchema },
  },
} as const;

export const kpiReportSchema = {
  type: 'object',
  title: 'KpiReport',
  required: ['timeZone', 'from', 'to', 'groupBy', 'by', 'previous', 'periods', 'previousPeriods', 'totals'],
  additionalProperties: false,
  properties: {
    timeZone: { type: 'string' },
    from: daySchema,
    to: daySchema,
    groupBy: { type: 'string', enum: ['day', 'week'] },
    by: { type: 'string', enum: ['all', ...KPI_DIMENSIONS] },
    previous: {
      type: 'object',
      required: ['from', 'to'],
      additionalProperties: false,
      properties: { from: daySchema, to: daySchema },
      description: 'The period as long as the range just before it',
    },
    periods: periodsSchema,
    previousPeriods: periodsSchema,
    totals: {
      type: 'array',
      items: {
        type: 'object',
        required: ['value', 'kpis', 'previous'],
        additionalProperties: false,
        properties: {
          value: { type: ['string', 'null'] },
          kpis: kpisSchema,
          previous: kpisSchema,
        },
      },
    },
  },
} as const;
export type KpiReport = FromSchema<typeof kpiReportSchema>;
