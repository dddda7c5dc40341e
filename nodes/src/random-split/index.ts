import type { FromSchema } from 'json-schema-to-ts';
import { portNameSchema } from '@kefu/schemas';
import { defineNode, type NodeProblem } from '../define-node';

export const randomSplitSchema = {
  type: 'object',
  required: ['branches'],
  additionalProperties: false,
  properties: {
    branches: {
      type: 'array',
      title: 'Branches / 分支',
      minItems: 2,
      maxItems: 10,
      items: {
        type: 'object',
        required: ['port', 'weight'],
        additionalProperties: false,
        properties: {
          port: { ...portNameSchema, title: 'Port name / 端口名' },
          label: { type: 'string', maxLength: 60, title: 'Label / 标签' },
          weight: { type: 'integer', minimum: 1, maximum: 100, title: 'Weight / 权重', default: 50 },
        },
      },
      default: [
        { port: 'a', label: 'A', weight: 50 },
        { port: 'b', label: 'B', weight: 50 },
      ],
    },
  },
} as const;
export type RandomSplitConfig = FromSchema<typeof randomSplitSchema>;

/** Sends each run down one branch at random, in proportion to the weights (A/B tests). */
export const randomSplit = defineNode<RandomSplitConfig, string>({
  kind: 'random-split',
  category: 'logic',
  schema: randomSplitSchema,
  waits: false,
  editor: {
    label: { en: 'Random split', zh: '随机分流' },
    description: { en: 'Splits runs between branches by weight.', zh: '按权重随机分流。' },
    icon: 'shuffle',
    ports: [],
  },
  ports: (config) =>
    config.branches.map((b) => ({ name: b.port, label: { en: b.label ?? b.port, zh: b.label ?? b.port }, required: true })),
  compile: (config) => {
    const problems: NodeProblem[] = [];
    const seen = new Set<string>();
    config.branches.forEach((b, i) => {
      if (seen.has(b.port))
        problems.push({
          field: `/branches/${i}/port`,
          message: { en: `Port name "${b.port}" is already used`, zh: `端口名 "${b.port}" 已被使用` },
        });
      seen.add(b.port);
    });
    return problems;
  },
  run: async (ctx) => {
    const { branches } = ctx.config;
    const total = branches.reduce((sum, b) => sum + (b.weight ?? 50), 0);
    let pick = ctx.random() * total;
    for (const b of branches) {
      pick -= b.weight ?? 50;
      if (pick < 0) return { port: b.port, decision: `drew branch ${b.port}` };
    }
    return { port: (branches[branches.length - 1] as { port: string }).port };
  },
});
