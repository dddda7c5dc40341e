import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';

describe('escalate', () => {
  it('refuses escalating to low priority', () => {
    expect(nodeProblems('escalate', { priority: 'low' })).toEqual(nodeCheck('/priority'));
  });
  it('compiles with its defaults', () => {
    expect(nodeProblems('escalate', {})).toEqual([]);
  });
});
