import { describe, expect, it } from 'vitest';
import { nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { condition } from '../condition';

const now = Date.UTC(2026, 11, 7, 8);
const days = (n: number) => new Date(now - n * 86_400_000).toISOString();
const rule = (operator: string, value: unknown) => ({
  rule: { all: [{ fact: 'vars', path: '$.orderPlacedAt', operator, value }] },
});
const port = async (operator: string, value: unknown, orderPlacedAt: unknown) =>
  (await fakeRun(condition, rule(operator, value), { now, vars: { orderPlacedAt } })).result.port;

describe('date age operators', () => {
  it('tells an order placed more than 7 days ago from a recent one', async () => {
    expect(await port('olderThanDays', 7, days(8))).toBe('true');
    expect(await port('olderThanDays', 7, days(6))).toBe('false');
    expect(await port('withinDays', 7, days(6))).toBe('true');
    expect(await port('withinDays', 7, days(8))).toBe('false');
  });
  it('measures hours, and reads epoch milliseconds too', async () => {
    expect(await port('olderThanHours', 2, now - 3 * 3_600_000)).toBe('true');
    expect(await port('withinHours', 2, now - 3 * 3_600_000)).toBe('false');
  });
  it('is false for a value that is not a date', async () => {
    expect(await port('olderThanDays', 7, 'last week')).toBe('false');
    expect(await port('withinDays', 7, undefined)).toBe('false');
  });
  it('needs a number of days: a compile problem naming the node and the rule value', () => {
    const config = {
      rule: {
        all: [
          { fact: 'contact', path: '$.attributes.lastOrderAt', operator: 'olderThanDays', value: 'seven' },
        ],
      },
    };
    expect(nodeProblems('condition', config)).toEqual([
      { code: 'rule-invalid', nodeId: 'n', field: '/rule/all/0/value' },
    ]);
  });
});
