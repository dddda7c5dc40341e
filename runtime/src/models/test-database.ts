import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startFerret } from '../../../scripts/lib/servers';
import { createModels, type Models } from '.';

export interface TestDatabase {
  conn: mongoose.Connection;
  models: Models;
  stop(): Promise<void>;
}

/**
 * A real FerretDB of its own (throw-away folder, free port) with the models bound to one database,
 * for tests whose subject is how the database answers: idempotent writes, races, scoping.
 */
export async function startTestDatabase(name: string): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `kefu-${name}-`));
  const ferret = await startFerret({ dataDir: join(dir, 'db'), logFile: join(dir, 'ferret.log') });
  const conn = await mongoose
    .createConnection(`${ferret.address}${name.replace(/[^a-z0-9]/gi, '')}`)
    .asPromise();
  return {
    conn,
    models: createModels(conn),
    async stop() {
      await conn.close();
      await ferret.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
