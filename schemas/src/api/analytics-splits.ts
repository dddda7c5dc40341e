import type { FromSchema } from 'json-schema-to-ts';
import { objectIdSchema } from './common';

/** A workspace day, `YYYY-MM-DD`, in the workspace's time zone. */
const daySchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

/** Below these a branch's comparison says "not enough data yet" (figures still shown). */
export const SPLIT_MIN_CONVERSATIONS = 20;
export const SPLIT_MIN_ANSWERS = 10;

export const splitQuerySchema = {
  type: 'object',
  required: ['flowId', 'version', 'from', 'to'],
  additionalProperties: false,
  properties: {
    flowId: { ...objectIdSchema, description: 'The flow' },
    version: { type: 'integer', minimum: 1, description: 'Its published version' },
    from: {
      ...daySchema,
      description: 'First day the conversations came in (workspace time zone), inclusive',
    },
    to: { ...daySchema, description: 'Last day, inclusive; at most 366 days after from' },
  },
} as const;
export type SplitQuery = FromSchema<typeof splitQuerySchema>;

const count = { type: 'integer', minimum: 0 } as const;
const rate = { type: ['number', 'null'], description: 'null when its denominator is 0' } as const;

const comparisonSchema = {
  type: ['object', 'null'],
  description: 'This branch minus the control; null when not computable (a branch without data)',
  required: ['diff', 'low', 'high', 'p', 'pAdjusted', 'test', 'significant'],
  additionalProperties: false,
  properties: {
    diff: { type: 'number', description: 'Rates as fractions (0.12 = 12 points); CSAT in rating points' },
    low: { type: 'number', description: '95 % confidence interval, lower end' },
    high: { type: 'number', description: '95 % confidence interval, upper end' },
    p: { type: 'number', description: 'Two-sided p-value' },
    pAdjusted: {
      type: 'number',
      description: "Holm's adjustment across the split's branches (= p with two)",
    },
    test: { type: 'string', enum: ['z', 'fisher', 'welch'] },
    significant: { type: 'boolean', description: 'pAdjusted < 0.05 and enough data' },
  },
} as const;

const branchSchema = {
  type: 'object',
  required: ['port', 'label', 'weight', 'conversations', 'outcomes', 'enough', 'vsControl'],
  additionalProperties: false,
  properties: {
    port: { type: 'string' },
    label: { type: 'string' },
    weight: { type: 'integer' },
    conversations: count,
    outcomes: {
      type: 'object',
      required: [
        'botResolved',
        'botResolvedRate',
        'handedToPerson',
        'handedToPersonRate',
        'gotPerson',
        'resolved',
        'csatCount',
        'csatAverage',
        'csatPositive',
        'csatPositiveShare',
      ],
      additionalProperties: false,
      properties: {
        botResolved: count,
        botResolvedRate: rate,
        handedToPerson: count,
        handedToPersonRate: rate,
        gotPerson: count,
        resolved: count,
        csatCount: count,
        csatAverage: rate,
        csatPositive: count,
        csatPositiveShare: rate,
      },
    },
    enough: {
      type: 'boolean',
      description: `At least ${SPLIT_MIN_CONVERSATIONS} conversations in this branch and the control`,
    },
    vsControl: {
      type: ['object', 'null'],
      description: 'null for the control (the first branch)',
      required: [
        'botResolvedRate',
        'handedToPersonRate',
        'csatAverage',
        'csatPositiveShare',
        'enoughAnswers',
      ],
      additionalProperties: false,
      properties: {
        botResolvedRate: comparisonSchema,
        handedToPersonRate: comparisonSchema,
        csatAverage: comparisonSchema,
        csatPositiveShare: comparisonSchema,
        enoughAnswers: {
          type: 'boolean',
          description: `At least ${SPLIT_MIN_ANSWERS} CSAT answers in this branch and the control`,
        },
      },
    },
  },
} as const;

export const splitReportSchema = {
  type: 'object',
  title: 'SplitReport',
  required: ['flowId', 'version', 'from', 'to', 'splits'],
  additionalProperties: false,
  properties: {
    flowId: objectIdSchema,
    version: { type: 'integer' },
    from: daySchema,
    to: daySchema,
    splits: {
      type: 'array',
      description: "Every random-split node of the version, in the flow's order",
      items: {
        type: 'object',
        required: ['nodeId', 'label', 'branches'],
        additionalProperties: false,
        properties: {
          nodeId: { type: 'string' },
          label: { type: ['string', 'null'] },
          branches: { type: 'array', items: branchSchema },
        },
      },
    },
  },
} as const;
export type SplitReport = FromSchema<typeof splitReportSchema>;
export type SplitBranch = SplitReport['splits'][number]['branches'][number];
export type SplitComparison = NonNullable<NonNullable<SplitBranch['vsControl']>['botResolvedRate']>;
