import fp from 'fastify-plugin';
import { Client, Connection } from '@temporalio/client';

declare module 'fastify' {
  interface FastifyInstance {
    temporal: Client;
    taskQueue: string;
  }
}

/** The Temporal client the API starts and signals flow runs with. */
export default fp(
  async (app, opts: { address: string; namespace: string; taskQueue: string }) => {
    const connection = await Connection.connect({ address: opts.address });
    app.decorate('temporal', new Client({ connection, namespace: opts.namespace }));
    app.decorate('taskQueue', opts.taskQueue);
    app.addHook('onClose', async () => {
      await connection.close();
    });
  },
  { name: 'temporal' },
);
