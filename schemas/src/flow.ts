import type { FromSchema } from 'json-schema-to-ts';

export const FLOW_KINDS = ['routing', 'auto-reply', 'escalation', 'survey', 'custom'] as const;

/** The draft format this code writes; older drafts are brought forward by `migrateDraft()`. */
export const DRAFT_SCHEMA_VERSION = 1;
/** The compiled format the worker reads. */
export const COMPILED_FORMAT_VERSION = 1;

/**
 * Names a JavaScript object already has (`__proto__`, `constructor`, `toString`…): as a node id or
 * variable name they would read or replace the object's own machinery instead of a step or a value
 * (a node named `__proto__` vanished from the compiled flow, taking its trigger with it).
 */
export const RESERVED_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
] as const;
const RESERVED_NAME = `(?!(?:${RESERVED_NAMES.join('|')})$)`;
export const nodeIdSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: `^${RESERVED_NAME}[A-Za-z0-9_-]+$`,
} as const;
export const portNameSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z0-9-]+$',
} as const;
/** A flow variable's name; templates read it as `{{vars.name}}`, rules as fact `vars`, path `$.name`. */
export const variableNameSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: `^${RESERVED_NAME}[A-Za-z_][A-Za-z0-9_]*$`,
} as const;
const variableValueSchema = { type: ['string', 'number', 'boolean'] } as const;

/** What the editor saves. Node configs are checked against each node type's own schema by the compiler. */
export const flowDraftSchema = {
  type: 'object',
  required: ['schemaVersion', 'name', 'kind', 'nodes', 'edges'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: DRAFT_SCHEMA_VERSION },
    name: { type: 'string', minLength: 1, maxLength: 120 },
    kind: { type: 'string', enum: FLOW_KINDS },
    description: { type: 'string', maxLength: 2000 },
    nodes: {
      type: 'array',
      maxItems: 5000,
      items: {
        type: 'object',
        required: ['id', 'type', 'config'],
        additionalProperties: false,
        properties: {
          id: nodeIdSchema,
          type: { type: 'string', minLength: 1, maxLength: 64 },
          /** The owner's own caption for this node on the canvas. */
          label: { type: 'string', maxLength: 120 },
          config: { type: 'object', additionalProperties: true },
          position: {
            type: 'object',
            required: ['x', 'y'],
            additionalProperties: false,
            properties: { x: { type: 'number' }, y: { type: 'number' } },
          },
        },
      },
    },
    edges: {
      type: 'array',
      maxItems: 20000,
      items: {
        type: 'object',
        required: ['source', 'sourcePort', 'target'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', maxLength: 128 },
          source: nodeIdSchema,
          sourcePort: portNameSchema,
          target: nodeIdSchema,
        },
      },
    },
    variables: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: variableNameSchema,
          description: { type: 'string', maxLength: 500 },
          /** A variable with a default is set from the first step on. */
          default: variableValueSchema,
        },
      },
    },
  },
} as const;

/** What the runtime reads: every port resolved to the node it leads to, configs complete with defaults. */
export const compiledFlowSchema = {
  type: 'object',
  required: [
    'formatVersion',
    'hash',
    'kind',
    'trigger',
    'startNodeId',
    'nodes',
    'variables',
    'variableDefaults',
  ],
  additionalProperties: false,
  properties: {
    formatVersion: { const: COMPILED_FORMAT_VERSION },
    hash: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      description: 'SHA-256 of the canonical compiled JSON',
    },
    kind: { type: 'string', enum: FLOW_KINDS },
    /** The start node's type: what starts this flow (one active version per trigger). */
    trigger: { type: 'string', minLength: 1, maxLength: 64 },
    startNodeId: nodeIdSchema,
    nodes: {
      type: 'object',
      propertyNames: nodeIdSchema,
      additionalProperties: {
        type: 'object',
        required: ['type', 'config', 'next'],
        additionalProperties: false,
        properties: {
          type: { type: 'string', minLength: 1, maxLength: 64 },
          /** Validated against the node type's schema, defaults filled in; rules in json-rules-engine form. */
          config: { type: 'object', additionalProperties: true },
          next: { type: 'object', propertyNames: portNameSchema, additionalProperties: nodeIdSchema },
        },
      },
    },
    /** Every variable the flow declares or sets, sorted. */
    variables: { type: 'array', items: variableNameSchema },
    variableDefaults: {
      type: 'object',
      propertyNames: variableNameSchema,
      additionalProperties: variableValueSchema,
    },
  },
} as const;

export type FlowDraft = FromSchema<typeof flowDraftSchema>;
export type FlowDraftNode = FlowDraft['nodes'][number];
export type FlowDraftEdge = FlowDraft['edges'][number];
export type FlowKind = (typeof FLOW_KINDS)[number];
export type CompiledFlow = FromSchema<typeof compiledFlowSchema>;
export type CompiledNode = CompiledFlow['nodes'][string];
export type VariableValue = string | number | boolean;

export * from './migrations';
