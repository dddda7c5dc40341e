import { describe, expect, it } from 'vitest';
import { compileFlow } from './compile-flow';
import { draftOf } from '../testing/flow-with';
import type { FlowProblem } from './problem';

const hello = { type: 'send-message', config: { text: 'Hello' } };

function problemsOf(draft: unknown): FlowProblem[] {
  const result = compileFlow(draft);
  if (result.ok) throw new Error('expected problems, the flow compiled');
  return result.problems;
}

/** Names every JavaScript object already has are refused by name, not with a leaked JS error (issue 14). */
describe('reserved names', () => {
  it('refuses a node id that is a JavaScript property name, instead of losing the node', () => {
    for (const id of ['__proto__', 'constructor', 'toString']) {
      const problems = problemsOf(
        draftOf({ [id]: { type: 'conversation-started' }, hello }, [`${id}>hello`]),
      );
      expect(problems, id).toContainEqual(
        expect.objectContaining({
          code: 'draft-shape',
          field: '/nodes/0/id',
          message: expect.objectContaining({ en: expect.stringContaining('reserved name') }),
        }),
      );
    }
  });

  it('refuses a variable named like one', () => {
    const draft = draftOf(
      {
        start: { type: 'conversation-started' },
        set: { type: 'set-variable', config: { name: '__proto__', value: 'x' } },
      },
      ['start>set'],
    );
    expect(problemsOf(draft)).toContainEqual(expect.objectContaining({ nodeId: 'set', field: '/name' }));
  });

  it('calls a prototype name in a rule an unknown fact or operator', () => {
    for (const fact of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const draft = draftOf(
        {
          start: { type: 'conversation-started' },
          check: { type: 'condition', config: { rule: { all: [{ fact, operator: 'equal', value: 1 }] } } },
          yes: hello,
          no: hello,
        },
        ['start>check', 'check.true>yes', 'check.false>no'],
      );
      const problems = problemsOf(draft);
      expect(problems, fact).toContainEqual(
        expect.objectContaining({
          code: 'rule-invalid',
          field: '/rule/all/0/fact',
          message: expect.objectContaining({ en: expect.stringContaining('Unknown fact') }),
        }),
      );
      expect(JSON.stringify(problems)).not.toMatch(/Cannot read|undefined/);
    }
    const badOperator = draftOf(
      {
        start: { type: 'conversation-started' },
        check: {
          type: 'condition',
          config: {
            rule: { all: [{ fact: 'message', path: '$.text', operator: 'constructor', value: 'x' }] },
          },
        },
        yes: hello,
        no: hello,
      },
      ['start>check', 'check.true>yes', 'check.false>no'],
    );
    expect(problemsOf(badOperator)).toContainEqual(
      expect.objectContaining({
        field: '/rule/all/0/operator',
        message: expect.objectContaining({ en: 'Unknown operator "constructor"' }),
      }),
    );
  });
});
