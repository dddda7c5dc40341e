import { describe, expect, it } from 'vitest';
import { compileFlow } from './compile-flow';
import { draftOf } from '../testing/flow-with';

const start = { type: 'conversation-started' };
const ask = { type: 'ask-question', config: { question: 'Your email?', answerType: 'email', saveAs: 'email' } };
const useEmail = { type: 'send-message', config: { text: 'We will write to {{vars.email}}' } };
const say = { type: 'send-message', config: { text: 'Hi' } };

describe('variable checks', () => {
  it('accepts a variable read after it is set on every path', () => {
    expect(compileFlow(draftOf({ start, ask, useEmail }, ['start>ask', 'ask.answered>useEmail'])).ok).toBe(true);
  });

  it('refuses a variable read on a path where it is not set (the timeout branch)', () => {
    const draft = draftOf({ start, ask, useEmail }, ['start>ask', 'ask.answered>useEmail', 'ask.timeout>useEmail']);
    expect(compileFlow(draft)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'variable-not-set', nodeId: 'useEmail', field: '/text' })],
    });
  });

  it('refuses a variable nothing sets', () => {
    const draft = draftOf({ start, useEmail }, ['start>useEmail']);
    expect(compileFlow(draft)).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({
          code: 'variable-not-set',
          nodeId: 'useEmail',
          field: '/text',
          message: expect.objectContaining({ en: 'Variable "email" is never set' }),
        }),
      ],
    });
  });

  it('counts a declared default as set from the start', () => {
    const draft = { ...draftOf({ start, useEmail }, ['start>useEmail']), variables: [{ name: 'email', default: 'x@y.z' }] };
    const result = compileFlow(draft);
    expect(result.ok && result.flow.variableDefaults).toEqual({ email: 'x@y.z' });
  });

  it('checks variables read by rules', () => {
    const check = {
      type: 'condition',
      config: { rule: { all: [{ fact: 'vars', path: '$.tier', operator: 'equal', value: 'gold' }] } },
    };
    const draft = draftOf({ start, check, a: say, b: say }, ['start>check', 'check.true>a', 'check.false>b']);
    expect(compileFlow(draft)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'variable-not-set', nodeId: 'check', field: '/rule' })],
    });
  });

  it('sees a variable set by set-variable on both branches that meet', () => {
    const setA = { type: 'set-variable', config: { variable: 'tier', value: 'gold' } };
    const setB = { type: 'set-variable', config: { variable: 'tier', value: 'basic' } };
    const route = { type: 'business-hours' };
    const use = { type: 'send-message', config: { text: 'Tier {{vars.tier}}' } };
    const draft = draftOf({ start, route, setA, setB, use }, ['start>route', 'route.open>setA', 'route.closed>setB', 'setA>use', 'setB>use']);
    expect(compileFlow(draft).ok).toBe(true);
  });

  it('refuses a placeholder that names nothing a run has', () => {
    const odd = { type: 'send-message', config: { text: 'Hi {{customer.name}}' } };
    expect(compileFlow(draftOf({ start, odd }, ['start>odd']))).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'unknown-placeholder', nodeId: 'odd', field: '/text' })],
    });
  });
});
