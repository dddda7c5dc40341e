import { Client, type Connection } from '@temporalio/client';
import { kefuDataConverter, parseCodecKeys } from '@kefu/runtime/temporal-codec';

/**
 * A Temporal client with the product's payload codec (its KEFU_TEMPORAL_CODEC_KEYS), for tests that
 * read a run's result or a schedule's arguments: without the codec they are ciphertext.
 */
export function productTemporal(connection: Connection, env: NodeJS.ProcessEnv): Client {
  return new Client({
    connection,
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    dataConverter: kefuDataConverter(parseCodecKeys(env.KEFU_TEMPORAL_CODEC_KEYS!)),
  });
}
