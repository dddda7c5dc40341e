import { describe, expect, it } from 'vitest';
import { checkPassword, DUMMY_HASH, hashPassword } from './password';

/** The part of an argon2 hash that sets its cost: algorithm, version, memory, passes, lanes. */
const cost = (hash: string) => hash.split('$').slice(1, 4).join('$');

describe('passwords', () => {
  it('keeps the dummy hash as costly as a real one, so a missing account verifies as long', async () => {
    expect(cost(DUMMY_HASH)).toBe(cost(await hashPassword('a real password')));
  });

  it('checks a password once against its hash, and never matches without an account', async () => {
    const stored = await hashPassword('correct horse');
    expect(await checkPassword(stored, 'correct horse')).toBe(true);
    expect(await checkPassword(stored, 'wrong horse')).toBe(false);
    expect(await checkPassword(null, 'not a real password, only here to be compared against')).toBe(false);
    expect(await checkPassword('not a hash', 'correct horse')).toBe(false);
  });
});
