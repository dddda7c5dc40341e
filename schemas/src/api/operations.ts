import type { FromSchema } from 'json-schema-to-ts';
import { dateTimeSchema } from './common';

/**
 * Operations (docs/operations.md): the owners' alert rules (GET/PUT /operations/alert-rules) and the
 * status page's figures (GET /operations/status).
 */
export const ALERT_RULES = [
  'noAgentOnline',
  'slaBreachRate',
  'csatDrop',
  'errorRate',
  'workerNotPolling',
] as const;
export type AlertRuleKey = (typeof ALERT_RULES)[number];

const enabled = { type: 'boolean' } as const;
const percent = { type: 'number', minimum: 0, maximum: 100 } as const;

export const alertSettingsSchema = {
  type: 'object',
  title: 'AlertSettings',
  required: ['emailOwners', 'webhookUrl', 'rules'],
  additionalProperties: false,
  properties: {
    emailOwners: {
      type: 'boolean',
      description: "Mail every owner of the workspace (the product's outbound SMTP)",
    },
    webhookUrl: {
      anyOf: [{ type: 'string', format: 'uri', maxLength: 500 }, { type: 'null' }],
      description: 'POSTed a JSON notice on each firing and resolution; private addresses are refused',
    },
    rules: {
      type: 'object',
      required: [...ALERT_RULES],
      additionalProperties: false,
      properties: {
        noAgentOnline: {
          type: 'object',
          required: ['enabled', 'minWaiting'],
          additionalProperties: false,
          description: 'Within business hours, no agent online while at least `minWaiting` customers wait',
          properties: { enabled, minWaiting: { type: 'integer', minimum: 1, maximum: 1000 } },
        },
        slaBreachRate: {
          type: 'object',
          required: ['enabled', 'maxPercent'],
          additionalProperties: false,
          description: "More than `maxPercent` of today's tickets with a due time breached it",
          properties: { enabled, maxPercent: percent },
        },
        csatDrop: {
          type: 'object',
          required: ['enabled', 'minAverage'],
          additionalProperties: false,
          description: "Today's average satisfaction rating (1–5) fell below `minAverage`",
          properties: { enabled, minAverage: { type: 'number', minimum: 1, maximum: 5 } },
        },
        errorRate: {
          type: 'object',
          required: ['enabled', 'maxPercent'],
          additionalProperties: false,
          description: 'More than `maxPercent` of the API requests of the last 15 minutes failed (5xx)',
          properties: { enabled, maxPercent: percent },
        },
        workerNotPolling: {
          type: 'object',
          required: ['enabled'],
          additionalProperties: false,
          description: 'No worker polled the task queue (what /ready checks)',
          properties: { enabled },
        },
      },
    },
  },
} as const;
export type AlertSettings = FromSchema<typeof alertSettingsSchema>;

export const alertStateSchema = {
  type: 'object',
  title: 'AlertState',
  required: ['rule', 'state', 'since', 'detail'],
  additionalProperties: false,
  properties: {
    rule: { type: 'string', enum: ALERT_RULES },
    state: { type: 'string', enum: ['firing', 'resolved'] },
    since: dateTimeSchema,
    detail: { type: 'string', description: 'What was seen when the state last changed' },
  },
} as const;
export type AlertStateWire = FromSchema<typeof alertStateSchema>;

const check = { type: 'string', description: '"ok", or why not' } as const;

export const operationsStatusSchema = {
  type: 'object',
  title: 'OperationsStatus',
  required: [
    'checks',
    'openConversations',
    'waiting',
    'longestWaitSeconds',
    'agentsOnline',
    'errorRate',
    'alerts',
  ],
  additionalProperties: false,
  properties: {
    checks: {
      type: 'object',
      required: ['store', 'temporal', 'worker'],
      additionalProperties: false,
      properties: { store: check, temporal: check, worker: check },
    },
    openConversations: { type: 'integer', minimum: 0 },
    waiting: { type: 'integer', minimum: 0, description: 'Open conversations in a queue with no agent yet' },
    longestWaitSeconds: { type: 'integer', minimum: 0 },
    agentsOnline: { type: 'integer', minimum: 0 },
    errorRate: {
      type: 'object',
      required: ['requests', 'errors', 'percent'],
      additionalProperties: false,
      description: "This API process's requests of the last 15 minutes and how many failed (5xx)",
      properties: {
        requests: { type: 'integer', minimum: 0 },
        errors: { type: 'integer', minimum: 0 },
        percent: { type: 'number', minimum: 0, maximum: 100 },
      },
    },
    alerts: {
      type: 'array',
      items: alertStateSchema,
      description: 'Each rule that ever fired, firing first',
    },
  },
} as const;
export type OperationsStatus = FromSchema<typeof operationsStatusSchema>;
