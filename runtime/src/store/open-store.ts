import mongoose from 'mongoose';
import { installDataKeys } from '../privacy/data-keys';
import type { DataKeyring } from '../privacy/field-crypto';
import { createModels, ensureIndexes, type Models } from '../models';
import { MIGRATIONS } from './migrations';
import { runMigrations } from './migrations/run-migrations';
import { prepareStore } from './prepare-store';
import { installStaleWriteRetry } from './stale-write-retry';

export interface StoreConfig {
  mongoUri: string;
  /**
   * The PostgreSQL under the embedded FerretDB (KEFU_POSTGRES_URL): its tables get the indexes and
   * write guards they need. Absent for a real MongoDB, which uses the declared indexes itself.
   */
  postgresUrl?: string;
  /**
   * The keys personal fields are sealed with (privacy/data-keys.ts), installed for the process.
   * Absent: the ones already installed (a test process generates its own).
   */
  dataKeys?: DataKeyring;
  /** Where store migrations say what they do (the API's logger; stderr by default). */
  log?: (msg: string) => void;
}

export interface Store {
  conn: mongoose.Connection;
  models: Models;
  close(): Promise<void>;
}

/**
 * One connection with the models bound to it and the store made ready for them (API and worker):
 * collections and declared indexes, the embedded store's own indexes and write guard, and the data
 * migrations this code needs.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  installStaleWriteRetry();
  if (config.dataKeys) installDataKeys(config.dataKeys);
  const conn = await mongoose
    .createConnection(config.mongoUri, { serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  try {
    const models = createModels(conn);
    await ensureIndexes(models);
    if (config.postgresUrl)
      await prepareStore(models as unknown as Parameters<typeof prepareStore>[0], {
        postgresUrl: config.postgresUrl,
        database: conn.name,
      });
    await runMigrations(models, MIGRATIONS, config.log ?? ((msg) => console.error(msg)));
    return { conn, models, close: () => conn.close() };
  } catch (err) {
    await conn.close();
    throw err;
  }
}
