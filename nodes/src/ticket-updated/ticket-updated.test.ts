import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { ticketUpdated } from '.';

describe('ticket-updated', () => {
  it('refuses a status filter when status changes are not watched', () => {
    expect(nodeProblems('ticket-updated', { fields: ['priority'], toStatus: 'solved' })).toEqual(nodeCheck('/toStatus'));
  });
  it('starts on a resolution only', () => {
    const matches = ticketUpdated.trigger?.matches;
    const config = { fields: [], toStatus: 'solved' as const };
    expect(matches?.(config, { changed: ['status'], ticket: { status: 'solved' } })).toBe(true);
    expect(matches?.(config, { changed: ['priority'], ticket: { status: 'solved' } })).toBe(false);
    expect(matches?.(config, { changed: ['status'], ticket: { status: 'pending' } })).toBe(false);
  });
});
