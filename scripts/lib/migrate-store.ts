/**
 * Moves a store from an earlier Kefu (FerretDB on SQLite in data/ferretdb) to the embedded store of
 * today (FerretDB on PostgreSQL in data/postgres): every database, collection, document and index,
 * then the SQLite folder is renamed to a backup, never deleted. Safe to run again after an
 * interruption: documents already copied are skipped by their _id.
 */
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { openStore } from '@kefu/runtime/store';
import { startFerret, startStore } from './servers';

export interface MigrateOptions {
  /** The data folder: holds ferretdb/ (the source) and gets postgres/ (the target). */
  dataDir: string;
  log?: (msg: string) => void;
  /** The product's own database, which the product's models prepare; others are copied as they are. */
  productDatabase?: string;
}

export interface MigrateReport {
  /** `database.collection` → documents in the target after the copy. */
  collections: Record<string, number>;
  backup: string;
}

const BATCH = 1000;

/** data/ferretdb holds SQLite databases from an earlier Kefu. */
export function hasSqliteStore(dataDir: string): boolean {
  const dir = join(dataDir, 'ferretdb');
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.sqlite'));
}

export async function migrateSqliteStore(options: MigrateOptions): Promise<MigrateReport> {
  const log = options.log ?? (() => {});
  const productDatabase = options.productDatabase ?? 'kefu';
  const sqliteDir = join(options.dataDir, 'ferretdb');
  if (!hasSqliteStore(options.dataDir)) throw new Error(`no SQLite store in ${sqliteDir}`);
  const logDir = join(options.dataDir, 'logs');
  const source = await startFerret({ sqliteDir, logFile: join(logDir, 'migrate-ferretdb-sqlite.log') });
  const target = await startStore({ dataDir: options.dataDir, logDir }).catch(async (err: Error) => {
    await source.stop();
    throw new Error(`${err.message} (is Kefu still running on ${options.dataDir}? stop it first)`);
  });
  const from = await mongoose.createConnection(source.address).asPromise();
  const collections: Record<string, number> = {};
  try {
    const { databases } = await from.db!.admin().listDatabases();
    for (const { name } of databases) {
      const db = from.useDb(name).db!;
      const toUri = `${target.mongoBaseUri}${name}`;
      // The product's database gets its collections, indexes and write guard from the models first.
      const prepared =
        name === productDatabase
          ? await openStore({ mongoUri: toUri, postgresUrl: target.postgresUrl, log })
          : null;
      const to = prepared?.conn ?? (await mongoose.createConnection(toUri).asPromise());
      try {
        for (const { name: collection } of await db.listCollections({}, { nameOnly: true }).toArray()) {
          const copied = await copyCollection(db, to.db!, collection);
          collections[`${name}.${collection}`] = copied;
          log(`copied ${name}.${collection}: ${copied} documents`);
        }
      } finally {
        await to.close();
      }
    }
  } finally {
    await from.close();
    await source.stop();
    await target.stop();
  }
  const backup = `${sqliteDir}-sqlite-backup-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}`;
  renameSync(sqliteDir, backup);
  log(`kept the SQLite store as ${backup}`);
  return { collections, backup };
}

type Db = NonNullable<mongoose.Connection['db']>;

async function copyCollection(from: Db, to: Db, name: string): Promise<number> {
  const source = from.collection(name);
  const target = to.collection(name);
  for (const index of await source.indexes()) {
    if (index.name === '_id_') continue;
    const { key, name: indexName, unique } = index;
    await target.createIndex(key, { name: indexName, ...(unique ? { unique } : {}) });
  }
  // BSON wrappers kept as they are (an int stays an int, a double a double).
  const cursor = source.find({}, { promoteValues: false, batchSize: BATCH });
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (!batch.length) return;
    try {
      await target.insertMany(batch, { ordered: false });
    } catch (err) {
      // A document copied by an earlier, interrupted run: already there with the same _id.
      const writeErrors = (err as { writeErrors?: { code?: number }[] }).writeErrors;
      if (!writeErrors?.every((e) => e.code === 11000)) throw err;
    }
    batch = [];
  };
  for await (const doc of cursor) {
    batch.push(doc);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  const [expected, copied] = await Promise.all([source.countDocuments(), target.countDocuments()]);
  if (copied < expected) throw new Error(`${name}: ${copied} of ${expected} documents copied`);
  return copied;
}
