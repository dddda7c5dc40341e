import type { FieldProblem } from './validate';

/**
 * Control characters text may not hold: C0 except tab, line feed and carriage return (which free
 * text such as a message or an article needs), DEL and C1. NUL in particular cannot be stored (a
 * key with NUL failed in the database driver and answered 500), and the others are invisible in
 * the console and in exports.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const VALUE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A key is a name, never free text: no control character at all, tab and line breaks included. */
// eslint-disable-next-line no-control-regex -- as above
const KEY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** Half of a UTF-16 pair without its other half: no character at all; the driver stored U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const UNPRINTABLE = new RegExp(`${KEY_CONTROL.source}|${LONE_SURROGATE.source}`, 'g');

/**
 * Keys JavaScript objects already have machinery under: stored as a key they were dropped without
 * a word, or reached the prototype. Refused anywhere in client input (flow.ts RESERVED_NAMES has
 * the longer list for names a flow resolves by lookup).
 */
export const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * One line of text (a name, a tag, a subject): tab and line breaks, which `unsafeTextProblem`
 * lets through for free text, are refused here. validate.ts names the problem in words.
 */
export const ONE_LINE_PATTERN = '^[^\\t\\n\\r]*$';
export const oneLine = (minLength: number, maxLength: number) =>
  ({ type: 'string', minLength, maxLength, pattern: ONE_LINE_PATTERN }) as const;

/**
 * The first string or object key in a parsed JSON value that text may not be: control characters,
 * a lone surrogate, a reserved key. Returns the problem with the JSON path of the field (`/a/0/b`),
 * or null. One check for every request body, querystring and widget frame, so no route can forget
 * it. Walks with its own stack: a deeply nested body cannot overflow the call stack.
 */
export function unsafeTextProblem(value: unknown): FieldProblem | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current, VALUE_CONTROL);
      if (problem) return { field: path, keyword: 'text', message: problem };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: `${path}/${i}` });
    } else if (typeof current === 'object' && current !== null) {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const field = `${path}/${visible(key)}`;
        if ((RESERVED_KEYS as readonly string[]).includes(key))
          return { field, keyword: 'key', message: `"${key}" is a reserved name; choose another key` };
        const problem = textProblem(key, KEY_CONTROL);
        if (problem) return { field, keyword: 'key', message: `the key ${problem}` };
        stack.push({ value: (current as Record<string, unknown>)[key], path: field });
      }
    }
  }
  return null;
}

/** What `cleanText` did to a text: how many characters it removed or replaced. */
export interface Cleaned {
  text: string;
  changed: number;
}

const VALUE_CONTROL_ALL = new RegExp(VALUE_CONTROL.source, 'g');
const LINE_BREAKS = /[\t\n\r]+/g;
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * Text from outside that must be kept even when it holds what `unsafeTextProblem` refuses (a
 * customer's mail: refusing it would lose it): control characters removed, a lone surrogate
 * replaced by U+FFFD, and for one line (a subject, a name) tab and line breaks made a space. The
 * result passes `unsafeTextProblem`; `changed` says how many characters it took out or replaced,
 * so the caller can log that it cleaned something.
 */
export function cleanText(text: string, oneLine = false): Cleaned {
  let changed = 0;
  const count = (replacement: string) => (found: string) => {
    changed += found.length;
    return replacement;
  };
  let cleaned = text.replace(LONE_SURROGATE_ALL, count('\uFFFD')).replace(VALUE_CONTROL_ALL, count(''));
  if (oneLine) cleaned = cleaned.replace(LINE_BREAKS, count(' '));
  return { text: cleaned, changed };
}

/** At most `max` UTF-16 units, ending in "…" when cut, never between the two halves of a pair. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
  return `${text.slice(0, end)}…`;
}

function textProblem(text: string, control: RegExp): string | null {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `must be valid Unicode: it holds a lone surrogate (${codePoint(surrogate[0])})`;
  const bad = control.exec(text);
  if (bad) return `must not contain control characters (found ${codePoint(bad[0])})`;
  return null;
}

function codePoint(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A key as a field path shows it: what cannot be printed is written as \uXXXX. */
function visible(key: string): string {
  return key.replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
