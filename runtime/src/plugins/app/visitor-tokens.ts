import fp from 'fastify-plugin';
import { deriveKey } from '../../auth/tokens';
import {
  signVisitorToken,
  verifyVisitorToken,
  type VisitorClaims,
  type VisitorTokenCheck,
} from '../../auth/visitor-token';

export interface VisitorTokens {
  /** A token for this visitor, valid for the configured lifetime unless `expiresAt` says otherwise. */
  issue(claims: VisitorClaims, visitorId: string, expiresAt?: Date): string;
  /** The workspace and contact a token binds, or why it binds nothing (forged, altered, another visitor's, expired). */
  check(token: string, visitorId: string): VisitorTokenCheck;
  /** How long a token lasts; every session frame carries a fresh one. */
  readonly lifetimeMs: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    visitorTokens: VisitorTokens;
  }
}

/** Widget visitors' tokens, signed with a key of their own derived from the app secret. */
export default fp(
  async (app, opts: { secret: string; lifetimeDays: number }) => {
    const key = deriveKey(opts.secret, 'visitor-token');
    const lifetimeMs = opts.lifetimeDays * 86_400_000;
    if (!(lifetimeMs > 0))
      throw new Error(`Visitor token lifetime must be positive: ${opts.lifetimeDays} days`);
    app.decorate('visitorTokens', {
      issue: (claims, visitorId, expiresAt = new Date(Date.now() + lifetimeMs)) =>
        signVisitorToken(key, claims, visitorId, expiresAt),
      check: (token, visitorId) => verifyVisitorToken(key, token, visitorId),
      lifetimeMs,
    } satisfies VisitorTokens);
  },
  { name: 'visitor-tokens' },
);
