import type { FromSchema } from 'json-schema-to-ts';
import { oneLine } from '../safe-text';
import { dateTimeSchema, objectIdSchema } from './common';
import { pageQuerySchema, pageSchema } from './page';
import { teamKeySchema } from './routing';
import { stepWhySchema } from '../step-why';

const runStatus = { type: 'string', enum: ['running', 'completed', 'failed'] } as const;
const runChannel = { type: 'string', enum: ['web', 'email', 'api'] } as const;

/** One flow run as analysts list it. `id` is the run chain's id (stable across continue-as-new). */
export const runSchema = {
  type: 'object',
  required: ['id', 'flowId', 'version', 'status', 'startedAt', 'currentNodeId', 'steps'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    flowId: objectIdSchema,
    version: { type: 'integer', minimum: 0, description: '0 for a designer simulation of the draft' },
    /** Absent for a run of a ticket without a conversation. */
    conversationId: objectIdSchema,
    /** The ticket that started the run (ticket-created / ticket-updated flows). */
    ticketId: objectIdSchema,
    contactId: objectIdSchema,
    status: runStatus,
    test: { type: 'boolean', description: 'A designer simulation (listed only with ?test=true)' },
    startedAt: dateTimeSchema,
    endedAt: dateTimeSchema,
    currentNodeId: { type: ['string', 'null'] },
    steps: { type: 'integer', minimum: 0 },
    failure: {
      type: 'object',
      required: ['nodeId', 'reason'],
      additionalProperties: false,
      properties: { nodeId: { type: 'string' }, reason: { type: 'string' } },
    },
    channel: { ...runChannel, description: "The conversation's channel when the run started" },
    teams: {
      type: 'array',
      items: { type: 'string' },
      description: 'Keys of the teams the run handed to (route to team, escalate, create ticket)',
    },
    tags: {
      type: 'array',
      items: { type: 'string' },
      description: "The contact's tags when the run started",
    },
    endNodeId: { type: 'string', description: 'The node the run ended on (completed or failed runs)' },
    customer: {
      type: 'object',
      additionalProperties: false,
      description: 'Who the contact is, in run lists',
      properties: { name: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' } },
    },
  },
} as const;
export type Run = FromSchema<typeof runSchema>;

/** One step of a run's timeline. */
export const runStepSchema = {
  type: 'object',
  required: ['step', 'nodeId', 'nodeType', 'enteredAt', 'leftAt', 'durationMs', 'port'],
  additionalProperties: false,
  properties: {
    step: { type: 'integer', minimum: 1 },
    nodeId: { type: 'string' },
    nodeType: { type: 'string' },
    enteredAt: dateTimeSchema,
    leftAt: dateTimeSchema,
    durationMs: { type: 'integer', minimum: 0 },
    port: { type: ['string', 'null'], description: 'The port the run left by; null where it ended' },
    decision: { type: 'string', description: 'Why this port, e.g. which rule matched' },
    why: stepWhySchema,
    error: { type: 'string' },
  },
} as const;
export type RunStep = FromSchema<typeof runStepSchema>;

export const runTimelineSchema = {
  type: 'object',
  required: ['run', 'steps'],
  additionalProperties: false,
  properties: { run: runSchema, steps: { type: 'array', items: runStepSchema } },
} as const;
export type RunTimeline = FromSchema<typeof runTimelineSchema>;

const page = pageQuerySchema(['startedAt'], '-startedAt');
export const runListQuerySchema = {
  ...page,
  properties: {
    ...page.properties,
    flowId: objectIdSchema,
    version: { type: 'integer', minimum: 1 },
    status: runStatus,
    contactId: objectIdSchema,
    conversationId: objectIdSchema,
    test: {
      type: 'boolean',
      default: false,
      description: "true: the designer's simulations instead of real runs",
    },
    from: { ...dateTimeSchema, description: 'Runs started at or after this time' },
    to: { ...dateTimeSchema, description: 'Runs started before this time' },
    channel: runChannel,
    team: { ...teamKeySchema, description: 'Runs that handed to this team (its key)' },
    endNodeId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' },
    tag: { ...oneLine(1, 50), description: 'Runs whose contact had this tag when the run started' },
    customer: {
      ...oneLine(2, 100),
      description: "A customer's name, email or phone: the runs of the contacts it names exactly",
    },
  },
} as const;
export type RunListQuery = FromSchema<typeof runListQuerySchema>;

/** A page of runs; `scanned` says how many runs the request read to find them (a bounded window). */
const runPage = pageSchema(runSchema);
export const runPageSchema = {
  ...runPage,
  properties: {
    ...runPage.properties,
    scanned: { type: 'integer', minimum: 0, description: 'Runs read for this page' },
    customers: {
      type: 'array',
      description: 'The contacts a customer search named (at most 20)',
      items: {
        type: 'object',
        required: ['id'],
        additionalProperties: false,
        properties: {
          id: objectIdSchema,
          name: { type: 'string' },
          email: { type: 'string' },
          phone: { type: 'string' },
        },
      },
    },
  },
} as const;
export type RunPage = FromSchema<typeof runPageSchema>;

export const runParamsSchema = {
  type: 'object',
  required: ['runId'],
  additionalProperties: false,
  properties: { runId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[0-9a-f-]+$' } },
} as const;
export type RunParams = FromSchema<typeof runParamsSchema>;
