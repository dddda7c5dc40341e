import type mongoose from 'mongoose';
import { Schema } from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../models/test-database';
import { equalityIndexFields, nestedIndexFields } from './equality-indexes';
import { prepareStore } from './prepare-store';
import { isStaleWrite } from './stale-write-retry';

/** The embedded store itself: FerretDB on PostgreSQL with the indexes and write guard prepareStore adds. */
describe('the embedded store', () => {
  let db: TestDatabase;
  let sql: pg.Client;
  let Thing: mongoose.Model<{ a: number; b: number }>;
  const claims = () =>
    db.conn.db!.collection<{ _id: string; owner?: number | null; n?: number; tags?: string[] }>('claims');

  beforeAll(async () => {
    db = await startTestDatabase('store');
    sql = new pg.Client({ connectionString: db.postgresUrl });
    await sql.connect();
    // Collections of this test only, made ready as openStore makes the models' ready.
    const Claim = db.conn.model('Claim', new Schema({ _id: String }), 'claims');
    Thing = db.conn.model('Thing', new Schema<{ a: number; b: number }>({ a: Number, b: Number }));
    await Promise.all([Claim.init(), Thing.init()]);
    await prepareStore({ Claim, Thing } as never, { postgresUrl: db.postgresUrl, database: db.conn.name });
  });
  afterAll(async () => {
    await sql?.end();
    await db?.stop();
  });

  async function tableOf(collection: string): Promise<string> {
    const { rows } = await sql.query<{ t: string }>(
      `SELECT _jsonb->>'table' AS t FROM store._ferretdb_database_metadata WHERE _jsonb->>'_id' = $1`,
      [collection],
    );
    return `store.${pg.escapeIdentifier(rows[0]!.t)}`;
  }

  it('indexes _id and every top-level field of the declared indexes, but not their dates', () => {
    const fields = equalityIndexFields(db.models.Contact as never);
    expect(fields).toEqual(expect.arrayContaining(['_id', 'workspaceId', 'visitorId']));
    const runs = equalityIndexFields(db.models.FlowRun as never);
    expect(runs).toContain('flowId');
    expect(runs).not.toContain('startedAt');
  });

  it('declares no index on a nested path, which FerretDB never pushes down', () => {
    const nested = Object.entries(db.models).flatMap(([name, model]) =>
      nestedIndexFields(model as never).map((f) => `${name}.${f}`),
    );
    expect(nested).toEqual([]);
  });

  it("answers FerretDB's pushed-down equality filter from an expression index", async () => {
    const table = await tableOf('contacts');
    // The statement FerretDB sends for find({ workspaceId, visitorId }), planned for its values.
    const { rows } = await sql.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT _jsonb FROM ${table} WHERE _jsonb->'workspaceId' @> '"6b15db920708d7e929811be3"' AND _jsonb->'visitorId' @> '"v-1"'`,
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index Scan on kefu_eq_/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('gives a contested conditional update exactly one winner', async () => {
    for (let trial = 0; trial < 3; trial++) {
      await claims().deleteMany({});
      await claims().insertOne({ _id: 'chat', owner: null });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          claims().findOneAndUpdate(
            { _id: 'chat', owner: null },
            { $set: { owner: i } },
            { returnDocument: 'after' },
          ),
        ),
      );
      const winners = results.filter(Boolean);
      expect(winners).toHaveLength(1);
      expect((await claims().findOne({ _id: 'chat' }))?.owner).toBe(winners[0]!.owner);
    }
  });

  it('counts every one of 20 concurrent $inc', async () => {
    await claims().deleteMany({});
    await claims().insertOne({ _id: 'counter', n: 0 });
    await Promise.all(
      Array.from({ length: 20 }, () => claims().updateOne({ _id: 'counter' }, { $inc: { n: 1 } })),
    );
    expect((await claims().findOne({ _id: 'counter' }))?.n).toBe(20);
  });

  it('keeps both of two racing changes to different fields of one document (Mongoose documents too)', async () => {
    const doc = await Thing.create({ a: 0, b: 0 });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? Thing.updateOne({ _id: doc._id }, { $inc: { a: 1 } })
          : Thing.updateOne({ _id: doc._id }, { $inc: { b: 1 } }),
      ),
    );
    const [x, y] = await Promise.all([Thing.findById(doc._id), Thing.findById(doc._id)]);
    x!.a = 100;
    y!.b = 200;
    await Promise.all([x!.save(), y!.save()]);
    expect(await Thing.findById(doc._id).lean()).toMatchObject({ a: 100, b: 200 });
  });

  it('retries an idempotent updateMany, and lets a non-idempotent one fail loudly rather than count twice', async () => {
    await claims().deleteMany({});
    await claims().insertMany(Array.from({ length: 5 }, (_, i) => ({ _id: `m${i}`, n: 0, tags: [] })));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => claims().updateMany({}, { $addToSet: { tags: `t${i}` } })),
    );
    const docs = await claims().find({}).toArray();
    for (const d of docs) expect(d.tags).toHaveLength(10);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => claims().updateMany({}, { $inc: { n: 1 } })),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected');
    for (const o of refused) expect(isStaleWrite((o as PromiseRejectedResult).reason)).toBe(true);
    // Whatever was refused was refused loudly; nothing counted twice.
    for (const d of await claims().find({}).toArray()) expect(d.n).toBeLessThanOrEqual(10);
  });

  it('guards documents written before the store was prepared', async () => {
    const table = await tableOf('claims');
    await claims().deleteMany({});
    // A table as an older Kefu left it: documents without a revision, no triggers.
    await sql.query(`DROP TRIGGER kefu_rev_insert ON ${table}; DROP TRIGGER kefu_rev_update ON ${table}`);
    await claims().insertOne({ _id: 'old', owner: null });
    expect(await claims().findOne({ _id: 'old' })).not.toHaveProperty('_rev');
    await prepareStore({ Claim: db.conn.model('Claim') } as never, {
      postgresUrl: db.postgresUrl,
      database: db.conn.name,
    });
    expect(await claims().findOne({ _id: 'old' })).toHaveProperty('_rev', 0);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        claims().findOneAndUpdate({ _id: 'old', owner: null }, { $set: { owner: i } }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
