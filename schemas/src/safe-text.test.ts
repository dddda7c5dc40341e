import { describe, expect, it } from 'vitest';
import { cleanText, truncateText, unsafeTextProblem } from './safe-text';

describe('unsafeTextProblem', () => {
  it('lets ordinary text through, tabs and line breaks in values and emoji included', () => {
    expect(
      unsafeTextProblem({
        text: 'Hi,\n\tthere\r\n',
        name: 'Zoë 🎉',
        n: 1,
        ok: true,
        none: null,
        list: ['a', '=1'],
      }),
    ).toBeNull();
    expect(unsafeTextProblem({ '🎉 party': 'yes', 'plan tier': '-5' })).toBeNull();
  });

  it('names the value that holds NUL, another control character or a lone surrogate', () => {
    expect(unsafeTextProblem({ a: { b: ['ok', 'x\u0000y'] } })).toMatchObject({
      field: '/a/b/1',
      message: expect.stringContaining('U+0000'),
    });
    expect(unsafeTextProblem({ name: 'bell\u0007' })).toMatchObject({ field: '/name' });
    expect(unsafeTextProblem({ name: 'c1\u0085' })).toMatchObject({ field: '/name' });
    expect(unsafeTextProblem({ name: 'half \uD83D pair' })).toMatchObject({
      field: '/name',
      message: expect.stringContaining('lone surrogate (U+D83D)'),
    });
    expect(unsafeTextProblem({ name: 'low \uDE00 alone' })).toMatchObject({ field: '/name' });
    expect(unsafeTextProblem('top\u001b[31m')).toMatchObject({ field: '' });
  });

  it('names a key with any control character (tab and line feed too) as the key would be written', () => {
    expect(unsafeTextProblem({ attributes: { 'a\u0000b': 1 } })).toMatchObject({
      field: '/attributes/a\\u0000b',
      message: expect.stringMatching(/^the key must not contain control characters/),
    });
    expect(unsafeTextProblem({ attributes: { 'two\nlines': 1 } })).toMatchObject({
      field: '/attributes/two\\u000alines',
    });
    expect(unsafeTextProblem({ attributes: { '\uD800': 1 } })).toMatchObject({
      field: '/attributes/\\ud800',
    });
  });

  it('refuses the keys JavaScript objects keep their machinery under', () => {
    for (const key of ['__proto__', 'constructor', 'prototype'])
      expect(unsafeTextProblem(JSON.parse(`{"attributes":{"${key}":"x"}}`))).toMatchObject({
        field: `/attributes/${key}`,
        message: `"${key}" is a reserved name; choose another key`,
      });
    expect(unsafeTextProblem({ attributes: { toString: 'fine as data' } })).toBeNull();
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeTextProblem(deep)?.field).toMatch(/^(\/0){100000}$/);
  });
});

describe('cleanText', () => {
  it('removes control characters and replaces lone surrogates, so the text passes the check', () => {
    const dirty = 'a\u0000b\u0007c\u0085 \uD83D half, \uDE00 low, 🎉 kept\r\n\tindented';
    const { text, changed } = cleanText(dirty);
    expect(text).toBe('abc \uFFFD half, \uFFFD low, 🎉 kept\r\n\tindented');
    expect(changed).toBe(5);
    expect(unsafeTextProblem({ text })).toBeNull();
  });

  it('makes one line of a subject or a name, and leaves clean text alone', () => {
    expect(cleanText('Re: my\r\n order\u0000', true)).toEqual({ text: 'Re: my  order', changed: 3 });
    expect(cleanText('Where is my order? 我的订单')).toEqual({
      text: 'Where is my order? 我的订单',
      changed: 0,
    });
  });
});

describe('truncateText', () => {
  it('cuts with an ellipsis, never between the halves of a pair', () => {
    expect(truncateText('abcdef', 6)).toBe('abcdef');
    expect(truncateText('abcdef', 4)).toBe('abc…');
    const cut = truncateText('ab🎉cd', 4);
    expect(cut).toBe('ab…');
    expect(unsafeTextProblem({ cut })).toBeNull();
  });
});
