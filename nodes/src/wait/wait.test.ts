import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { wait } from '.';

describe('wait', () => {
  it('refuses a wait longer than 90 days', () => {
    expect(nodeProblems('wait', { amount: 91, unit: 'days' })).toEqual(nodeCheck('/amount'));
  });
  it('sleeps on the durable timer', async () => {
    expect((await fakeRun(wait, { amount: 10, unit: 'minutes' })).slept).toEqual([600_000]);
  });
});
