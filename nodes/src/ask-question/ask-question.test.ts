import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { askQuestion } from '.';
import { validateAnswer } from './validate-answer';

const base = { question: 'Your email?', answerType: 'email', saveAs: 'email', maxAttempts: 2 };

describe('ask-question', () => {
  it('refuses a choice question with fewer than two choices', () => {
    expect(nodeProblems('ask-question', { ...base, answerType: 'choice', choices: ['Yes'] })).toEqual(nodeCheck('/choices'));
  });
  it('refuses choices on a question that is not a choice', () => {
    expect(nodeProblems('ask-question', { ...base, choices: ['a', 'b'] })).toEqual(nodeCheck('/choices'));
  });

  it('re-asks after a bad answer and stores the good one', async () => {
    const run = await fakeRun(askQuestion, { ...base, retryText: 'Again?', timeoutMinutes: 5 }, { replies: ['nope', 'Mei@Shop.cn'] });
    expect(run.result.port).toBe('answered');
    expect(run.vars.email).toBe('mei@shop.cn');
    expect(run.calls.map((c) => (c.input as { text: string }).text)).toEqual(['Your email?', 'Again?']);
  });
  it('asks the question again in its own words when no retry text is set (no English default slipped in)', async () => {
    const run = await fakeRun(askQuestion, { ...base, question: '请留下您的邮箱' }, { replies: ['不告诉你', 'mei@shop.cn'] });
    expect(run.calls.map((c) => (c.input as { text: string }).text)).toEqual(['请留下您的邮箱', '请留下您的邮箱']);
    expect((askQuestion.schema as { properties: Record<string, object> }).properties.retryText).not.toHaveProperty('default');
  });
  it('gives up after the last attempt', async () => {
    const run = await fakeRun(askQuestion, { ...base, retryText: 'Again?' }, { replies: ['nope', 'still no'] });
    expect(run.result.port).toBe('invalid');
    expect(run.vars.email).toBeUndefined();
  });
  it('times out when no answer comes', async () => {
    const run = await fakeRun(askQuestion, base, { replies: [null] });
    expect(run.result.port).toBe('timeout');
  });

  it('validates each answer type', () => {
    expect(validateAnswer('number', '12,5', [])).toBe(12.5);
    expect(validateAnswer('number', 'twelve', [])).toBeUndefined();
    expect(validateAnswer('phone', '+86 138-0013-8000', [])).toBe('+8613800138000');
    expect(validateAnswer('phone', '12', [])).toBeUndefined();
    expect(validateAnswer('choice', '2', ['Red', 'Blue'])).toBe('Blue');
    expect(validateAnswer('choice', 'blue', ['Red', 'Blue'])).toBe('Blue');
    expect(validateAnswer('choice', 'green', ['Red', 'Blue'])).toBeUndefined();
    expect(validateAnswer('email', 'a@b', [])).toBeUndefined();
    expect(validateAnswer('text', '   ', [])).toBeUndefined();
  });
});
