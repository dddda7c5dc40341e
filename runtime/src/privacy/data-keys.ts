import { newDataKey, parseDataKeys, type DataKeyring } from './field-crypto';

/**
 * The process's data keys. One per process, not per connection: Mongoose's schemas (and so the
 * hooks that seal and open fields) are shared by every connection of the process. The API and the
 * worker install theirs from configuration when they open the store.
 */
let installed: DataKeyring | null = null;
let forTests: DataKeyring | null = null;

export function installDataKeys(ring: DataKeyring): void {
  installed = ring;
}

export function dataKeys(): DataKeyring {
  if (installed) return installed;
  // A test that opens a store without configuring keys gets keys of its own process (Vitest runs
  // each test file in its own worker), as it gets a throw-away database.
  if (process.env.VITEST) return (forTests ??= generatedDataKeys());
  throw new Error('No data keys: set KEFU_DATA_KEYS and KEFU_DATA_INDEX_KEY (npm start sets them)');
}

/** A keyring of fresh random keys (id `k1`). */
export function generatedDataKeys(): DataKeyring {
  return parseDataKeys(`k1=${newDataKey()}`, 'k1', newDataKey());
}

/** The environment that configures `ring` (for a process started with the same keys). */
export function dataKeysEnv(ring: DataKeyring): Record<string, string> {
  return {
    KEFU_DATA_KEYS: [...ring.keys].map(([id, key]) => `${id}=${key.toString('base64')}`).join(','),
    KEFU_DATA_KEY_ID: ring.currentKeyId,
    KEFU_DATA_INDEX_KEY: ring.indexKey.toString('base64'),
  };
}

/** The keyring the environment configures (KEFU_DATA_KEYS, KEFU_DATA_KEY_ID, KEFU_DATA_INDEX_KEY). */
export function dataKeysFromEnv(env: NodeJS.ProcessEnv): DataKeyring {
  if (!env.KEFU_DATA_KEYS || !env.KEFU_DATA_INDEX_KEY)
    throw new Error(
      'KEFU_DATA_KEYS and KEFU_DATA_INDEX_KEY must be set (npm start sets them for the embedded servers)',
    );
  return parseDataKeys(env.KEFU_DATA_KEYS, env.KEFU_DATA_KEY_ID || undefined, env.KEFU_DATA_INDEX_KEY);
}
