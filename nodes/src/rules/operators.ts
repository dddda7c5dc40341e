import type { LocalText } from '../text';

export type OperatorValue = 'any' | 'number' | 'list' | 'text';

export interface OperatorDeclaration {
  label: LocalText;
  /** What the comparison's `value` must be. */
  value: OperatorValue;
}

/**
 * The operators a rule may use: json-rules-engine's defaults plus two case-insensitive text tests
 * (registered in `evaluate-condition.ts`). No regular-expression operator: an owner's pattern could
 * hang the worker (catastrophic backtracking).
 */
export const RULE_OPERATORS: Readonly<Record<string, OperatorDeclaration>> = {
  equal: { label: { en: 'equals', zh: '等于' }, value: 'any' },
  notEqual: { label: { en: 'does not equal', zh: '不等于' }, value: 'any' },
  lessThan: { label: { en: 'is less than', zh: '小于' }, value: 'number' },
  lessThanInclusive: { label: { en: 'is at most', zh: '小于等于' }, value: 'number' },
  greaterThan: { label: { en: 'is greater than', zh: '大于' }, value: 'number' },
  greaterThanInclusive: { label: { en: 'is at least', zh: '大于等于' }, value: 'number' },
  in: { label: { en: 'is one of', zh: '属于' }, value: 'list' },
  notIn: { label: { en: 'is none of', zh: '不属于' }, value: 'list' },
  contains: { label: { en: 'list contains', zh: '列表包含' }, value: 'any' },
  doesNotContain: { label: { en: 'list does not contain', zh: '列表不包含' }, value: 'any' },
  containsText: { label: { en: 'text contains', zh: '文本包含' }, value: 'text' },
  startsWithText: { label: { en: 'text starts with', zh: '文本开头是' }, value: 'text' },
};

export function textContains(factValue: unknown, jsonValue: unknown): boolean {
  return typeof factValue === 'string' && typeof jsonValue === 'string'
    ? factValue.toLowerCase().includes(jsonValue.toLowerCase())
    : false;
}

export function textStartsWith(factValue: unknown, jsonValue: unknown): boolean {
  return typeof factValue === 'string' && typeof jsonValue === 'string'
    ? factValue.toLowerCase().startsWith(jsonValue.toLowerCase())
    : false;
}
