import fp from 'fastify-plugin';
import mongoose from 'mongoose';
import { createModels, ensureIndexes, type Models } from '../../models';

declare module 'fastify' {
  interface FastifyInstance {
    models: Models;
  }
}

/** One Mongoose connection per API process, closed with the app. */
export default fp(
  async (app, opts: { mongoUri: string }) => {
    const conn = await mongoose.createConnection(opts.mongoUri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    const models = createModels(conn);
    await ensureIndexes(models);
    app.decorate('models', models);
    app.addHook('onClose', async () => {
      await conn.close();
    });
  },
  { name: 'db' },
);
