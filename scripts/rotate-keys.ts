/**
 * `npm run rotate-keys`: seals every contact's personal fields (and email threads' addresses) with
 * the current data key and rewrites their blind indexes, beside a running Kefu (docs/privacy.md).
 * Also what encrypts a store written before encryption at rest. Idempotent: stopped half way, run
 * it again.
 *
 *   npm run rotate-keys -- --add-key   the embedded keys (data/data-keys) get a new key, current from
 *                                      the next `npm start`; then run `npm run rotate-keys`
 *   npm run rotate-keys -- --reindex   also rewrite the blind indexes of contacts already sealed
 *                                      with the current key (after changing KEFU_DATA_INDEX_KEY)
 *
 * Reads MONGODB_URI (default: the embedded store of `npm start`, KEFU_MONGO_PORT or 27017) and
 * KEFU_DATA_KEYS / KEFU_DATA_KEY_ID / KEFU_DATA_INDEX_KEY (default: data/'s), as the API does.
 */
import { join } from 'node:path';
import { dataKeysFromEnv, openStore, resealPersonalData } from '@kefu/runtime/store';
import { addLocalDataKey, localDataKeys } from './lib/data-key-files';
import { repoRoot } from './lib/servers';

const dataDir = process.env.KEFU_DATA_DIR ?? join(repoRoot, 'data');
const args = new Set(process.argv.slice(2));

if (args.has('--add-key')) {
  if (process.env.KEFU_DATA_KEYS) {
    console.error(
      'KEFU_DATA_KEYS is set: add the new key there (and make it KEFU_DATA_KEY_ID), not in data/.',
    );
    process.exit(1);
  }
  const id = addLocalDataKey(dataDir);
  console.log(
    `Added data key ${id} to ${join(dataDir, 'data-keys')}. Restart Kefu (npm start): new writes use it,`,
  );
  console.log(
    'and every key listed there still reads. Then run `npm run rotate-keys` to reseal what is stored.',
  );
  process.exit(0);
}

const local = () => localDataKeys(dataDir);
const env = {
  ...process.env,
  KEFU_DATA_KEYS: process.env.KEFU_DATA_KEYS ?? local().KEFU_DATA_KEYS,
  KEFU_DATA_INDEX_KEY: process.env.KEFU_DATA_INDEX_KEY ?? local().KEFU_DATA_INDEX_KEY,
};
const dataKeys = dataKeysFromEnv(env);
const mongoUri =
  process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${process.env.KEFU_MONGO_PORT ?? 27017}/kefu`;
const store = await openStore({ mongoUri, dataKeys, log: (msg) => console.log(msg) });
try {
  console.log(`Resealing personal data with data key ${dataKeys.currentKeyId}…`);
  const report = await resealPersonalData(store.models, {
    reindex: args.has('--reindex'),
    log: (msg) => console.log(`  ${msg}`),
  });
  console.log(
    `Contacts: ${report.contacts.resealed} of ${report.contacts.seen} resealed; email threads: ` +
      `${report.emailThreads.resealed} of ${report.emailThreads.seen}.`,
  );
  const failed = report.contacts.failed + report.emailThreads.failed;
  if (failed)
    console.error(
      `${failed} could not be opened (listed above): their keys are missing from KEFU_DATA_KEYS.`,
    );
  process.exitCode = failed ? 1 : 0;
} finally {
  await store.close();
}
