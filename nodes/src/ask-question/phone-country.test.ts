import { describe, expect, it } from 'vitest';
import { nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { askQuestion } from '.';
import { validateAnswer } from './validate-answer';

const ask = { question: 'Your phone?', saveAs: 'phone', answerType: 'phone', maxAttempts: 2 };

describe('phone answers by country', () => {
  it('takes a number valid in the country and stores it in E.164', () => {
    expect(validateAnswer('phone', '138 0013 8000', [], { country: 'CN' })).toBe('+8613800138000');
    expect(validateAnswer('phone', '(201) 555-0123', [], { country: 'US' })).toBe('+12015550123');
    expect(validateAnswer('phone', '020 7946 0958', [], { country: 'GB' })).toBe('+442079460958');
  });
  it('refuses a number of another country, or one that is no number there', () => {
    expect(validateAnswer('phone', '+44 20 7946 0958', [], { country: 'CN' })).toBeUndefined();
    expect(validateAnswer('phone', '12345678', [], { country: 'CN' })).toBeUndefined();
    expect(validateAnswer('phone', '138 0013 8000', [], { country: 'US' })).toBeUndefined();
  });
  it("reads numbers as the workspace's country, else as Chinese ones", async () => {
    const us = await fakeRun(askQuestion, ask, {
      replies: ['(201) 555-0123'],
      facts: { workspace: { country: 'US' } },
    });
    expect(us.vars.phone).toBe('+12015550123');
    const cn = await fakeRun(askQuestion, ask, { replies: ['555-0123', '13800138000'] });
    expect(cn.result.port).toBe('answered');
    expect(cn.vars.phone).toBe('+8613800138000');
    const step = await fakeRun(
      askQuestion,
      { ...ask, country: 'GB' },
      { replies: ['020 7946 0958'], facts: { workspace: { country: 'US' } } },
    );
    expect(step.vars.phone).toBe('+442079460958');
  });
  it('is a compile problem naming the node and field: an unknown country, or a country on a non-phone answer', () => {
    expect(nodeProblems('ask-question', { ...ask, country: 'XX' })).toEqual([
      { code: 'node-check', nodeId: 'n', field: '/country' },
    ]);
    expect(nodeProblems('ask-question', { ...ask, answerType: 'text', country: 'CN' })).toEqual([
      { code: 'node-check', nodeId: 'n', field: '/country' },
    ]);
    expect(nodeProblems('ask-question', { ...ask, country: 'cn' })).toEqual([
      { code: 'config-invalid', nodeId: 'n', field: '/country' },
    ]);
  });
});
