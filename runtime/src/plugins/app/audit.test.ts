import { describe, expect, it } from 'vitest';
import { changedFields } from './audit';

describe('changedFields', () => {
  it('keeps only what changed', () => {
    expect(
      changedFields(
        { name: 'A', roles: ['agent'], disabled: false },
        { name: 'A', roles: ['agent', 'analyst'], disabled: false },
      ),
    ).toEqual({
      before: { roles: ['agent'] },
      after: { roles: ['agent', 'analyst'] },
    });
  });
  it('keeps a whole side for creations and deletions', () => {
    expect(changedFields(null, { email: 'a@b.co' })).toEqual({ before: null, after: { email: 'a@b.co' } });
    expect(changedFields({ email: 'a@b.co' }, null)).toEqual({ before: { email: 'a@b.co' }, after: null });
  });
  it('names a field that appeared or disappeared', () => {
    expect(changedFields({ a: 1 }, { b: 2 })).toEqual({
      before: { a: 1, b: null },
      after: { a: null, b: 2 },
    });
  });
});
