import type { FromSchema } from 'json-schema-to-ts';

export const FLOW_KINDS = ['routing', 'auto-reply', 'escalation', 'survey', 'custom'] as const;

const nodeId = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } as const;
const portName = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' } as const;

/** What the editor saves. Node configs are checked against each node type's own schema by the compiler. */
export const flowDraftSchema = {
  type: 'object',
  required: ['schemaVersion', 'name', 'kind', 'nodes', 'edges'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: 1 },
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
          id: nodeId,
          type: { type: 'string', minLength: 1, maxLength: 64 },
          config: { type: 'object' },
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
        properties: { id: { type: 'string', maxLength: 128 }, source: nodeId, sourcePort: portName, target: nodeId },
      },
    },
    variables: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', maxLength: 64 },
          description: { type: 'string', maxLength: 500 },
        },
      },
    },
  },
} as const;

/** What the runtime reads: every port resolved to the node it leads to. */
export const compiledFlowSchema = {
  type: 'object',
  required: ['formatVersion', 'hash', 'kind', 'startNodeId', 'nodes', 'variables'],
  additionalProperties: false,
  properties: {
    formatVersion: { const: 1 },
    hash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the canonical compiled JSON' },
    kind: { type: 'string', enum: FLOW_KINDS },
    startNodeId: nodeId,
    nodes: {
      type: 'object',
      propertyNames: nodeId,
      additionalProperties: {
        type: 'object',
        required: ['type', 'config', 'next'],
        additionalProperties: false,
        properties: {
          type: { type: 'string' },
          config: { type: 'object' },
          next: { type: 'object', propertyNames: portName, additionalProperties: nodeId },
        },
      },
    },
    variables: { type: 'array', items: { type: 'string' } },
  },
} as const;

export type FlowDraft = FromSchema<typeof flowDraftSchema>;
export type FlowKind = (typeof FLOW_KINDS)[number];
export type CompiledFlow = FromSchema<typeof compiledFlowSchema>;
export type CompiledNode = CompiledFlow['nodes'][string];
