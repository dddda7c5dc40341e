import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { KefuError } from '../../errors';

/**
 * Per-IP limits on the routes that invite abuse (sign-up, login, password change, widget
 * connections), and per-workspace limits on bulk work (see perWorkspace). Off by default: a route
 * opts in with `config: { rateLimit: { max, timeWindow } }`. The in-memory store is per process;
 * several API processes each count on their own.
 */
export default fp(
  async (app) => {
    await app.register(rateLimit, { global: false });
  },
  { name: 'rate-limit' },
);

/**
 * A limit per workspace for bulk endpoints (imports, exports, bulk changes): one shop's bulk work
 * cannot crowd out the others', and a shop's many staff share one allowance. The access hook has
 * identified the caller before the limit is checked (it runs first, on every route).
 */
export function perWorkspace(what: string, max: number, timeWindow: string) {
  return {
    max,
    timeWindow,
    keyGenerator: (request: FastifyRequest) => request.auth?.workspaceId ?? request.ip,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
      new KefuError(
        'KEFU_ERR_RATE_LIMITED',
        `This workspace has used its ${max} ${what} per ${timeWindow}; try again in ${context.after}`,
      ),
  };
}
