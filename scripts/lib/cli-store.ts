import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { createModels, type Models } from '../../runtime/src/models';
import { repoRoot, startStore } from './servers';

export interface CliStore {
  conn: mongoose.Connection;
  models: Models;
  postgresUrl?: string;
  close(): Promise<void>;
}

/**
 * The store a command-line tool works on: MONGODB_URI (with KEFU_POSTGRES_URL if it is an embedded
 * store elsewhere), else the embedded store in data/ — the running one when `npm start` has it up,
 * else started for the length of the command. The models are bound but nothing is run on the
 * store (no data migrations: a restore brings its own migration state). `mustExist`: refuse to
 * make a new embedded store where there is none.
 */
export async function openCliStore(options: { mustExist: boolean }): Promise<CliStore> {
  let uri = process.env.MONGODB_URI;
  let postgresUrl = process.env.KEFU_POSTGRES_URL || undefined;
  let stopStore: (() => Promise<void>) | null = null;
  if (!uri) {
    const dataDir = process.env.KEFU_DATA_DIR ?? join(repoRoot, 'data');
    const mongoPort = Number(process.env.KEFU_MONGO_PORT ?? 27017);
    if (existsSync(join(dataDir, 'postgres', 'postmaster.pid'))) {
      if (!(await answers(mongoPort)))
        throw new Error(
          `the store in ${dataDir} is in use (postgres/postmaster.pid) but nothing answers on KEFU_MONGO_PORT ${mongoPort}: ` +
            'stop Kefu, or set KEFU_MONGO_PORT and KEFU_POSTGRES_PORT to the ports it runs on',
        );
      uri = `mongodb://127.0.0.1:${mongoPort}/kefu`;
      postgresUrl = `postgres://kefu@127.0.0.1:${Number(process.env.KEFU_POSTGRES_PORT ?? 5433)}/kefu`;
    } else {
      // A restore onto a new machine makes the store; a backup of a store that is not there is a mistake.
      if (options.mustExist && !existsSync(join(dataDir, 'postgres')))
        throw new Error(`there is no store in ${dataDir} (set KEFU_DATA_DIR or MONGODB_URI)`);
      const store = await startStore({ dataDir, logDir: join(dataDir, 'logs') });
      uri = `${store.mongoBaseUri}kefu`;
      postgresUrl = store.postgresUrl;
      stopStore = () => store.stop();
    }
  }
  const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  return {
    conn,
    models: createModels(conn),
    postgresUrl,
    async close() {
      await conn.close();
      await stopStore?.();
    },
  };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
