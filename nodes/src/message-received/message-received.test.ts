import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { keywordsMatch, messageReceived } from '.';

describe('message-received', () => {
  it('compiles with keywords', () => {
    expect(nodeProblems('message-received', { keywords: ['refund'], match: 'exact' })).toEqual([]);
  });
  it('refuses exact match without keywords', () => {
    expect(nodeProblems('message-received', { match: 'exact' })).toEqual(nodeCheck('/keywords'));
  });
  it('filters messages by keyword and channel', () => {
    const matches = messageReceived.trigger?.matches;
    expect(matches?.({ channels: [], keywords: ['refund', 'return'], match: 'any' }, { message: { text: 'I want a REFUND' } })).toBe(true);
    expect(keywordsMatch({ channels: [], keywords: ['refund', 'return'], match: 'all' }, 'refund please')).toBe(false);
    expect(keywordsMatch({ channels: [], keywords: ['hi'], match: 'exact' }, ' Hi ')).toBe(true);
    expect(matches?.({ channels: ['email'], keywords: [], match: 'any' }, { channel: 'web', message: { text: 'x' } })).toBe(false);
  });
});
