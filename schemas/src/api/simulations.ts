import type { FromSchema } from 'json-schema-to-ts';
import { MESSAGE_TEXT_MAX, messageSchema } from '../message';
import { objectIdSchema } from './common';
import { contactAttributesPatchSchema } from './contacts';
import { runStepSchema } from './runs';

/** Started: a test conversation whose run interprets the flow's saved draft. `id` is the conversation's. */
export const simulationStartedSchema = {
  type: 'object',
  required: ['id', 'flowId', 'contactId', 'workflowId'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    flowId: objectIdSchema,
    contactId: objectIdSchema,
    workflowId: { type: 'string' },
  },
} as const;
export type SimulationStarted = FromSchema<typeof simulationStartedSchema>;

const waitingSchema = {
  type: ['object', 'null'],
  required: ['for'],
  additionalProperties: false,
  properties: {
    for: { type: 'string', enum: ['reply', 'timer', 'agent'] },
    until: { type: 'string', format: 'date-time' },
    offerId: { type: 'string' },
  },
} as const;

/** Everything the simulator panel draws: the chat, where the run is, its variables and its path. */
export const simulationSchema = {
  type: 'object',
  required: ['id', 'flowId', 'status', 'nodeId', 'vars', 'waiting', 'messages', 'steps'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    flowId: objectIdSchema,
    status: { type: 'string', enum: ['running', 'completed', 'failed'] },
    /** The node being executed or waited in; null once the run ended. */
    nodeId: { type: ['string', 'null'] },
    vars: { type: 'object', additionalProperties: true },
    waiting: waitingSchema,
    messages: { type: 'array', items: messageSchema },
    /** The finished steps recorded so far, in order. */
    steps: { type: 'array', items: runStepSchema },
    failure: {
      type: 'object',
      required: ['nodeId', 'reason'],
      additionalProperties: false,
      properties: { nodeId: { type: 'string' }, reason: { type: 'string' } },
    },
  },
} as const;
export type Simulation = FromSchema<typeof simulationSchema>;

export const simulationMessageBodySchema = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    text: { type: 'string', minLength: 1, maxLength: MESSAGE_TEXT_MAX },
    /** Makes a resend idempotent, as in the widget. */
    clientMessageId: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;
export type SimulationMessageBody = FromSchema<typeof simulationMessageBodySchema>;

/** The most HTTP steps one simulation may mock (a flow has far fewer). */
export const SIMULATED_HTTP_STEPS_MAX = 50;

/**
 * What a test run starts with, so every branch can be tried: a clock (the wall-clock time in a zone),
 * the test contact's tags and attributes, its channel, whether any agent is online, and for each HTTP
 * step (by node id) a mocked answer or a real call, and the message a message-received flow starts on. Everything is optional: an empty body is a run
 * at the current time, as a nameless web visitor, with agents online and HTTP steps answering 200.
 */
export const simulationStartBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    clock: {
      type: 'object',
      required: ['date', 'time', 'timeZone'],
      additionalProperties: false,
      properties: {
        date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        time: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
        /** IANA zone the date and time are read in. */
        timeZone: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
    contact: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        tags: { type: 'array', maxItems: 30, items: { type: 'string', minLength: 1, maxLength: 50 } },
        attributes: contactAttributesPatchSchema,
      },
    },
    channel: { type: 'string', enum: ['web', 'email', 'api'] },
    /** The customer's first message: what a message-received flow starts on (facts.message). */
    message: { type: 'string', minLength: 1, maxLength: MESSAGE_TEXT_MAX },
    /** False: no agent is online, so a route-to-team step takes its no-agent port. */
    agentsOnline: { type: 'boolean' },
    http: {
      type: 'object',
      maxProperties: SIMULATED_HTTP_STEPS_MAX,
      additionalProperties: {
        type: 'object',
        required: ['mode'],
        additionalProperties: false,
        properties: {
          /** mock: answer with `status` and `body`; real: call the address (the outbound guard applies). */
          mode: { type: 'string', enum: ['mock', 'real'] },
          status: { type: 'integer', minimum: 100, maximum: 599 },
          /** JSON text; checked when the simulation starts. */
          body: { type: 'string', maxLength: 10_000 },
        },
      },
    },
  },
} as const;
export type SimulationStartBody = FromSchema<typeof simulationStartBodySchema>;
