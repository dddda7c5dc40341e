import { randomBytes } from 'node:crypto';

/** A visitor id the server chooses (for a visitor who must start afresh): 128 random bits, as the widget's own. */
export function newVisitorId(): string {
  return randomBytes(16).toString('base64url');
}
