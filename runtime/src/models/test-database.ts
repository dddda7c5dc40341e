import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type mongoose from 'mongoose';
import { startStore } from '../../../scripts/lib/servers';
import { openStore } from '../store';
import type { Models } from '.';

export interface TestDatabase {
  conn: mongoose.Connection;
  models: Models;
  /** The PostgreSQL under this FerretDB, for tests of the store itself. */
  postgresUrl: string;
  stop(): Promise<void>;
}

/**
 * A real store of its own (FerretDB on PostgreSQL, throw-away folder, free ports) with the models
 * bound to one database, for tests whose subject is how the database answers: idempotent writes,
 * races, scoping.
 */
export async function startTestDatabase(name: string): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `kefu-${name}-`));
  const store = await startStore({ dataDir: dir, logDir: dir, durable: false });
  try {
    const { conn, models } = await openStore({
      mongoUri: `${store.mongoBaseUri}${name.replace(/[^a-z0-9]/gi, '')}`,
      postgresUrl: store.postgresUrl,
    });
    return {
      conn,
      models,
      postgresUrl: store.postgresUrl,
      async stop() {
        await conn.close();
        await store.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await store.stop();
    throw err;
  }
}
