import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import mongoose, { mongo, Types, type Connection } from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModels, exemptFromQueryAudit, type Models } from '../models';
import { startTestDatabase, type TestDatabase } from '../models/test-database';
import {
  CorruptBackupError,
  readBackup,
  restoreBackup,
  RestoreRefusedError,
  workspaceScopes,
  writeBackup,
} from '.';

// Real FerretDB and PostgreSQL: what a backup keeps exactly is what the store hands back.
describe('backup and restore', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'kefu-backup-'));
  const shopA = new Types.ObjectId();
  const shopB = new Types.ObjectId();
  const odd = {
    _id: new Types.ObjectId(),
    workspaceId: shopA,
    conversationId: new Types.ObjectId(),
    author: 'customer',
    text: '你好 👋',
    idempotencyKey: 'odd-1',
    createdAt: new Date('2026-03-01T08:00:00.123Z'),
    blob: new mongo.Binary(Buffer.from([0, 1, 2, 255])),
    big: mongo.Long.fromString('9007199254740993'),
    small: new mongo.Int32(7),
    ratio: new mongo.Double(2),
    nested: { at: new Date(0), ids: [new Types.ObjectId()], empty: {} },
  };

  beforeAll(async () => {
    db = await startTestDatabase('backup');
    exemptFromQueryAudit(db.conn, "the test's own reads");
    const m = db.models;
    await m.Workspace.create([
      { _id: shopA, name: 'Tea House', publicKey: 'tea-house' },
      { _id: shopB, name: 'Noodle Bar', publicKey: 'noodle-bar' },
    ]);
    for (const [ws, n] of [
      [shopA, 30],
      [shopB, 5],
    ] as const) {
      const contacts = await m.Contact.insertMany(
        Array.from({ length: n }, (_, i) => ({ workspaceId: ws, visitorId: `v-${i}`, name: `顾客 ${i}` })),
      );
      for (const contact of contacts.slice(0, 3)) {
        const convo = await m.Conversation.create({
          workspaceId: ws,
          contactId: contact._id,
          channel: 'web',
        });
        await m.Message.create({
          workspaceId: ws,
          conversationId: convo._id,
          author: 'customer',
          text: 'hi',
          idempotencyKey: `${String(convo._id)}-1`,
        });
      }
      await m.Ticket.create({
        workspaceId: ws,
        subject: 'Broken cup',
        source: 'agent',
        idempotencyKey: `t-${String(ws)}`,
      });
    }
    await db.conn.db!.collection('messages').insertOne(odd as never);
  });

  afterAll(async () => {
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const other = (name: string): { conn: Connection; models: Models } => {
    const conn = db.conn.useDb(name, { useCache: true });
    exemptFromQueryAudit(conn, "the test's own reads");
    return { conn, models: createModels(conn) };
  };

  /** Every document of every collection, `_rev` (the store's write guard) aside, by _id. */
  const dump = async (conn: Connection, only?: (c: string) => boolean) => {
    const out: Record<string, unknown[]> = {};
    for (const { name } of await conn.db!.listCollections({}, { nameOnly: true }).toArray()) {
      if (name === 'kefurestores' || (only && !only(name))) continue;
      const docs = await conn.db!.collection(name).find({}).toArray();
      const clean = docs.map(({ _rev, ...doc }) => (void _rev, doc));
      if (clean.length) out[name] = clean.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    }
    return out;
  };

  it('names how every model is found by workspace', () => {
    const { scopes, global } = workspaceScopes(db.models);
    const covered = [...scopes.map((s) => s.collection), ...global];
    const left = Object.values(db.models)
      .map((m) => m.collection.collectionName)
      .filter((c) => !covered.includes(c));
    expect(left.sort()).toEqual(['leases', 'loginthrottles', 'sessions']);
    // A workspace's documents are read by an indexed equality: every model backed up by workspaceId has it indexed.
    const unindexed = Object.entries(db.models)
      .filter(([, m]) => m.schema.path('workspaceId') && covered.includes(m.collection.collectionName))
      .filter(([, m]) => !m.schema.indexes().some(([keys]) => 'workspaceId' in keys))
      .map(([name]) => name);
    expect(unindexed).toEqual([]);
  });

  it('copies a whole database exactly, types and all, and restores it with its indexes', async () => {
    const file = join(dir, 'all.kefu.gz');
    const header = await writeBackup(db.conn, db.models, { out: file, batchSize: 7 });
    expect(header.scope).toEqual({ kind: 'database' });
    expect(header.collections).toEqual(
      expect.arrayContaining([
        { name: 'contacts', count: 35 },
        { name: 'messages', count: 7 },
        { name: 'workspaces', count: 2 },
      ]),
    );
    expect(header.migrations.length).toBeGreaterThan(0);
    // One gzip stream of lines: the header first, then `$collection` sections, the trailer last.
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ kefuBackup: 1, id: header.id });
    expect(lines.at(-1)).toMatch(/^\{"\$end":true/);

    const target = other('restored_all');
    const summary = await restoreBackup(target.conn, target.models, {
      in: file,
      postgresUrl: db.postgresUrl,
    });
    expect(summary).toMatchObject({ alreadyRestored: false, resumed: false });
    expect(await dump(target.conn)).toEqual(await dump(db.conn));
    const copy = await target.conn.db!.collection('messages').findOne({ _id: odd._id });
    expect(copy).toMatchObject({ blob: odd.blob, createdAt: odd.createdAt, nested: odd.nested });
    expect(copy!.big).toEqual(odd.big);
    expect(copy!.small).toBe(7);

    // The declared unique indexes hold, and the embedded store's expression indexes were made.
    await expect(
      target.models.Contact.create({ workspaceId: shopA, visitorId: 'v-1', name: 'again' }),
    ).rejects.toMatchObject({ code: 11000 });
    const sql = new pg.Client({ connectionString: db.postgresUrl });
    await sql.connect();
    const { rowCount } = await sql.query(
      `SELECT 1 FROM pg_indexes WHERE schemaname = 'restored_all' AND indexname LIKE 'kefu_eq_%'`,
    );
    await sql.end();
    expect(rowCount).toBeGreaterThan(50);

    // Running it again is harmless; over other data it is refused unless told to replace.
    expect(await restoreBackup(target.conn, target.models, { in: file })).toMatchObject({
      alreadyRestored: true,
    });
    const fresh = join(dir, 'all-again.kefu.gz');
    await writeBackup(db.conn, db.models, { out: fresh });
    await expect(restoreBackup(target.conn, target.models, { in: fresh })).rejects.toThrow(
      RestoreRefusedError,
    );
    await target.conn.db!.collection('contacts').insertOne({ workspaceId: shopA, visitorId: 'stray' });
    await restoreBackup(target.conn, target.models, { in: fresh, replace: true });
    expect(await dump(target.conn)).toEqual(await dump(db.conn));
  });

  it('finishes a restore that stopped half way when run again', async () => {
    const file = join(dir, 'all.kefu.gz');
    const target = other('restored_resume');
    await restoreBackup(target.conn, target.models, { in: file });
    // As if the first run had stopped: part of the documents missing, the mark still running.
    const contacts = target.conn.db!.collection('contacts');
    const some = await contacts.find({ workspaceId: shopA }).limit(12).toArray();
    await contacts.deleteMany({ _id: { $in: some.map((d) => d._id) } });
    await target.conn
      .db!.collection('kefurestores')
      .updateOne({ _id: 'database' as never }, { $set: { state: 'running' } });

    const summary = await restoreBackup(target.conn, target.models, { in: file, batchSize: 5 });
    expect(summary.resumed).toBe(true);
    expect(summary.collections.find((c) => c.name === 'contacts')).toMatchObject({
      inserted: 12,
      alreadyThere: 23,
      found: 35,
    });
    expect(await dump(target.conn)).toEqual(await dump(db.conn));
  });

  it("backs up one workspace and restores it alone, from its own backup or the database's", async () => {
    const file = join(dir, 'tea-house.kefu.gz');
    const header = await writeBackup(db.conn, db.models, { out: file, workspaceId: String(shopA) });
    expect(header.scope).toEqual({ kind: 'workspace', workspaceId: String(shopA) });
    expect(header.collections).toEqual(expect.arrayContaining([{ name: 'contacts', count: 30 }]));

    const ofA = (c: string) => !['loginthrottles', 'sessions', 'leases'].includes(c);
    const onlyA = async (conn: Connection) => {
      const all = await dump(conn, ofA);
      const ws = String(shopA);
      for (const [name, docs] of Object.entries(all)) {
        all[name] = docs.filter((d) => {
          const doc = d as Record<string, unknown>;
          if (name === 'storemigrations') return true;
          if (name === 'workspaces') return String(doc._id) === ws;
          if (name === 'listheads' || name === 'counters') return String(doc._id).startsWith(`${ws}:`);
          if (name === 'countintents') return (doc.workspaces as string[]).includes(ws);
          return String(doc.workspaceId) === ws;
        });
        if (!all[name]!.length) delete all[name];
      }
      return all;
    };

    const alone = other('restored_tea');
    await restoreBackup(alone.conn, alone.models, { in: file, postgresUrl: db.postgresUrl });
    expect(await dump(alone.conn)).toEqual(await onlyA(db.conn));

    const fromAll = other('restored_tea_from_all');
    await restoreBackup(fromAll.conn, fromAll.models, {
      in: join(dir, 'all.kefu.gz'),
      workspaceId: String(shopA),
    });
    expect(await dump(fromAll.conn)).toEqual(await onlyA(db.conn));

    // Into a store holding that workspace already: refused; another workspace's backup is not this one.
    await expect(restoreBackup(db.conn, db.models, { in: file, workspaceId: String(shopA) })).rejects.toThrow(
      /not empty/,
    );
    await expect(
      restoreBackup(alone.conn, alone.models, { in: file, workspaceId: String(shopB) }),
    ).rejects.toThrow(/is a backup of workspace/);
  });

  it('refuses a cut or damaged file before writing anything', async () => {
    const whole = readFileSync(join(dir, 'all.kefu.gz'));
    const body = gunzipSync(whole).toString('utf8');
    const cases: Record<string, Buffer> = {
      'cut.kefu.gz': whole.subarray(0, Math.floor(whole.length * 0.6)),
      // Cut on a line boundary and gzipped again: only the missing trailer tells.
      'lines-cut.kefu.gz': gzipSync(body.split('\n').slice(0, 20).join('\n') + '\n'),
      'garbled.kefu.gz': Buffer.concat([whole.subarray(0, 200), Buffer.alloc(64, 0x41), whole.subarray(264)]),
      'not-a-backup.kefu.gz': gzipSync('{"hello":"world"}\n'),
      'plain.txt': Buffer.from('not gzip at all'),
    };
    const target = other('restored_never');
    for (const [name, bytes] of Object.entries(cases)) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      await expect(readBackup(file, { parse: false }), name).rejects.toThrow(CorruptBackupError);
      await expect(restoreBackup(target.conn, target.models, { in: file }), name).rejects.toThrow(
        /is not a complete Kefu backup/,
      );
    }
    // Binding the models made their (empty) collections; not one document was written.
    expect(await dump(target.conn)).toEqual({});
    await mongoose.disconnect();
  });
});
