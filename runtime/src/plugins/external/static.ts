import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/** Serves the built web app (owner console and the customer chat page) from the API's origin. */
export default fp(
  async (app, opts: { root: string }) => {
    await app.register(fastifyStatic, { root: opts.root, prefix: '/', index: ['index.html'] });
  },
  { name: 'static' },
);
