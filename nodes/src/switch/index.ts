import { defineNode, type NodeProblem } from '../define-node';
import { evaluateCondition, ruleFacts } from '../rules';
import { switchSchema, type SwitchConfig } from './schema';

const DEFAULT_PORT = { name: 'default', label: { en: 'otherwise', zh: '其他' }, required: true } as const;

/** Takes the port of the first case whose rule matches, or `default`. */
export const switchNode = defineNode<SwitchConfig, string>({
  kind: 'switch',
  category: 'logic',
  schema: switchSchema,
  waits: false,
  editor: {
    label: { en: 'Switch', zh: '多路分支' },
    description: { en: 'One branch per case, checked in order.', zh: '每种情况一个分支，按顺序判断。' },
    icon: 'split',
    ports: [DEFAULT_PORT],
  },
  ports: (config) => [
    ...config.cases.map((c) => ({ name: c.port, label: { en: c.label, zh: c.label }, required: true })),
    DEFAULT_PORT,
  ],
  rules: (config) => config.cases.map((c, i) => ({ field: `/cases/${i}/when`, condition: c.when })),
  compile: (config) => {
    const problems: NodeProblem[] = [];
    const seen = new Set<string>();
    config.cases.forEach((c, i) => {
      if (c.port === DEFAULT_PORT.name || seen.has(c.port))
        problems.push({
          field: `/cases/${i}/port`,
          message: { en: `Port name "${c.port}" is already used`, zh: `端口名 "${c.port}" 已被使用` },
        });
      seen.add(c.port);
    });
    return problems;
  },
  run: async (ctx) => {
    const facts = ruleFacts({ facts: ctx.facts, vars: ctx.vars, now: ctx.now() });
    for (const c of ctx.config.cases) {
      if (await evaluateCondition(c.when, facts, ctx.now()))
        return { port: c.port, decision: `case "${c.label}"` };
    }
    return { port: DEFAULT_PORT.name, decision: 'no case matched' };
  },
});
