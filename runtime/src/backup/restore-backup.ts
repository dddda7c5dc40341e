import type { Connection, Model, mongo } from 'mongoose';
import type { Models } from '../models';
import { MIGRATIONS } from '../store/migrations';
import { prepareStore } from '../store/prepare-store';
import type { BackupHeader } from './backup-format';
import { readBackup } from './read-backup';
import { RESTORE_MARKS, type RestoreMark } from './restore-marks';
import { toObjectId } from './write-backup';
import { workspaceScopes, type CollectionScope } from './workspace-scope';

export interface RestoreOptions {
  in: string;
  /** Restore only this workspace (from a workspace backup of it, or from a whole-database backup). */
  workspaceId?: string;
  /** Delete what the target already holds (the database, or the workspace) before restoring. */
  replace?: boolean;
  /** The embedded store's PostgreSQL (KEFU_POSTGRES_URL): its expression indexes are made too. */
  postgresUrl?: string;
  batchSize?: number;
  log?: (msg: string) => void;
}

export interface RestoreSummary {
  scope: string;
  /** The same backup had already been restored here: nothing was written. */
  alreadyRestored: boolean;
  /** A restore of the same backup had stopped half way and this run finished it. */
  resumed: boolean;
  collections: { name: string; expected: number; inserted: number; alreadyThere: number; found: number }[];
}

/** The target holds data and the restore was not told to replace it. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

/** Writing stopped part way: the target is half restored, and the message says how to finish. */
export class RestoreInterruptedError extends Error {
  constructor(written: number, cause: Error) {
    super(
      `the restore stopped after writing ${written} documents, so the target is only partly restored: ` +
        `${cause.message}. Run the same command again to finish it (documents already there are skipped), ` +
        `or add --replace to start over.`,
      { cause },
    );
    this.name = 'RestoreInterruptedError';
  }
}

interface Target {
  collection: string;
  /** What the target must hold once restored: a query and the number the backup has. */
  filter: Record<string, unknown>;
  expected: number;
  scope: CollectionScope | null;
  /** Shared by every workspace (data migrations): inserted where missing, never deleted or counted. */
  global: boolean;
}

/**
 * Restores a backup (backup-format.ts) into the store behind `conn`. The file is read through once
 * before anything is written, so a damaged file changes nothing. The target must be empty — the
 * whole database, or the one workspace — unless `replace`; a restore of the same file that stopped
 * part way is finished by running it again. Then every declared index (and on the embedded store
 * its expression indexes), documents in batches, and a count of each collection against the backup.
 *
 * `conn` must not have run the data migrations on the empty target (openStore does): the restored
 * documents carry their own migration state, and Kefu's next start runs what they still need.
 */
export async function restoreBackup(
  conn: Connection,
  models: Models,
  options: RestoreOptions,
): Promise<RestoreSummary> {
  const db = conn.db!;
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? 500;
  const workspaceId = options.workspaceId ? toObjectId(options.workspaceId) : null;
  const { scopes, global } = workspaceScopes(models);
  // Binding the models starts building their indexes: let that finish before collections are dropped.
  await Promise.all((Object.values(models) as Model<unknown>[]).map((m) => m.init()));

  // 1. Read the whole file once: nothing is written from a file that turns out damaged.
  let fileScope: BackupHeader['scope'] | null = null;
  const wanted = new Map<string, number>();
  const header = await readBackup(options.in, {
    parse: Boolean(workspaceId),
    onHeader(h) {
      fileScope = h.scope;
      if (workspaceId && h.scope.kind === 'workspace' && h.scope.workspaceId !== String(workspaceId))
        throw new RestoreRefusedError(
          `${options.in} is a backup of workspace ${h.scope.workspaceId}, not ${String(workspaceId)}`,
        );
    },
    onDocument(collection, doc) {
      if (workspaceId && fileScope?.kind === 'database') {
        const scope = scopes.find((s) => s.collection === collection);
        if (!global.includes(collection) && !scope?.holds(doc, workspaceId)) return;
      }
      wanted.set(collection, (wanted.get(collection) ?? 0) + 1);
    },
  });
  const known = new Set(MIGRATIONS.map((m) => m.id));
  const unknown = header.migrations.filter((id) => !known.has(id));
  if (unknown.length)
    throw new RestoreRefusedError(
      `the backup has data migrations this Kefu does not know (${unknown.join(', ')}): restore it with the Kefu that made it, or a newer one`,
    );

  const restoreWs =
    workspaceId ?? (header.scope.kind === 'workspace' ? toObjectId(header.scope.workspaceId) : null);
  const targets: Target[] = header.collections.flatMap(({ name }): Target[] => {
    const expected = wanted.get(name) ?? 0;
    if (global.includes(name)) return [{ collection: name, filter: {}, expected, scope: null, global: true }];
    if (!restoreWs) return [{ collection: name, filter: {}, expected, scope: null, global: false }];
    const scope = scopes.find((s) => s.collection === name);
    // A whole-database backup restored as one workspace: collections no workspace owns stay out.
    return scope
      ? [{ collection: name, filter: scope.filter(restoreWs), expected, scope, global: false }]
      : [];
  });
  if (restoreWs) {
    // A workspace can be restored into any collections of this Kefu's, not only the backup's.
    for (const scope of scopes)
      if (!targets.some((t) => t.collection === scope.collection))
        targets.push({
          collection: scope.collection,
          filter: scope.filter(restoreWs),
          expected: 0,
          scope,
          global: false,
        });
  }
  const scopeName = restoreWs ? `workspace ${String(restoreWs)}` : `database ${db.databaseName}`;
  const markId = restoreWs ? `workspace:${String(restoreWs)}` : 'database';
  const marks = db.collection<RestoreMark>(RESTORE_MARKS);

  // 2. The target: empty, the same restore unfinished, or replaced.
  const mark = await marks.findOne({ _id: markId });
  const sameBackup = mark?.backupId === header.id;
  if (sameBackup && mark.state === 'done' && !options.replace) {
    // Kefu may have run since: the counts are what the store holds now, not checked against the file.
    log(`${options.in} was already restored into ${scopeName}: nothing to do`);
    const collections = await verify(db, targets, new Map(), false);
    return { scope: scopeName, alreadyRestored: true, resumed: false, collections };
  }
  const resumed = sameBackup && mark.state === 'running' && !options.replace;
  if (!resumed) {
    const holding = await nonEmpty(db, targets, restoreWs);
    if (holding.length && !options.replace)
      throw new RestoreRefusedError(
        `${scopeName} is not empty (${holding.slice(0, 5).join(', ')}${holding.length > 5 ? ', …' : ''}): ` +
          `restore into an empty one, or add --replace to delete what it holds first`,
      );
    if (holding.length) {
      log(`--replace: deleting what ${scopeName} holds`);
      await clear(db, targets, restoreWs);
    }
  }
  if (restoreWs && !resumed) await sameMigrations(db, header, scopeName);
  await marks.replaceOne(
    { _id: markId },
    { backupId: header.id, state: 'running', at: new Date() },
    { upsert: true },
  );

  // 3. Collections and indexes first: unique indexes hold while documents arrive.
  await createIndexes(models);
  if (options.postgresUrl)
    await prepareStore(models as unknown as Record<string, Model<unknown>>, {
      postgresUrl: options.postgresUrl,
      database: db.databaseName,
    });

  // 4. The documents, in batches.
  const written = new Map<string, { inserted: number; alreadyThere: number }>();
  let total = 0;
  try {
    let batch: Record<string, unknown>[] = [];
    let batchOf: string | null = null;
    const flush = async () => {
      if (!batch.length || !batchOf) return;
      const result = await insertBatch(db.collection(batchOf), batch);
      const tally = written.get(batchOf) ?? { inserted: 0, alreadyThere: 0 };
      tally.inserted += result.inserted;
      tally.alreadyThere += result.alreadyThere;
      written.set(batchOf, tally);
      total += result.inserted;
      batch = [];
    };
    const targetOf = new Map(targets.map((t) => [t.collection, t]));
    await readBackup(options.in, {
      parse: true,
      async onDocument(collection, doc) {
        const target = targetOf.get(collection);
        if (!target) return;
        if (restoreWs && target.scope && !target.scope.holds(doc, restoreWs)) return;
        if (collection !== batchOf) await flush();
        batchOf = collection;
        batch.push(doc);
        if (batch.length >= batchSize) await flush();
      },
    });
    await flush();
  } catch (err) {
    throw new RestoreInterruptedError(total, err as Error);
  }

  // 5. Every collection holds what the backup has.
  const collections = await verify(db, targets, written);
  await marks.updateOne({ _id: markId }, { $set: { state: 'done', at: new Date() } });
  return { scope: scopeName, alreadyRestored: false, resumed, collections };
}

async function insertBatch(
  collection: mongo.Collection,
  docs: Record<string, unknown>[],
): Promise<{ inserted: number; alreadyThere: number }> {
  try {
    const result = await collection.insertMany(docs, { ordered: false });
    return { inserted: result.insertedCount, alreadyThere: 0 };
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { index: number; code: number; errmsg?: string }[] })
      .writeErrors;
    if (!writeErrors?.length) throw err;
    const errors = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
    let alreadyThere = 0;
    for (const e of errors) {
      const doc = docs[e.index]!;
      // A document with its `_id` is there already (an earlier run of this restore wrote it).
      if (
        e.code === 11000 &&
        (await collection.findOne({ _id: doc._id as never }, { projection: { _id: 1 } }))
      )
        alreadyThere++;
      else
        throw new Error(
          `${collection.collectionName} ${String(doc._id)} cannot be inserted: ${e.errmsg ?? `code ${e.code}`}`,
        );
    }
    return { inserted: docs.length - errors.length, alreadyThere };
  }
}

async function nonEmpty(db: mongo.Db, targets: Target[], ws: unknown): Promise<string[]> {
  const holding: string[] = [];
  for (const t of targets) {
    if (t.global && ws) continue;
    if (await db.collection(t.collection).findOne(t.filter, { projection: { _id: 1 } }))
      holding.push(t.collection);
  }
  if (!ws) {
    // Anything else in the database counts too: a whole-database restore replaces all of it.
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray())
      if (!name.startsWith('system.') && name !== RESTORE_MARKS && !holding.includes(name))
        if (!targets.some((t) => t.collection === name) && (await db.collection(name).findOne({})))
          holding.push(name);
  }
  return holding;
}

async function clear(db: mongo.Db, targets: Target[], ws: unknown): Promise<void> {
  if (!ws) {
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray())
      if (!name.startsWith('system.') && name !== RESTORE_MARKS) await db.collection(name).drop();
    return;
  }
  for (const t of targets) if (!t.global) await db.collection(t.collection).deleteMany(t.filter);
}

/**
 * One workspace joins documents already in the store: theirs and its own must have been through
 * the same data migrations, or one side would miss a migration the other needs.
 */
async function sameMigrations(db: mongo.Db, header: BackupHeader, scopeName: string): Promise<void> {
  const done = (
    await db.collection<{ _id: string; state: string }>('storemigrations').find({ state: 'done' }).toArray()
  )
    .map((m) => m._id)
    .sort();
  if (!done.length) return;
  if (done.join() !== [...header.migrations].sort().join())
    throw new RestoreRefusedError(
      `${scopeName}: the backup's data migrations (${header.migrations.length}) are not the store's (${done.length}): ` +
        `restore it into an empty database with the same Kefu, start Kefu once, back it up again and restore that`,
    );
}

async function createIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models) as Model<unknown>[]) {
    // A dropped collection is created again; model.init() would not, it runs once per process.
    await model.createCollection().catch((err: { code?: number }) => {
      if (err.code !== 48) throw err; // NamespaceExists
    });
    await model.createIndexes();
  }
}

async function verify(
  db: mongo.Db,
  targets: Target[],
  written: Map<string, { inserted: number; alreadyThere: number }>,
  check = true,
): Promise<RestoreSummary['collections']> {
  const rows: RestoreSummary['collections'] = [];
  const wrong: string[] = [];
  for (const t of targets) {
    const found = await db.collection(t.collection).countDocuments(t.filter);
    const tally = written.get(t.collection) ?? { inserted: 0, alreadyThere: 0 };
    rows.push({ name: t.collection, expected: t.expected, ...tally, found });
    if (t.global ? found < t.expected : found !== t.expected)
      wrong.push(`${t.collection}: ${found} documents, the backup has ${t.expected}`);
  }
  if (check && wrong.length)
    throw new Error(`the restored store does not match the backup: ${wrong.join('; ')}`);
  return rows;
}
