import type { FromSchema } from 'json-schema-to-ts';
import { MESSAGE_TEXT_MAX, messageSchema } from '../message';
import { objectIdSchema } from './common';
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
