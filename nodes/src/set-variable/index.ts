import type { FromSchema } from 'json-schema-to-ts';
import { MESSAGE_TEXT_MAX } from '@kefu/schemas';
import { defineNode } from '../define-node';
import { VARIABLE_PATTERN } from '../common-schemas';
import { NEXT_PORT } from '../ports';
import { templatePaths } from '../template';

export const setVariableSchema = {
  type: 'object',
  required: ['variable', 'value'],
  additionalProperties: false,
  properties: {
    variable: { type: 'string', pattern: VARIABLE_PATTERN, maxLength: 64, title: 'Variable / 变量' },
    value: {
      type: 'string',
      maxLength: MESSAGE_TEXT_MAX,
      title: 'Value / 值',
      description: 'Text; {{contact.name}} inserts a value. / 文本；{{contact.name}} 插入变量。',
    },
    valueType: {
      type: 'string',
      enum: ['text', 'number', 'boolean'],
      title: 'Store as / 类型',
      default: 'text',
    },
  },
} as const;
export type SetVariableConfig = FromSchema<typeof setVariableSchema>;

/** Sets a flow variable from text with placeholders. */
export const setVariable = defineNode<SetVariableConfig, 'next'>({
  kind: 'set-variable',
  category: 'logic',
  schema: setVariableSchema,
  waits: false,
  editor: {
    label: { en: 'Set variable', zh: '设置变量' },
    description: { en: 'Stores a value in a flow variable.', zh: '把值保存到流程变量。' },
    icon: 'variable',
    ports: [NEXT_PORT],
    fields: { variable: 'variable', value: 'template' },
  },
  defines: (config) => [config.variable],
  compile: (config) => {
    // A value with placeholders is only known at run time; a literal one can be checked now.
    if (templatePaths(config.value).length > 0) return [];
    if (config.valueType === 'number' && !Number.isFinite(Number(config.value.trim() || 'x')))
      return [{ field: '/value', message: { en: `"${config.value}" is not a number`, zh: `"${config.value}" 不是数字` } }];
    if (config.valueType === 'boolean' && !['true', 'false'].includes(config.value.trim()))
      return [{ field: '/value', message: { en: 'Use true or false', zh: '请填写 true 或 false' } }];
    return [];
  },
  run: async (ctx) => {
    const text = ctx.render(ctx.config.value);
    ctx.vars[ctx.config.variable] = coerce(text, ctx.config.valueType ?? 'text');
    return { port: 'next' };
  },
});

function coerce(text: string, type: 'text' | 'number' | 'boolean'): string | number | boolean | null {
  if (type === 'number') {
    const n = Number(text.trim());
    return text.trim() !== '' && Number.isFinite(n) ? n : null;
  }
  if (type === 'boolean') return text.trim().toLowerCase() === 'true';
  return text;
}
