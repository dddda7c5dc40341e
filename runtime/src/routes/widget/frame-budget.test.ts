import { describe, expect, it } from 'vitest';
import { frameBudget } from './frame-budget';

describe('frameBudget', () => {
  it('allows the budget per window, refuses the rest, and refills with the next window', () => {
    let t = 0;
    const budget = frameBudget(3, 1000, () => t);
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
    t = 999;
    expect(budget.take()).toBe(false);
    t = 1000;
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
  });
});
