import { WHY_LIMITS, cutText, type NotTaken, type StepWhy } from '@kefu/schemas';
import { defineNode, type NodeProblem } from '../define-node';
import { evaluateRule, ruleFacts } from '../rules';
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
    // Cases are checked in order until one matches, as before; the trace records each checked one.
    const budget = { comparisons: WHY_LIMITS.comparisons };
    const cases: SwitchWhy['cases'] = [];
    let taken: (typeof ctx.config.cases)[number] | undefined;
    for (const c of ctx.config.cases) {
      const label = cutText(c.label);
      if (taken) {
        cases.push({ port: c.port, label, result: null });
        continue;
      }
      const { matched, trace } = await evaluateRule(c.when, facts, ctx.now(), budget);
      // A case past the budget keeps its result without its comparisons.
      cases.push({
        port: c.port,
        label,
        result: matched,
        ...(trace.conditions.length ? { rule: trace } : {}),
      });
      if (matched) taken = c;
    }
    const notTaken: NotTaken[] = cases
      .filter((c) => c.port !== taken?.port)
      .map((c) => ({ port: c.port, reason: c.result === null ? 'earlier-case-matched' : 'rule-false' }));
    if (taken) notTaken.push({ port: DEFAULT_PORT.name, reason: 'a-case-matched' });
    const why: SwitchWhy = { kind: 'switch', cases, notTaken };
    return taken
      ? { port: taken.port, decision: `case "${taken.label}"`, why }
      : { port: DEFAULT_PORT.name, decision: 'no case matched', why };
  },
});

type SwitchWhy = Extract<StepWhy, { kind: 'switch' }>;
