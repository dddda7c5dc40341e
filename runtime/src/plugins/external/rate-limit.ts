import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';

/**
 * Per-IP limits on the routes that invite abuse (sign-up, login, password change, widget
 * connections). Off by default: a route opts in with `config: { rateLimit: { max, timeWindow } }`.
 * The in-memory store is per process; several API processes each count on their own.
 */
export default fp(
  async (app) => {
    await app.register(rateLimit, { global: false });
  },
  { name: 'rate-limit' },
);
