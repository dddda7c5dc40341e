import { describe, expect, it } from 'vitest';
import { nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { condition } from '.';

const rule = (comparison: Record<string, unknown>) => ({ rule: { all: [comparison] } });
const ruleProblem = (field: string) => [{ code: 'rule-invalid', nodeId: 'n', field }];

describe('condition', () => {
  it('refuses an unknown fact', () => {
    expect(nodeProblems('condition', rule({ fact: 'weather', operator: 'equal', value: 'sunny' }))).toEqual(
      ruleProblem('/rule/all/0/fact'),
    );
  });
  it('refuses an unknown operator', () => {
    expect(nodeProblems('condition', rule({ fact: 'channel', operator: 'regex', value: '.*' }))).toEqual(
      ruleProblem('/rule/all/0/operator'),
    );
  });
  it('refuses a path that is not a plain property path (no JSONPath expressions)', () => {
    const path = '$..[?(@.constructor)]';
    expect(nodeProblems('condition', rule({ fact: 'contact', path, operator: 'equal', value: 1 }))).toEqual(
      ruleProblem('/rule/all/0/path'),
    );
  });
  it('refuses a field the fact does not have', () => {
    expect(nodeProblems('condition', rule({ fact: 'contact', path: '$.shoeSize', operator: 'equal', value: 1 }))).toEqual(
      ruleProblem('/rule/all/0/path'),
    );
  });
  it('refuses a number comparison with text', () => {
    expect(nodeProblems('condition', rule({ fact: 'time', path: '$.hour', operator: 'lessThan', value: 'noon' }))).toEqual(
      ruleProblem('/rule/all/0/value'),
    );
  });
  it('checks nested groups by their full path', () => {
    const config = { rule: { any: [{ all: [{ fact: 'channel', operator: 'nope', value: 'web' }] }] } };
    expect(nodeProblems('condition', config)).toEqual(ruleProblem('/rule/any/0/all/0/operator'));
  });

  it('evaluates json-rules-engine rules over contact tags, attributes and text', async () => {
    const config = {
      rule: {
        all: [
          { fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip' },
          { any: [
            { fact: 'message', path: '$.text', operator: 'containsText', value: 'REFUND' },
            { fact: 'contact', path: '$.attributes.plan', operator: 'equal', value: 'gold' },
          ] },
        ],
      },
    };
    const vip = { contact: { tags: ['vip'], attributes: { plan: 'basic' } }, message: { text: 'refund please' } };
    expect((await fakeRun(condition, config, { facts: vip })).result.port).toBe('true');
    const other = { contact: { tags: [], attributes: { plan: 'gold' } }, message: { text: 'refund' } };
    expect((await fakeRun(condition, config, { facts: other })).result.port).toBe('false');
  });
  it('reads time of day in the workspace time zone', async () => {
    const config = rule({ fact: 'time', path: '$.hour', operator: 'greaterThanInclusive', value: 9 });
    const facts = { workspace: { timeZone: 'Asia/Shanghai' } };
    // 02:00 UTC is 10:00 in Shanghai.
    expect((await fakeRun(condition, config, { facts, now: Date.UTC(2026, 0, 5, 2) })).result.port).toBe('true');
    expect((await fakeRun(condition, config, { facts, now: Date.UTC(2026, 0, 5, 22) })).result.port).toBe('false');
  });
});

describe('condition why-trace', () => {
  it('records the rule as evaluated: each comparison, the value it saw, its result, and the branch not taken', async () => {
    const config = {
      rule: {
        all: [
          { fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip' },
          {
            any: [
              { fact: 'message', path: '$.text', operator: 'containsText', value: 'refund' },
              { fact: 'contact', path: '$.attributes.plan', operator: 'equal', value: 'gold' },
            ],
          },
        ],
      },
    };
    const facts = { contact: { tags: ['new'], attributes: {} }, message: { text: 'refund please' } };
    const { result } = await fakeRun(condition, config, { facts });
    expect(result).toEqual({
      port: 'false',
      decision: 'rule false',
      why: {
        kind: 'condition',
        result: false,
        rule: {
          match: 'all',
          result: false,
          conditions: [
            { fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip', saw: ['new'], result: false },
            {
              match: 'any',
              result: true,
              conditions: [
                { fact: 'message', path: '$.text', operator: 'containsText', value: 'refund', saw: 'refund please', result: true },
                // The contact has no plan: nothing seen.
                { fact: 'contact', path: '$.attributes.plan', operator: 'equal', value: 'gold', result: false },
              ],
            },
          ],
        },
        notTaken: [{ port: 'true', reason: 'rule-false' }],
      },
    });
  });

  it('caps long lists and objects it saw', async () => {
    const tags = Array.from({ length: 40 }, (_, i) => `tag-${i}`);
    const config = rule({ fact: 'contact', path: '$.tags', operator: 'contains', value: 'tag-39' });
    const { result } = await fakeRun(condition, config, { facts: { contact: { tags } } });
    expect(result.port).toBe('true');
    const why = result.why as Extract<typeof result.why, { kind: 'condition' }>;
    expect(why.rule.conditions[0]).toMatchObject({ saw: tags.slice(0, 6), sawMore: 34, result: true });
    expect(why.notTaken).toEqual([{ port: 'false', reason: 'rule-true' }]);
  });
});
