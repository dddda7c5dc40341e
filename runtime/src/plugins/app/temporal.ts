import fp from 'fastify-plugin';
import { Client, Connection } from '@temporalio/client';
import { AesGcmPayloadCodec, type CodecKey } from '../../privacy/temporal-codec';

declare module 'fastify' {
  interface FastifyInstance {
    temporal: Client;
    taskQueue: string;
    /** The payload codec the client encrypts with; the codec endpoint (routes/temporal-codec) uses it too. */
    temporalCodec: AesGcmPayloadCodec;
  }
}

/** The Temporal client the API starts and signals flow runs with; every payload it sends is encrypted. */
export default fp(
  async (
    app,
    opts: { address: string; namespace: string; taskQueue: string; codecKeys: readonly CodecKey[] },
  ) => {
    const connection = await Connection.connect({ address: opts.address });
    const codec = new AesGcmPayloadCodec(opts.codecKeys);
    app.decorate(
      'temporal',
      new Client({ connection, namespace: opts.namespace, dataConverter: { payloadCodecs: [codec] } }),
    );
    app.decorate('temporalCodec', codec);
    app.decorate('taskQueue', opts.taskQueue);
    app.addHook('onClose', async () => {
      await connection.close();
    });
  },
  { name: 'temporal' },
);
