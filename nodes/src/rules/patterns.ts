import safeRegex from 'safe-regex2';
import type { LocalText } from '../text';

export interface PatternPreset {
  label: LocalText;
  /** A regular expression source; presets are trusted (reviewed here), custom ones are checked. */
  source: string;
}

/**
 * Named patterns owners pick by name. Unanchored, so "message matches order number" finds one in a
 * sentence; an ask step's answer must match as a whole (`answerMatches`). Edit or add presets here:
 * the editor, the compiler and the worker all read this table.
 */
export const PATTERN_PRESETS: Readonly<Record<string, PatternPreset>> = {
  'cn-mobile': {
    label: { en: 'Chinese mobile number', zh: '中国大陆手机号' },
    source: '(?<!\\d)(?:\\+?86[ -]?)?1[3-9]\\d{9}(?!\\d)',
  },
  email: {
    label: { en: 'Email address', zh: '电子邮箱' },
    source: '[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,8}',
  },
  'order-number': {
    label: { en: 'Order number (QY + 8 digits)', zh: '订单号（QY + 8 位数字）' },
    source: '\\bQY\\d{8}\\b',
  },
};

/** How a rule or an ask step names a preset: `preset:<name>`; any other text is a custom expression. */
export const PRESET_PREFIX = 'preset:';

/**
 * Matching reads at most this many characters of the text. The compile check refuses patterns that
 * can backtrack exponentially, but it is a heuristic (star height); the bound keeps what slips
 * through polynomial in a small input rather than open-ended in a 4,000-character message.
 */
export const PATTERN_INPUT_MAX = 500;

const compiled = new Map<string, RegExp | null>();

/** The expression a pattern value stands for, or null when it names no preset or does not parse. */
export function patternRegExp(value: string): RegExp | null {
  let re = compiled.get(value);
  if (re !== undefined) return re;
  const source = value.startsWith(PRESET_PREFIX)
    ? PATTERN_PRESETS[value.slice(PRESET_PREFIX.length)]?.source
    : value;
  try {
    re = source === undefined ? null : new RegExp(source, 'u');
  } catch {
    re = null;
  }
  compiled.set(value, re);
  return re;
}

/** Rule operator `matchesPattern`: somewhere in the (bounded) text. */
export function textMatchesPattern(factValue: unknown, jsonValue: unknown): boolean {
  if (typeof factValue !== 'string' || typeof jsonValue !== 'string') return false;
  return patternRegExp(jsonValue)?.test(factValue.slice(0, PATTERN_INPUT_MAX)) ?? false;
}

/** Ask step: the whole reply must be one match of the pattern. */
export function answerMatches(value: string, reply: string): boolean {
  if (reply.length > PATTERN_INPUT_MAX) return false;
  const re = patternRegExp(value);
  if (!re) return false;
  const match = re.exec(reply);
  return match !== null && match.index === 0 && match[0].length === reply.length;
}

/** Why a pattern value cannot be used, or undefined when it can. */
export function patternProblem(value: unknown): LocalText | undefined {
  if (typeof value !== 'string' || value === '')
    return { en: 'Choose a pattern or write an expression', zh: '请选择模式或填写表达式' };
  if (value.startsWith(PRESET_PREFIX)) {
    const name = value.slice(PRESET_PREFIX.length);
    return Object.hasOwn(PATTERN_PRESETS, name)
      ? undefined
      : {
          en: `Unknown pattern "${name}"; use one of ${Object.keys(PATTERN_PRESETS).join(', ')}`,
          zh: `未知的模式 "${name}"，可用：${Object.keys(PATTERN_PRESETS).join('、')}`,
        };
  }
  if (value.length > 200)
    return { en: 'An expression may have at most 200 characters', zh: '表达式最多 200 个字符' };
  try {
    new RegExp(value, 'u');
  } catch (err) {
    return {
      en: `Not a valid regular expression (${(err as Error).message})`,
      zh: `不是有效的正则表达式（${(err as Error).message}）`,
    };
  }
  if (!safeRegex(value))
    return {
      en: 'This expression can take exponential time on some texts (nested repetition such as (a+)+); rewrite it without a repeated group that itself repeats',
      zh: '此表达式在某些文本上可能耗时呈指数增长（如 (a+)+ 这样的嵌套重复），请改写为不含嵌套重复的形式',
    };
  return undefined;
}
