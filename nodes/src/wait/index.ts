import type { FromSchema } from 'json-schema-to-ts';
import { defineNode } from '../define-node';
import { NEXT_PORT } from '../ports';

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

export const waitSchema = {
  type: 'object',
  required: ['amount'],
  additionalProperties: false,
  properties: {
    amount: { type: 'integer', minimum: 1, maximum: 1000, title: 'Wait for / 等待' },
    unit: { type: 'string', enum: ['minutes', 'hours', 'days'], title: 'Unit / 单位', default: 'minutes' },
  },
} as const;
export type WaitConfig = FromSchema<typeof waitSchema>;

/** A durable timer: survives restarts of every process. */
export const wait = defineNode<WaitConfig, 'next'>({
  kind: 'wait',
  category: 'logic',
  schema: waitSchema,
  waits: true,
  editor: {
    label: { en: 'Wait', zh: '等待' },
    description: { en: 'Pauses the flow for a while.', zh: '暂停流程一段时间。' },
    icon: 'timer',
    ports: [NEXT_PORT],
  },
  compile: (config) =>
    config.amount * UNIT_MS[config.unit ?? 'minutes'] > 90 * UNIT_MS.days
      ? [{ field: '/amount', message: { en: 'Wait at most 90 days', zh: '最多等待 90 天' } }]
      : [],
  run: async (ctx) => {
    await ctx.sleep(ctx.config.amount * UNIT_MS[ctx.config.unit ?? 'minutes']);
    return { port: 'next' };
  },
});
