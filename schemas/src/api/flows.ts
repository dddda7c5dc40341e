import type { FromSchema } from 'json-schema-to-ts';
import { FLOW_KINDS, compiledFlowSchema, flowDraftSchema, nodeIdSchema, portNameSchema } from '../flow';
import { oneLine } from '../safe-text';
import { dateTimeSchema, objectIdSchema } from './common';
import { entryFilterSchema } from './flow-lineups';

const localTextSchema = {
  type: 'object',
  required: ['en', 'zh'],
  additionalProperties: false,
  properties: { en: { type: 'string' }, zh: { type: 'string' } },
} as const;

const flowNameSchema = oneLine(1, 120);
const flowKindSchema = { type: 'string', enum: FLOW_KINDS } as const;
const versionNumberSchema = { type: 'integer', minimum: 1, maximum: 1_000_000 } as const;
/** The draft's save counter: a save must name the revision it was based on. */
const revisionSchema = { type: 'integer', minimum: 0, maximum: 1_000_000_000 } as const;

export const flowSummarySchema = {
  type: 'object',
  title: 'Flow',
  required: ['id', 'name', 'kind', 'trigger', 'revision', 'createdAt', 'updatedAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    name: { type: 'string' },
    kind: flowKindSchema,
    description: { type: 'string' },
    trigger: { type: 'string', description: "The draft's trigger node type" },
    revision: revisionSchema,
    activeVersion: {
      ...versionNumberSchema,
      description: 'The version new runs start on; absent until published (or after unpublish)',
    },
    entry: entryFilterSchema,
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  },
} as const;
export type FlowSummary = FromSchema<typeof flowSummarySchema>;

export const flowDetailSchema = {
  ...flowSummarySchema,
  title: 'FlowWithDraft',
  required: [...flowSummarySchema.required, 'draft'],
  properties: { ...flowSummarySchema.properties, draft: flowDraftSchema },
} as const;
export type FlowDetail = FromSchema<typeof flowDetailSchema>;

export const createFlowBodySchema = {
  type: 'object',
  required: ['name', 'kind'],
  additionalProperties: false,
  properties: {
    name: flowNameSchema,
    kind: flowKindSchema,
    description: { type: 'string', maxLength: 2000 },
    templateId: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: 'Start from this starter template',
    },
    language: {
      type: 'string',
      enum: ['en', 'zh'],
      description: "The language of a starter template's messages, questions and ticket texts (default en)",
    },
  },
} as const;
export type CreateFlowBody = FromSchema<typeof createFlowBodySchema>;

export const saveDraftBodySchema = {
  type: 'object',
  required: ['revision', 'draft'],
  additionalProperties: false,
  properties: {
    revision: {
      ...revisionSchema,
      description: 'The revision this draft was based on; a stale one gets 409',
    },
    draft: flowDraftSchema,
  },
} as const;
export type SaveDraftBody = FromSchema<typeof saveDraftBodySchema>;

export const flowProblemSchema = {
  type: 'object',
  required: ['code', 'field', 'message'],
  additionalProperties: false,
  properties: {
    code: { type: 'string' },
    nodeId: { type: 'string' },
    field: { type: 'string' },
    message: localTextSchema,
  },
} as const;

export const validationResultSchema = {
  type: 'object',
  title: 'FlowValidation',
  required: ['ok', 'problems'],
  additionalProperties: false,
  properties: {
    ok: { type: 'boolean' },
    problems: { type: 'array', items: flowProblemSchema },
    hash: { type: 'string', description: 'Hash the draft would publish with, when ok' },
  },
} as const;
export type ValidationResult = FromSchema<typeof validationResultSchema>;

export const publishBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    revision: { ...revisionSchema, description: 'Publish only if the draft is still at this revision' },
  },
} as const;
export type PublishBody = FromSchema<typeof publishBodySchema>;

export const rollbackBodySchema = {
  type: 'object',
  required: ['version'],
  additionalProperties: false,
  properties: {
    version: { ...versionNumberSchema, description: "Publish this version's draft again as a new version" },
  },
} as const;
export type RollbackBody = FromSchema<typeof rollbackBodySchema>;

export const flowVersionSummarySchema = {
  type: 'object',
  title: 'FlowVersion',
  required: ['flowId', 'version', 'hash', 'trigger', 'publishedBy', 'publishedAt', 'active'],
  additionalProperties: false,
  properties: {
    flowId: objectIdSchema,
    version: versionNumberSchema,
    hash: { type: 'string' },
    trigger: { type: 'string' },
    publishedBy: { type: 'string', description: 'Email of the owner who published it' },
    publishedAt: dateTimeSchema,
    active: { type: 'boolean' },
    rolledBackFrom: {
      ...versionNumberSchema,
      description: 'Set when this version re-published an older one',
    },
  },
} as const;
export type FlowVersionSummary = FromSchema<typeof flowVersionSummarySchema>;

export const flowVersionDetailSchema = {
  ...flowVersionSummarySchema,
  title: 'FlowVersionWithContent',
  required: [...flowVersionSummarySchema.required, 'draft', 'compiled'],
  properties: {
    ...flowVersionSummarySchema.properties,
    draft: flowDraftSchema,
    compiled: compiledFlowSchema,
  },
} as const;
export type FlowVersionDetail = FromSchema<typeof flowVersionDetailSchema>;

export const flowVersionParamsSchema = {
  type: 'object',
  required: ['id', 'version'],
  additionalProperties: false,
  properties: { id: objectIdSchema, version: versionNumberSchema },
} as const;
export type FlowVersionParams = FromSchema<typeof flowVersionParamsSchema>;

export const flowDiffQuerySchema = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: { from: versionNumberSchema, to: versionNumberSchema },
} as const;
export type FlowDiffQuery = FromSchema<typeof flowDiffQuerySchema>;

const edgeRefSchema = {
  type: 'object',
  required: ['source', 'port', 'target'],
  additionalProperties: false,
  properties: { source: nodeIdSchema, port: portNameSchema, target: nodeIdSchema },
} as const;

/** What changed between two compiled versions, node by node and edge by edge. */
export const flowDiffSchema = {
  type: 'object',
  title: 'FlowDiff',
  required: ['nodesAdded', 'nodesRemoved', 'nodesChanged', 'edgesAdded', 'edgesRemoved'],
  additionalProperties: false,
  properties: {
    nodesAdded: { type: 'array', items: nodeIdSchema },
    nodesRemoved: { type: 'array', items: nodeIdSchema },
    nodesChanged: {
      type: 'array',
      items: {
        type: 'object',
        required: ['nodeId', 'fields'],
        additionalProperties: false,
        properties: {
          nodeId: nodeIdSchema,
          /** JSON paths inside the node that differ, e.g. `/config/text`, `/type`. */
          fields: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    edgesAdded: { type: 'array', items: edgeRefSchema },
    edgesRemoved: { type: 'array', items: edgeRefSchema },
  },
} as const;
export type FlowDiff = FromSchema<typeof flowDiffSchema>;

export const flowTemplateSchema = {
  type: 'object',
  title: 'FlowTemplate',
  required: ['id', 'kind', 'name', 'description', 'draft'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    kind: flowKindSchema,
    name: localTextSchema,
    description: localTextSchema,
    draft: flowDraftSchema,
  },
} as const;
export type FlowTemplate = FromSchema<typeof flowTemplateSchema>;
