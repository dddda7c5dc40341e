import fp from 'fastify-plugin';
import { deriveKey } from '../../auth/tokens';
import { signVisitorToken, verifyVisitorToken, type VisitorClaims } from '../../auth/visitor-token';

export interface VisitorTokens {
  issue(claims: VisitorClaims, visitorId: string): string;
  /** The workspace and contact a token binds, or null when it is forged, altered or another visitor's. */
  check(token: string, visitorId: string): VisitorClaims | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    visitorTokens: VisitorTokens;
  }
}

/** Widget visitors' tokens, signed with a key of their own derived from the app secret. */
export default fp(
  async (app, opts: { secret: string }) => {
    const key = deriveKey(opts.secret, 'visitor-token');
    app.decorate('visitorTokens', {
      issue: (claims, visitorId) => signVisitorToken(key, claims, visitorId),
      check: (token, visitorId) => verifyVisitorToken(key, token, visitorId),
    } satisfies VisitorTokens);
  },
  { name: 'visitor-tokens' },
);
