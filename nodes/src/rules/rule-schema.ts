import type { FromSchema } from 'json-schema-to-ts';

/**
 * A json-rules-engine condition as owners draw it: a group (`all` / `any`) of comparisons, each either a
 * single comparison or one nested group. Two levels keep the type derivable from the schema and the
 * settings form drawable; fact names, operators and paths are checked by `checkCondition`.
 */
const comparison = {
  type: 'object',
  required: ['fact', 'operator', 'value'],
  additionalProperties: false,
  properties: {
    fact: { type: 'string', minLength: 1, maxLength: 64, title: 'Fact / 事实' },
    path: {
      type: 'string',
      maxLength: 200,
      title: 'Field / 字段',
      description: 'A plain property path such as $.tags or $.attributes.plan. / 属性路径，如 $.tags。',
    },
    operator: { type: 'string', minLength: 1, maxLength: 64, title: 'Operator / 运算符' },
    value: {
      title: 'Value / 值',
      anyOf: [
        { type: 'string', maxLength: 1000 },
        { type: 'number' },
        { type: 'boolean' },
        {
          type: 'array',
          maxItems: 100,
          items: { anyOf: [{ type: 'string', maxLength: 1000 }, { type: 'number' }] },
        },
      ],
    },
  },
} as const;

const innerGroup = {
  anyOf: [
    {
      type: 'object',
      required: ['all'],
      additionalProperties: false,
      properties: { all: { type: 'array', minItems: 1, maxItems: 50, items: comparison } },
    },
    {
      type: 'object',
      required: ['any'],
      additionalProperties: false,
      properties: { any: { type: 'array', minItems: 1, maxItems: 50, items: comparison } },
    },
  ],
} as const;

const member = { anyOf: [comparison, innerGroup] } as const;

export const ruleConditionSchema = {
  title: 'Rule / 规则',
  anyOf: [
    {
      type: 'object',
      required: ['all'],
      additionalProperties: false,
      properties: { all: { type: 'array', minItems: 1, maxItems: 50, items: member } },
    },
    {
      type: 'object',
      required: ['any'],
      additionalProperties: false,
      properties: { any: { type: 'array', minItems: 1, maxItems: 50, items: member } },
    },
  ],
} as const;

export type RuleCondition = FromSchema<typeof ruleConditionSchema>;
export type RuleComparison = FromSchema<typeof comparison>;
