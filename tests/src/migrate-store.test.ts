import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Types } from 'mongoose';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createModels, ensureIndexes, exemptFromQueryAudit } from '@kefu/runtime/models';
import { openStore } from '@kefu/runtime/store';
import { hasSqliteStore, migrateSqliteStore } from '../../scripts/lib/migrate-store';
import { startFerret, startStore } from '../../scripts/lib/servers';

/** An earlier Kefu's data/ (FerretDB on SQLite) moved to today's store by the one command. */
describe('migrating a SQLite store to PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-migrate-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('copies every database, collection, document and index, keeps the old folder, and guards the copy', async () => {
    const workspaceId = new Types.ObjectId();
    const contactIds = Array.from({ length: 1500 }, () => new Types.ObjectId());
    // The old store, written the way the product wrote it.
    const old = await startFerret({
      sqliteDir: join(dataDir, 'ferretdb'),
      logFile: join(dataDir, 'logs', 'old.log'),
    });
    const conn = await mongoose.createConnection(`${old.address}kefu`).asPromise();
    exemptFromQueryAudit(conn, 'the test writes the old store as it likes');
    const models = createModels(conn);
    await ensureIndexes(models);
    await models.Workspace.create({ _id: workspaceId, name: 'Tea House', publicKey: 'tea-house' });
    await models.Contact.insertMany(
      contactIds.map((_id, i) => ({
        _id,
        workspaceId,
        visitorId: `v-${i}`,
        name: `顾客 ${i}`,
        attributes: { visits: i, ratio: 1.5, vip: i % 7 === 0 },
        tags: i % 2 ? ['vip'] : [],
      })),
    );
    await conn
      .useDb('kefu_extra')
      .db!.collection('notes')
      .insertOne({ _id: 'n1' as never, n: 1 });
    // A run interrupted half way left one document in the new store already.
    const first = await models.Contact.findOne({ _id: contactIds[0], workspaceId }).lean();
    await conn.close();
    await old.stop();
    const partial = await startStore({ dataDir, logDir: join(dataDir, 'logs') });
    const partialConn = await mongoose.createConnection(`${partial.mongoBaseUri}kefu`).asPromise();
    await partialConn.db!.collection('contacts').insertOne(first as never);
    await partialConn.close();
    await partial.stop();

    const report = await migrateSqliteStore({ dataDir });
    expect(report.collections).toMatchObject({
      'kefu.contacts': 1500,
      'kefu.workspaces': 1,
      'kefu_extra.notes': 1,
    });
    expect(hasSqliteStore(dataDir)).toBe(false);
    expect(readdirSync(dataDir).some((f) => f.startsWith('ferretdb-sqlite-backup-'))).toBe(true);
    expect(existsSync(join(report.backup))).toBe(true);

    const store = await startStore({ dataDir, logDir: join(dataDir, 'logs') });
    const now = await openStore({ mongoUri: `${store.mongoBaseUri}kefu`, postgresUrl: store.postgresUrl });
    exemptFromQueryAudit(now.conn, "the test's assertions");
    try {
      const copy = await now.models.Contact.findOne({ _id: contactIds[7], workspaceId }).lean();
      expect(copy).toMatchObject({
        name: '顾客 7',
        attributes: { visits: 7, ratio: 1.5, vip: true },
        tags: ['vip'],
      });
      expect(await now.models.Contact.countDocuments({ workspaceId })).toBe(1500);
      // The unique index came along: a second contact for a visitor is refused.
      await expect(now.models.Contact.create({ workspaceId, visitorId: 'v-7' })).rejects.toMatchObject({
        code: 11000,
      });
      // The copy is indexed for the store's pushed-down filters, and guarded against lost updates.
      const sql = new pg.Client({ connectionString: store.postgresUrl });
      await sql.connect();
      const { rows } = await sql.query(
        `SELECT indexname FROM pg_indexes WHERE schemaname = 'kefu' AND indexname LIKE 'kefu_eq_contacts%'`,
      );
      await sql.end();
      expect(rows.length).toBeGreaterThanOrEqual(3);
      await Promise.all(
        Array.from({ length: 10 }, () =>
          now.models.Contact.updateOne(
            { _id: contactIds[1], workspaceId },
            { $inc: { 'attributes.visits': 1 } },
          ),
        ),
      );
      expect(
        (await now.models.Contact.findOne({ _id: contactIds[1], workspaceId }).lean())?.attributes,
      ).toMatchObject({ visits: 11 });
    } finally {
      await now.close();
      await store.stop();
    }
  });
});
