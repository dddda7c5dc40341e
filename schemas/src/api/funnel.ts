import type { FromSchema } from 'json-schema-to-ts';
import { objectIdSchema } from './common';

/** A workspace day, `YYYY-MM-DD`, in the workspace's time zone. */
const daySchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

/** The longest range GET /analytics/funnel answers, in days. */
export const FUNNEL_MAX_DAYS = 366;

export const funnelQuerySchema = {
  type: 'object',
  required: ['flowId', 'version', 'from', 'to'],
  additionalProperties: false,
  properties: {
    flowId: objectIdSchema,
    version: { type: 'integer', minimum: 1, description: 'A published version of the flow' },
    from: { ...daySchema, description: 'First day the runs started on (workspace time zone), inclusive' },
    to: { ...daySchema, description: `Last day, inclusive; at most ${FUNNEL_MAX_DAYS} days after from` },
  },
} as const;
export type FunnelQuery = FromSchema<typeof funnelQuerySchema>;

const count = { type: 'integer', minimum: 0 } as const;
const seconds = {
  type: ['integer', 'null'],
  description: 'Seconds at the node, within 4.5 % (or 1 s) of the exact value; null when none left it',
} as const;

export const funnelNodeSchema = {
  type: 'object',
  title: 'FunnelNode',
  additionalProperties: false,
  required: ['nodeId', 'entered', 'visits', 'left', 'finished', 'dropped', 'failed', 'waiting', 'time'],
  properties: {
    nodeId: { type: 'string' },
    entered: { ...count, description: 'Runs that reached the node (once per run, waiting there included)' },
    visits: { ...count, description: 'Times runs passed the node (a loop counts each pass)' },
    left: {
      type: 'object',
      additionalProperties: count,
      description: 'Visits that left by each port, by port name',
    },
    finished: { ...count, description: 'Runs that ended here, a designed ending (End, Close conversation)' },
    dropped: {
      ...count,
      description: 'Runs that ended here without reaching a designed ending: stopped short or failed',
    },
    failed: { ...count, description: 'Of dropped: runs that failed here with no failure port' },
    waiting: { ...count, description: 'Runs waiting here now (a question not answered yet, or never)' },
    time: {
      type: 'object',
      required: ['count', 'median', 'p90'],
      additionalProperties: false,
      properties: { count, median: seconds, p90: seconds },
    },
  },
} as const;
export type FunnelNode = FromSchema<typeof funnelNodeSchema>;

export const funnelReportSchema = {
  type: 'object',
  title: 'FunnelReport',
  additionalProperties: false,
  required: ['flowId', 'version', 'from', 'to', 'timeZone', 'runs', 'nodes'],
  properties: {
    flowId: objectIdSchema,
    version: { type: 'integer' },
    from: daySchema,
    to: daySchema,
    timeZone: { type: 'string' },
    runs: { ...count, description: 'Runs of the version that started in the range (simulations left out)' },
    nodes: { type: 'array', items: funnelNodeSchema },
  },
} as const;
export type FunnelReport = FromSchema<typeof funnelReportSchema>;
