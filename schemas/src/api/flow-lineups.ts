import type { FromSchema } from 'json-schema-to-ts';
import { objectIdSchema } from './common';

/**
 * A live flow's entry filter: when its trigger fires, the first live flow of that trigger (by the
 * lineup's order) whose entry filter and trigger-node filters both accept the event starts the run.
 * Every field narrows; an absent or empty field accepts everything.
 */
export const entryFilterSchema = {
  type: 'object',
  title: 'EntryFilter',
  additionalProperties: false,
  properties: {
    channels: {
      type: 'array',
      uniqueItems: true,
      maxItems: 3,
      items: { type: 'string', enum: ['web', 'email', 'api'] },
      description: 'Only conversations on these channels',
    },
    hours: {
      type: 'string',
      enum: ['open', 'closed'],
      description: "Only while the workspace's business hours are open, or only while closed",
    },
    contactTags: {
      type: 'array',
      uniqueItems: true,
      maxItems: 20,
      items: { type: 'string', minLength: 1, maxLength: 64 },
      description: 'Only contacts with at least one of these tags',
    },
  },
} as const;
export type EntryFilter = FromSchema<typeof entryFilterSchema>;

/**
 * The events that start flows, each with its lineup of live flows: the one list (the catalog's
 * trigger nodes name one of these, nodes/src/define-node.ts).
 */
export const LINEUP_TRIGGERS = [
  'conversation-started',
  'message-received',
  'ticket-created',
  'ticket-updated',
  'conversation-resolved',
] as const;
const lineupTriggerSchema = { type: 'string', enum: LINEUP_TRIGGERS } as const;

export const liveFlowSchema = {
  type: 'object',
  title: 'LiveFlow',
  required: ['id', 'name', 'activeVersion', 'entry'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    name: { type: 'string' },
    activeVersion: { type: 'integer', minimum: 1 },
    entry: entryFilterSchema,
  },
} as const;

/** One trigger's live flows, in the order they are tried. */
export const flowLineupSchema = {
  type: 'object',
  title: 'FlowLineup',
  required: ['trigger', 'flows'],
  additionalProperties: false,
  properties: {
    trigger: lineupTriggerSchema,
    flows: { type: 'array', items: liveFlowSchema },
  },
} as const;
export type FlowLineup = FromSchema<typeof flowLineupSchema>;

export const flowLineupListSchema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: flowLineupSchema } },
} as const;
export type FlowLineupList = FromSchema<typeof flowLineupListSchema>;

export const lineupParamsSchema = {
  type: 'object',
  required: ['trigger'],
  additionalProperties: false,
  properties: { trigger: lineupTriggerSchema },
} as const;
export type LineupParams = FromSchema<typeof lineupParamsSchema>;

/**
 * Moves one live flow to a position (0 first). A move, not a whole new order: two owners moving
 * different flows at once both get their move.
 */
export const lineupMoveBodySchema = {
  type: 'object',
  required: ['flowId', 'position'],
  additionalProperties: false,
  properties: {
    flowId: objectIdSchema,
    position: { type: 'integer', minimum: 0, maximum: 499 },
  },
} as const;
export type LineupMoveBody = FromSchema<typeof lineupMoveBodySchema>;
