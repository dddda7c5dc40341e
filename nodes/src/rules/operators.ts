import type { LocalText } from '../text';
import { patternProblem } from './patterns';

export type OperatorValue = 'any' | 'number' | 'list' | 'text';

export interface OperatorDeclaration {
  label: LocalText;
  /** What the comparison's `value` must be. */
  value: OperatorValue;
  /** Checks on the value beyond its type, for the compiler (a pattern that could hang the worker). */
  check?: (value: unknown) => LocalText | undefined;
  /** The editor draws the value as a pattern picker (presets by name, or an expression). */
  input?: 'pattern';
  /** The value is a count of days or hours before now (`ageOperators`). */
  age?: 'days' | 'hours';
}

/**
 * The operators a rule may use: json-rules-engine's defaults plus our own (registered in
 * `evaluate-condition.ts`): two case-insensitive text tests, pattern matching (presets or an
 * expression the compiler has checked for catastrophic backtracking, on a bounded input,
 * `patterns.ts`) and the age of a date (`date-age.ts`).
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
  matchesPattern: {
    label: { en: 'matches pattern', zh: '匹配模式' },
    value: 'text',
    input: 'pattern',
    check: patternProblem,
  },
  notMatchesPattern: {
    label: { en: 'does not match pattern', zh: '不匹配模式' },
    value: 'text',
    input: 'pattern',
    check: patternProblem,
  },
  olderThanDays: {
    label: { en: 'is more than … days ago', zh: '距今超过（天）' },
    value: 'number',
    age: 'days',
  },
  withinDays: {
    label: { en: 'is within the last … days', zh: '距今不超过（天）' },
    value: 'number',
    age: 'days',
  },
  olderThanHours: {
    label: { en: 'is more than … hours ago', zh: '距今超过（小时）' },
    value: 'number',
    age: 'hours',
  },
  withinHours: {
    label: { en: 'is within the last … hours', zh: '距今不超过（小时）' },
    value: 'number',
    age: 'hours',
  },
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
