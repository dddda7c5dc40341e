import { describe, expect, it } from 'vitest';
import { nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { condition } from '../condition';
import { askQuestion } from '../ask-question';
import { PATTERN_INPUT_MAX, answerMatches, patternProblem, textMatchesPattern } from './patterns';

const rule = (operator: string, value: unknown) => ({
  rule: { all: [{ fact: 'message', path: '$.text', operator, value }] },
});

describe('matches pattern', () => {
  it('finds each preset in a sentence', () => {
    expect(textMatchesPattern('我的手机 13800138000 谢谢', 'preset:cn-mobile')).toBe(true);
    expect(textMatchesPattern('call +86 13800138000', 'preset:cn-mobile')).toBe(true);
    expect(textMatchesPattern('12345678901', 'preset:cn-mobile')).toBe(false);
    expect(textMatchesPattern('order QY12345678 late', 'preset:order-number')).toBe(true);
    expect(textMatchesPattern('order QY1234567 late', 'preset:order-number')).toBe(false);
    expect(textMatchesPattern('write to mei@shop.cn', 'preset:email')).toBe(true);
  });
  it('asks an ask-step answer to match as a whole', () => {
    expect(answerMatches('preset:order-number', 'QY12345678')).toBe(true);
    expect(answerMatches('preset:order-number', 'it is QY12345678')).toBe(false);
    expect(answerMatches('^[A-Z]{2}\\d+$', 'AB12')).toBe(true);
  });
  it('reads no more than the bound of a long text', () => {
    const far = `${'x'.repeat(PATTERN_INPUT_MAX)} QY12345678`;
    expect(textMatchesPattern(far, 'preset:order-number')).toBe(false);
  });
  it('refuses catastrophic, broken and unknown patterns', () => {
    expect(patternProblem('(a+)+$')?.en).toMatch(/exponential/);
    expect(patternProblem('([a-z]*)*@')?.en).toMatch(/exponential/);
    expect(patternProblem('(abc')?.en).toMatch(/valid regular expression/);
    expect(patternProblem('preset:zip')?.en).toMatch(/Unknown pattern/);
    expect(patternProblem('^QY\\d{8}$')).toBeUndefined();
    expect(patternProblem('preset:cn-mobile')).toBeUndefined();
  });

  it('is a compile problem naming the condition node and the rule value', () => {
    expect(nodeProblems('condition', rule('matchesPattern', '(a+)+$'))).toEqual([
      { code: 'rule-invalid', nodeId: 'n', field: '/rule/all/0/value' },
    ]);
    expect(nodeProblems('condition', rule('notMatchesPattern', 'preset:nope'))).toEqual([
      { code: 'rule-invalid', nodeId: 'n', field: '/rule/all/0/value' },
    ]);
    expect(nodeProblems('condition', rule('matchesPattern', 'preset:order-number'))).toEqual([]);
  });
  it('is a compile problem naming the ask node and its pattern field', () => {
    const ask = { question: 'Order number?', saveAs: 'order', answerType: 'pattern' };
    expect(nodeProblems('ask-question', { ...ask, pattern: '(a|b+)+x' })).toEqual([
      { code: 'node-check', nodeId: 'n', field: '/pattern' },
    ]);
    expect(nodeProblems('ask-question', ask)).toEqual([
      { code: 'node-check', nodeId: 'n', field: '/pattern' },
    ]);
    expect(nodeProblems('ask-question', { ...ask, pattern: 'preset:order-number' })).toEqual([]);
  });

  it('decides a condition by pattern', async () => {
    const config = rule('matchesPattern', 'preset:order-number');
    const facts = (text: string) => ({ facts: { message: { text } } });
    expect((await fakeRun(condition, config, facts('where is QY20261207?'))).result.port).toBe('true');
    expect((await fakeRun(condition, config, facts('where is my order?'))).result.port).toBe('false');
    const not = rule('notMatchesPattern', 'preset:order-number');
    expect((await fakeRun(condition, not, facts('where is my order?'))).result.port).toBe('true');
  });
  it('re-asks until the answer matches the pattern', async () => {
    const config = {
      question: 'Order number?',
      saveAs: 'order',
      answerType: 'pattern',
      pattern: 'preset:order-number',
    };
    const run = await fakeRun(askQuestion, config, { replies: ['my order', ' QY12345678 '] });
    expect(run.result.port).toBe('answered');
    expect(run.vars.order).toBe('QY12345678');
  });
});
