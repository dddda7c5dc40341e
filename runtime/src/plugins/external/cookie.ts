import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';

/** Signed cookies: the session cookie's signature is checked before its token is even looked up. */
export default fp(
  async (app, opts: { secret: Buffer | string }) => {
    await app.register(cookie, { secret: opts.secret as string, parseOptions: {} });
  },
  { name: 'cookie' },
);
