import { describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS, lockDurationMs } from './lockout';

describe('lockDurationMs', () => {
  it('lets the first attempts through', () => {
    for (let n = 0; n < FREE_ATTEMPTS; n++) expect(lockDurationMs(n)).toBe(0);
  });
  it('doubles the lock with each further failure, up to an hour', () => {
    expect(lockDurationMs(FREE_ATTEMPTS)).toBe(60_000);
    expect(lockDurationMs(FREE_ATTEMPTS + 1)).toBe(120_000);
    expect(lockDurationMs(FREE_ATTEMPTS + 3)).toBe(480_000);
    expect(lockDurationMs(FREE_ATTEMPTS + 50)).toBe(3_600_000);
  });
});
