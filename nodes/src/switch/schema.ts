import type { FromSchema } from 'json-schema-to-ts';
import { portNameSchema } from '@kefu/schemas';
import { ruleConditionSchema } from '../rules';

export const switchSchema = {
  type: 'object',
  required: ['cases'],
  additionalProperties: false,
  properties: {
    cases: {
      type: 'array',
      title: 'Cases, checked in order / 分支（按顺序判断）',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        required: ['port', 'label', 'when'],
        additionalProperties: false,
        properties: {
          port: { ...portNameSchema, title: 'Port name / 端口名' },
          label: { type: 'string', minLength: 1, maxLength: 60, title: 'Label / 标签' },
          when: ruleConditionSchema,
        },
      },
    },
  },
} as const;
export type SwitchConfig = FromSchema<typeof switchSchema>;
