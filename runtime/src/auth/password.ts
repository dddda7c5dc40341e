import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id, 19 MiB, 2 passes: OWASP's first recommendation.
export async function hashPassword(password: string): Promise<string> {
  return await hash(password);
}

/**
 * What a sign-in without an account verifies against: a hash made with the same defaults as
 * hashPassword (password.test.ts keeps them equal), fixed so no request pays for making it.
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$vm1qW+Uq9cqMMoZ3eV0nSg$vW+gXk6npS0qNKhw5lFr7j0R4TI+LtDIVT7cU3zyDns';

/**
 * Exactly one verification whatever `stored` is: with no account (null) the password is checked
 * against DUMMY_HASH and the answer is false, so an unknown email costs what a wrong password
 * costs (no account enumeration by timing). False also for a malformed stored hash; never throws.
 */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  try {
    const matches = await verify(stored ?? DUMMY_HASH, password);
    return stored !== null && matches;
  } catch {
    return false;
  }
}
