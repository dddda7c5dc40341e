import type { NodeProblem } from '../define-node';
import type { RuleComparison, RuleCondition } from './rule-schema';
import { PLAIN_PATH, RULE_FACTS } from './facts';
import { RULE_OPERATORS } from './operators';

/** Every comparison of a condition, with its JSON path below `field`. */
export function comparisonsOf(
  condition: RuleCondition,
  field: string,
): { field: string; comparison: RuleComparison }[] {
  const out: { field: string; comparison: RuleComparison }[] = [];
  const walk = (node: unknown, at: string) => {
    if (node === null || typeof node !== 'object') return;
    const group = node as { all?: unknown[]; any?: unknown[] };
    const list = group.all ?? group.any;
    if (Array.isArray(list)) {
      const key = group.all ? 'all' : 'any';
      list.forEach((child, i) => walk(child, `${at}/${key}/${i}`));
    } else out.push({ field: at, comparison: node as RuleComparison });
  };
  walk(condition, field);
  return out;
}

/** Flow variables a condition reads (fact `vars`, first path segment). */
export function variablesRead(condition: RuleCondition): string[] {
  return comparisonsOf(condition, '')
    .filter(
      ({ comparison }) => comparison.fact === 'vars' && comparison.path && PLAIN_PATH.test(comparison.path),
    )
    .map(({ comparison }) => (comparison.path as string).slice(2).split('.')[0] as string);
}

/** Fact names, paths, operators and value types of one condition. */
export function checkCondition(condition: RuleCondition, field: string): NodeProblem[] {
  const problems: NodeProblem[] = [];
  for (const { field: at, comparison } of comparisonsOf(condition, field)) {
    // Own keys only: `toString` or `__proto__` is a key of every object, not a fact.
    const fact = Object.hasOwn(RULE_FACTS, comparison.fact) ? RULE_FACTS[comparison.fact] : undefined;
    if (!fact) {
      problems.push({
        field: `${at}/fact`,
        message: {
          en: `Unknown fact "${comparison.fact}"; use one of ${Object.keys(RULE_FACTS).join(', ')}`,
          zh: `未知的事实 "${comparison.fact}"，可用：${Object.keys(RULE_FACTS).join('、')}`,
        },
      });
    } else problems.push(...checkPath(fact.paths, comparison.path, `${at}/path`));
    const operator = Object.hasOwn(RULE_OPERATORS, comparison.operator)
      ? RULE_OPERATORS[comparison.operator]
      : undefined;
    if (!operator) {
      problems.push({
        field: `${at}/operator`,
        message: {
          en: `Unknown operator "${comparison.operator}"`,
          zh: `未知的运算符 "${comparison.operator}"`,
        },
      });
      continue;
    }
    const value = comparison.value;
    const fits =
      operator.value === 'any' ||
      (operator.value === 'number' && typeof value === 'number') ||
      (operator.value === 'list' && Array.isArray(value)) ||
      (operator.value === 'text' && typeof value === 'string');
    if (!fits)
      problems.push({
        field: `${at}/value`,
        message: {
          en: `"${operator.label.en}" needs ${VALUE_WORDS[operator.value].en}`,
          zh: `“${operator.label.zh}”需要${VALUE_WORDS[operator.value].zh}`,
        },
      });
    else {
      const problem = operator.check?.(value);
      if (problem) problems.push({ field: `${at}/value`, message: problem });
    }
  }
  return problems;
}

const VALUE_WORDS = {
  any: { en: 'a value', zh: '一个值' },
  number: { en: 'a number', zh: '数字' },
  list: { en: 'a list of values', zh: '值列表' },
  text: { en: 'text', zh: '文本' },
} as const;

function checkPath(
  paths: readonly string[] | 'variable' | null,
  path: string | undefined,
  field: string,
): NodeProblem[] {
  if (path === undefined) {
    if (paths === null) return [];
    return [
      { field, message: { en: 'Choose which field of this fact to compare', zh: '请选择要比较的字段' } },
    ];
  }
  if (!PLAIN_PATH.test(path))
    return [
      {
        field,
        message: {
          en: 'A field must be a plain path like $.name or $.attributes.plan',
          zh: '字段必须是简单路径，如 $.name 或 $.attributes.plan',
        },
      },
    ];
  if (paths === null) return [{ field, message: { en: 'This fact has no fields', zh: '此事实没有字段' } }];
  const segments = path.slice(2).split('.');
  const first = segments[0] as string;
  if (paths === 'variable') return [];
  const deep = first === 'attributes';
  if (!paths.includes(first) || (!deep && segments.length > 1) || (deep && segments.length < 2))
    return [
      {
        field,
        message: {
          en: `Unknown field "${path}"; use ${paths.map((p) => (p === 'attributes' ? '$.attributes.<name>' : `$.${p}`)).join(', ')}`,
          zh: `未知字段 "${path}"`,
        },
      },
    ];
  return [];
}
