import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { setVariable } from '.';

describe('set-variable', () => {
  it('refuses a literal that is not a number when storing a number', () => {
    expect(nodeProblems('set-variable', { variable: 'n', value: 'ten', valueType: 'number' })).toEqual(nodeCheck('/value'));
  });
  it('refuses a literal that is not true or false when storing a boolean', () => {
    expect(nodeProblems('set-variable', { variable: 'b', value: 'yes', valueType: 'boolean' })).toEqual(nodeCheck('/value'));
  });
  it('stores a rendered, typed value', async () => {
    const run = await fakeRun(setVariable, { variable: 'n', value: '{{contact.orders}}', valueType: 'number' }, {
      facts: { contact: { orders: 7 } },
    });
    expect(run.vars.n).toBe(7);
  });
});
