import fp from 'fastify-plugin';
import type { Models } from '../../models';
import { openStore, type StoreConfig } from '../../store';

declare module 'fastify' {
  interface FastifyInstance {
    models: Models;
  }
}

/** One Mongoose connection per API process, closed with the app. */
export default fp(
  async (app, opts: StoreConfig) => {
    const store = await openStore(opts);
    app.decorate('models', store.models);
    app.addHook('onClose', async () => {
      await store.close();
    });
  },
  { name: 'db' },
);
