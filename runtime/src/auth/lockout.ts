/** Failed logins allowed before the account is locked for a while. */
export const FREE_ATTEMPTS = 5;
const BASE_MS = 60_000;
const MAX_MS = 60 * 60_000;
/** Failures count as "in a row" while the next comes within this long of the last (or of the lock's end). */
export const FAILURE_WINDOW_MS = 60 * 60_000;

/**
 * How long an email stays locked (account or not) after its `failed`-th failed login in a row: nothing for the
 * first few, then one minute, doubling each further failure, capped at an hour.
 */
export function lockDurationMs(failed: number): number {
  if (failed < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_MS, BASE_MS * 2 ** (failed - FREE_ATTEMPTS));
}
