import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { randomSplit } from '.';

const branches = [
  { port: 'a', weight: 20 },
  { port: 'b', weight: 80 },
];

describe('random-split', () => {
  it('refuses two branches with one port name', () => {
    expect(nodeProblems('random-split', { branches: [{ port: 'a', weight: 1 }, { port: 'a', weight: 1 }] })).toEqual(
      nodeCheck('/branches/1/port'),
    );
  });
  it('picks branches in proportion to their weights', async () => {
    expect((await fakeRun(randomSplit, { branches }, { random: [0.19] })).result.port).toBe('a');
    expect((await fakeRun(randomSplit, { branches }, { random: [0.2] })).result.port).toBe('b');
    expect((await fakeRun(randomSplit, { branches }, { random: [0.999] })).result.port).toBe('b');
  });
});
