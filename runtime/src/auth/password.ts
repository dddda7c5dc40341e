import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id, 19 MiB, 2 passes: OWASP's first recommendation.
export async function hashPassword(password: string): Promise<string> {
  return await hash(password);
}

/** False for a wrong password and for a malformed stored hash; never throws. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * Spends the time of one verification on nothing, so a login for an unknown email takes as long
 * as one for a known email with a wrong password (no account enumeration by timing).
 */
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hash('not a real password, only here to be compared against');
  await verifyPassword(await dummy, password);
}
