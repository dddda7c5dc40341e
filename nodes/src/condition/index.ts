import type { FromSchema } from 'json-schema-to-ts';
import { defineNode } from '../define-node';
import { evaluateRule, ruleConditionSchema, ruleFacts } from '../rules';

export const conditionSchema = {
  type: 'object',
  required: ['rule'],
  additionalProperties: false,
  properties: { rule: ruleConditionSchema },
} as const;
export type ConditionConfig = FromSchema<typeof conditionSchema>;

/** Takes the true or false branch by a json-rules-engine rule over the run's facts. */
export const condition = defineNode<ConditionConfig, 'true' | 'false'>({
  kind: 'condition',
  category: 'logic',
  schema: conditionSchema,
  waits: false,
  editor: {
    label: { en: 'Condition', zh: '条件' },
    description: { en: 'Branches on a rule.', zh: '按规则分支。' },
    icon: 'git-branch',
    ports: [
      { name: 'true', label: { en: 'true', zh: '是' }, required: true },
      { name: 'false', label: { en: 'false', zh: '否' }, required: true },
    ],
    fields: { rule: 'rule' },
  },
  rules: (config) => [{ field: '/rule', condition: config.rule }],
  run: async (ctx) => {
    const { matched, trace } = await evaluateRule(
      ctx.config.rule,
      ruleFacts({ facts: ctx.facts, vars: ctx.vars, now: ctx.now() }),
      ctx.now(),
    );
    return {
      port: matched ? 'true' : 'false',
      decision: `rule ${matched}`,
      why: {
        kind: 'condition',
        result: matched,
        rule: trace,
        notTaken: [{ port: matched ? 'false' : 'true', reason: matched ? 'rule-true' : 'rule-false' }],
      },
    };
  },
});
