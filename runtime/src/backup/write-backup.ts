import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { Types, type Connection } from 'mongoose';
import type { Models } from '../models';
import { BACKUP_FORMAT, documentLine, type BackupHeader, type BackupTrailer } from './backup-format';
import { RESTORE_MARKS } from './restore-marks';
import { workspaceScopes } from './workspace-scope';

export interface BackupOptions {
  out: string;
  /** One workspace's documents; absent: every collection of the database. */
  workspaceId?: string;
  /** Documents per cursor batch: what the backup holds in memory at once, per collection. */
  batchSize?: number;
  log?: (msg: string) => void;
}

/**
 * Writes a backup (backup-format.ts) of the store behind `conn`: every collection, or one
 * workspace's documents in each collection. Each collection is one cursor read in batches, so the
 * backup holds one batch at a time whatever the collection's size. Documents go to a temporary
 * file first and the named file appears only once complete.
 *
 * The copy is not a snapshot: documents written while it runs may or may not be in it. Take it
 * with Kefu stopped, or at a quiet time, for a copy that is consistent across collections.
 */
export async function writeBackup(
  conn: Connection,
  models: Models,
  options: BackupOptions,
): Promise<BackupHeader> {
  const db = conn.db!;
  const batchSize = options.batchSize ?? 1000;
  const log = options.log ?? (() => {});
  const workspaceId = options.workspaceId ? toObjectId(options.workspaceId) : null;

  let plan: { collection: string; filter: Record<string, unknown> }[];
  if (workspaceId) {
    if (!(await db.collection('workspaces').findOne({ _id: workspaceId }, { projection: { _id: 1 } })))
      throw new Error(`no workspace ${String(workspaceId)} in database ${db.databaseName}`);
    const { scopes, global } = workspaceScopes(models);
    plan = [
      ...global.map((collection) => ({ collection, filter: {} })),
      ...scopes.map((s) => ({ collection: s.collection, filter: s.filter(workspaceId) })),
    ];
  } else {
    const names = (await db.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((name) => !name.startsWith('system.') && name !== RESTORE_MARKS)
      .sort();
    plan = names.map((collection) => ({ collection, filter: {} }));
  }

  const migrations = (
    await db.collection<{ _id: string; state: string }>('storemigrations').find({ state: 'done' }).toArray()
  )
    .map((m) => m._id)
    .sort();

  const bodyFile = `${options.out}.part`;
  const counts: Record<string, number> = {};
  const gzip = createGzip();
  const out = createWriteStream(bodyFile);
  const done = pipeline(gzip, out);
  try {
    for (const { collection, filter } of plan) {
      await write(gzip, `${JSON.stringify({ $collection: collection })}\n`);
      let n = 0;
      // Unsorted: the embedded store streams an unsorted cursor, a sort would load the whole
      // selection first. The filter is an indexed equality (workspace-scope.ts).
      const cursor = db.collection(collection).find(filter, { batchSize });
      for await (const doc of cursor) {
        await write(gzip, documentLine(doc));
        n++;
      }
      counts[collection] = n;
      log(`${collection}: ${n}`);
    }
    const trailer: BackupTrailer = { $end: true, counts };
    gzip.end(`${JSON.stringify(trailer)}\n`);
    await done;

    const header: BackupHeader = {
      kefuBackup: BACKUP_FORMAT,
      id: randomUUID(),
      createdAt: new Date().toISOString(),
      database: db.databaseName,
      scope: workspaceId ? { kind: 'workspace', workspaceId: String(workspaceId) } : { kind: 'database' },
      migrations,
      collections: plan.map(({ collection }) => ({ name: collection, count: counts[collection]! })),
    };
    const tmp = `${options.out}.tmp`;
    const file = createWriteStream(tmp);
    await write(file, gzipSync(`${JSON.stringify(header)}\n`));
    await pipeline(createReadStream(bodyFile), file);
    renameSync(tmp, options.out);
    return header;
  } catch (err) {
    gzip.destroy();
    await done.catch(() => {});
    rmSync(`${options.out}.tmp`, { force: true });
    throw err;
  } finally {
    rmSync(bodyFile, { force: true });
  }
}

async function write(stream: NodeJS.WritableStream | WriteStream, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

export function toObjectId(id: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id.toLowerCase())
    throw new Error(`${id} is not a workspace id (24 hexadecimal digits)`);
  return new Types.ObjectId(id);
}
