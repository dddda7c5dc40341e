import type { FromSchema } from 'json-schema-to-ts';

/**
 * Why a step left by its port, as the interpreter records it (`StepRecord.why`) and the runs API
 * returns it: the rule it evaluated and the values it saw, the knowledge-base score against its
 * threshold, the agents routing passed over. Bounded: a step record is written once per step and
 * read with the whole timeline, so long values are cut and lists capped (`WHY_LIMITS`; the
 * `…More` counts say how much was left out).
 */
export const WHY_LIMITS = {
  /** Characters of a value or a question kept; a cut one ends with `…`. */
  text: 80,
  /** Items of a list value kept. */
  list: 6,
  /** Comparisons kept per step (a switch shares them between its cases). */
  comparisons: 24,
  /** Agents kept per routing step. */
  candidates: 12,
} as const;

const scalar = {
  anyOf: [
    { type: 'string', maxLength: WHY_LIMITS.text + 1 },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
  ],
} as const;

/** A fact's or a rule's value as recorded: a scalar or a short list of scalars; objects as cut JSON text. */
export const whyValueSchema = {
  anyOf: [...scalar.anyOf, { type: 'array', maxItems: WHY_LIMITS.list, items: scalar }],
} as const;

const more = { type: 'integer', minimum: 1 } as const;

/** One comparison of a rule, with what it saw. */
const comparisonTraceSchema = {
  type: 'object',
  required: ['fact', 'operator', 'result'],
  additionalProperties: false,
  properties: {
    // The rule schema's limits, plus the `…` of a cut.
    fact: { type: 'string', maxLength: 65 },
    path: { type: 'string', maxLength: 201 },
    operator: { type: 'string', maxLength: 65 },
    value: whyValueSchema,
    /** List items of the value left out. */
    valueMore: more,
    /** The fact's value at that path; absent when the fact had none. */
    saw: whyValueSchema,
    sawMore: more,
    /** null: not evaluated (the engine did not need it). */
    result: { type: ['boolean', 'null'] },
  },
} as const;

const groupProps = {
  match: { type: 'string', enum: ['all', 'any'] },
  result: { type: ['boolean', 'null'] },
  /** Comparisons left out to keep the record small. */
  omitted: more,
} as const;

const innerGroupTraceSchema = {
  type: 'object',
  required: ['match', 'result', 'conditions'],
  additionalProperties: false,
  properties: {
    ...groupProps,
    conditions: { type: 'array', maxItems: WHY_LIMITS.comparisons, items: comparisonTraceSchema },
  },
} as const;

/** A rule as evaluated: `all` / `any` of comparisons or one level of nested groups, each with its result. */
export const ruleTraceSchema = {
  type: 'object',
  required: ['match', 'result', 'conditions'],
  additionalProperties: false,
  properties: {
    ...groupProps,
    conditions: {
      type: 'array',
      maxItems: WHY_LIMITS.comparisons,
      items: { anyOf: [comparisonTraceSchema, innerGroupTraceSchema] },
    },
  },
} as const;

/** Why a port was not taken. */
const notTakenSchema = {
  type: 'array',
  maxItems: 21,
  items: {
    type: 'object',
    required: ['port', 'reason'],
    additionalProperties: false,
    properties: {
      port: { type: 'string', maxLength: 64 },
      reason: {
        type: 'string',
        enum: [
          'rule-true',
          'rule-false',
          'earlier-case-matched',
          'a-case-matched',
          'confident',
          'below-threshold',
          'no-match',
          'no-message',
        ],
      },
    },
  },
} as const;

const conditionWhySchema = {
  type: 'object',
  required: ['kind', 'result', 'rule', 'notTaken'],
  additionalProperties: false,
  properties: {
    kind: { const: 'condition' },
    result: { type: 'boolean' },
    rule: ruleTraceSchema,
    notTaken: notTakenSchema,
  },
} as const;

const switchWhySchema = {
  type: 'object',
  required: ['kind', 'cases', 'notTaken'],
  additionalProperties: false,
  properties: {
    kind: { const: 'switch' },
    cases: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        required: ['port', 'label', 'result'],
        additionalProperties: false,
        properties: {
          port: { type: 'string', maxLength: 64 },
          label: { type: 'string', maxLength: WHY_LIMITS.text + 1 },
          /** null: not checked, an earlier case matched. */
          result: { type: ['boolean', 'null'] },
          /** Absent when not checked, or when the step's comparisons were used up by earlier cases. */
          rule: ruleTraceSchema,
        },
      },
    },
    notTaken: notTakenSchema,
  },
} as const;

const articleSchema = {
  type: 'object',
  required: ['articleId', 'question', 'confidence'],
  additionalProperties: false,
  properties: {
    articleId: { type: 'string', maxLength: 64 },
    question: { type: 'string', maxLength: WHY_LIMITS.text + 1 },
    confidence: { type: 'number' },
  },
} as const;

const knowledgeWhySchema = {
  type: 'object',
  required: ['kind', 'outcome', 'notTaken'],
  additionalProperties: false,
  properties: {
    kind: { const: 'knowledge' },
    outcome: { type: 'string', enum: ['confident', 'below-threshold', 'no-match', 'no-message'] },
    /** The customer's message it matched, cut. */
    query: { type: 'string', maxLength: WHY_LIMITS.text + 1 },
    /** The best article's confidence, 0..1. */
    confidence: { type: 'number' },
    /** The threshold applied (the step's own or the knowledge base's); absent when unknown (no match in old runs). */
    threshold: { type: 'number' },
    best: articleSchema,
    /** The next best article after `best`. */
    runnerUp: articleSchema,
    notTaken: notTakenSchema,
  },
} as const;

/** Why routing passed an agent over, or `chosen`. */
export const CANDIDATE_OUTCOMES = [
  'chosen',
  'offline',
  'away',
  'full',
  'lacks-skill',
  'declined',
  'busier',
  'not-their-turn',
] as const;

const routingWhySchema = {
  type: 'object',
  required: ['kind', 'teamId', 'strategy', 'candidates'],
  additionalProperties: false,
  properties: {
    kind: { const: 'routing' },
    teamId: { type: 'string', maxLength: 64 },
    strategy: { type: 'string', maxLength: 32 },
    skills: { type: 'array', maxItems: WHY_LIMITS.list, items: { type: 'string', maxLength: 64 } },
    /** Why nobody was offered it, when nobody was. */
    noAgent: {
      type: 'string',
      enum: ['no-team', 'no-members', 'nobody-eligible', 'no-conversation', 'simulated'],
    },
    /** The agent offered the conversation. */
    offeredTo: { type: 'string', maxLength: 64 },
    acceptedBy: { type: 'string', maxLength: 64 },
    /** Minutes waited for acceptance when it timed out. */
    waitedMinutes: { type: 'number' },
    candidates: {
      type: 'array',
      maxItems: WHY_LIMITS.candidates,
      items: {
        type: 'object',
        required: ['agentId', 'outcome', 'load', 'maxConcurrent'],
        additionalProperties: false,
        properties: {
          agentId: { type: 'string', maxLength: 64 },
          name: { type: 'string', maxLength: WHY_LIMITS.text + 1 },
          outcome: { type: 'string', enum: CANDIDATE_OUTCOMES },
          load: { type: 'integer', minimum: 0 },
          maxConcurrent: { type: 'integer', minimum: 0 },
          missingSkills: {
            type: 'array',
            maxItems: WHY_LIMITS.list,
            items: { type: 'string', maxLength: 64 },
          },
        },
      },
    },
    /** Agents left out of `candidates`. */
    candidatesMore: more,
  },
} as const;

export const stepWhySchema = {
  description:
    'Why the step left by its port: rule and fact values, knowledge-base score, routing candidates',
  oneOf: [conditionWhySchema, switchWhySchema, knowledgeWhySchema, routingWhySchema],
} as const;

export type StepWhy = FromSchema<typeof stepWhySchema>;
export type WhyValue = FromSchema<typeof whyValueSchema>;
export type RuleTrace = FromSchema<typeof ruleTraceSchema>;
export type ComparisonTrace = FromSchema<typeof comparisonTraceSchema>;
export type NotTaken = FromSchema<typeof notTakenSchema>[number];
export type RoutingWhy = Extract<StepWhy, { kind: 'routing' }>;
export type RoutingCandidate = RoutingWhy['candidates'][number];
export type KnowledgeWhy = Extract<StepWhy, { kind: 'knowledge' }>;

/** Cuts text to `WHY_LIMITS.text` characters, marking the cut with `…`. */
export function cutText(text: string, max: number = WHY_LIMITS.text): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A value as a why-trace records it: scalars kept (text cut), lists capped to `WHY_LIMITS.list`
 * items (`more` counts the rest), anything else as cut JSON text. `undefined` stays undefined
 * (the fact had no value).
 */
export function boundedValue(value: unknown): { value?: WhyValue; more?: number } {
  if (value === undefined) return {};
  if (Array.isArray(value)) {
    const kept = value.slice(0, WHY_LIMITS.list).map(boundScalar);
    const more = value.length - kept.length;
    return { value: kept, ...(more > 0 ? { more } : {}) };
  }
  return { value: boundScalar(value) };
}

function boundScalar(value: unknown): string | number | boolean | null {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return cutText(value);
  if (value instanceof Date) return value.toISOString();
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return cutText(text);
}
