import { Schema, Types, type Model } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareStore } from '../store/prepare-store';
import { startTestDatabase, type TestDatabase } from './test-database';
import { insertUnique, insertOnce } from './insert-once';
import { changeFromRead, revisioned } from './revision';
import { releaseLease, takeLease, takeLeases } from './lease';
import { transition } from './transition';
import { upsertOnce } from './upsert';
import { recordThreadMessage } from './email-thread';

/**
 * The shared helpers for writes two actors make at once, on the real embedded store: each race is
 * run with 20 writers at once, and each must come out as if they had written one after another.
 */
describe('writes two actors can make at once', () => {
  let db: TestDatabase;
  let Doc: Model<{
    workspaceId: Types.ObjectId;
    tags: string[];
    n: number;
    owner?: string;
    rev?: Types.ObjectId;
  }>;
  const workspaceId = new Types.ObjectId();
  const twenty = <T>(f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: 20 }, (_, i) => f(i)));

  beforeAll(async () => {
    db = await startTestDatabase('concurrent-writes');
    const schema = new Schema({
      workspaceId: { type: Schema.Types.ObjectId, required: true },
      key: { type: String, unique: true, sparse: true },
      tags: { type: [String], default: [] },
      n: { type: Number, default: 0 },
      owner: String,
    });
    schema.plugin(revisioned);
    Doc = db.conn.model('RaceDoc', schema) as never;
    await Doc.init();
    // A collection of this test only: the store guards it as openStore guards the models'.
    await prepareStore({ Doc } as never, { postgresUrl: db.postgresUrl, database: db.conn.name });
  });
  afterAll(async () => await db?.stop());

  it('changeFromRead keeps every one of 20 edits computed from the document (a plain read-then-write loses them)', async () => {
    const doc = await Doc.create({ workspaceId, tags: [] });
    const results = await twenty((i) =>
      changeFromRead(Doc, { _id: doc._id, workspaceId }, (current) => ({
        update: { $set: { tags: [...current.tags, `t${i}`] } },
        result: current.tags.length,
      })),
    );
    const after = await Doc.findById(doc._id).lean();
    expect(after!.tags.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `t${i}`).sort());
    // Each edit was decided on a different state: the one it changed from.
    expect(new Set(results.map((r) => r!.result)).size).toBe(20);
    expect(results.every((r) => r!.written)).toBe(true);

    // The same edits as read-then-write: what the helper exists to prevent.
    const naive = await Doc.create({ workspaceId, tags: [] });
    await twenty(async (i) => {
      const current = await Doc.findById(naive._id).lean();
      await Doc.updateOne({ _id: naive._id, workspaceId }, { $set: { tags: [...current!.tags, `t${i}`] } });
    });
    expect((await Doc.findById(naive._id).lean())!.tags.length).toBeLessThan(20);
  });

  it('changeFromRead writes nothing when the decision is "no change", and answers null for no document', async () => {
    const doc = await Doc.create({ workspaceId, tags: ['a'] });
    const same = await changeFromRead(Doc, { _id: doc._id, workspaceId }, () => ({
      update: null,
      result: 'kept',
    }));
    expect(same).toMatchObject({ written: false, result: 'kept' });
    expect(
      await changeFromRead(Doc, { _id: new Types.ObjectId(), workspaceId }, () => ({
        update: null,
        result: 1,
      })),
    ).toBeNull();
  });

  it('revisioned gives a document a new revision on every kind of write, so a decision on an old read never lands', async () => {
    const doc = await Doc.create({ workspaceId });
    const revs = [(await Doc.findById(doc._id).lean())!.rev];
    await Doc.updateOne({ _id: doc._id, workspaceId }, { $inc: { n: 1 } });
    revs.push((await Doc.findById(doc._id).lean())!.rev);
    await Doc.updateMany({ _id: doc._id, workspaceId }, { $set: { owner: 'x' } });
    revs.push((await Doc.findById(doc._id).lean())!.rev);
    await Doc.bulkWrite([
      { updateOne: { filter: { _id: doc._id, workspaceId }, update: { $set: { owner: 'y' } } } },
    ]);
    revs.push((await Doc.findById(doc._id).lean())!.rev);
    const loaded = await Doc.findById(doc._id).orFail();
    loaded.n = 5;
    await loaded.save();
    revs.push((await Doc.findById(doc._id).lean())!.rev);
    expect(new Set(revs.map(String)).size).toBe(revs.length);

    // A decision whose read is overtaken is made again on the new state.
    let calls = 0;
    await changeFromRead(Doc, { _id: doc._id, workspaceId }, async (current) => {
      calls++;
      if (calls === 1) await Doc.updateOne({ _id: doc._id, workspaceId }, { $set: { n: 100 } });
      return { update: { $set: { n: current.n + 1 } }, result: undefined };
    });
    expect(calls).toBe(2);
    expect((await Doc.findById(doc._id).lean())!.n).toBe(101);
  });

  it('transition lets exactly one of 20 racers move a document from a state', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const doc = await Doc.create({ workspaceId });
      const won = await twenty((i) =>
        transition(
          Doc,
          { _id: doc._id, workspaceId, owner: { $exists: false } },
          { $set: { owner: `a${i}` } },
        ),
      );
      const winners = won.filter(Boolean);
      expect(winners).toHaveLength(1);
      expect((await Doc.findById(doc._id).lean())!.owner).toBe(winners[0]!.owner);
    }
  });

  it('insertUnique gives a key to exactly one of 20 claimers; insertOnce gives all of them that one document', async () => {
    const claims = await twenty((i) => insertUnique(Doc, { workspaceId, key: 'the-key', owner: `c${i}` }));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const once = await twenty(() => insertOnce(Doc, { workspaceId, idempotencyKey: 'once-key' }));
    expect(new Set(once.map((d) => String(d._id))).size).toBe(1);
  });

  it('upsertOnce lets 20 first writers of one unique key all succeed on one document', async () => {
    const results = await twenty((i) =>
      upsertOnce(() =>
        Doc.updateOne({ workspaceId, key: 'upserted' }, { $addToSet: { tags: `u${i}` } }, { upsert: true }),
      ),
    );
    expect(results).toHaveLength(20);
    const docs = await Doc.find({ workspaceId, key: 'upserted' }).lean();
    expect(docs).toHaveLength(1);
    expect(docs[0]!.tags).toHaveLength(20);
  });

  it("an email thread keeps every Message-ID of mails joining it at once (the customer's and our replies)", async () => {
    const { EmailThread } = db.models;
    const thread = await EmailThread.create({
      _id: new Types.ObjectId(),
      workspaceId,
      address: 'lin@example.com',
      ourAddress: 'shop@kefu.localhost',
      subject: 'Parcel',
      references: ['<0@x>'],
    });
    await Promise.all(
      Array.from({ length: 19 }, (_, i) =>
        recordThreadMessage(EmailThread, workspaceId, thread._id, `<${i + 1}@x>`),
      ),
    );
    const after = await EmailThread.findOne({ _id: thread._id, workspaceId }).lean();
    expect([...after!.references].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `<${i}@x>`).sort());
  });

  it('a lease has one holder among 20, is given back, and is taken over once its time is up', async () => {
    const { Lease } = db.models;
    const got = await twenty((i) => takeLease(Lease, workspaceId, 'contact/1', `h${i}`, 60_000));
    expect(got.filter(Boolean)).toHaveLength(1);
    const holder = `h${got.indexOf(true)}`;
    expect(await takeLease(Lease, workspaceId, 'contact/1', holder, 60_000)).toBe(true);
    expect(await takeLease(Lease, workspaceId, 'contact/1', 'late', 60_000)).toBe(false);
    // Someone who no longer holds it cannot give it back for the holder.
    await releaseLease(Lease, workspaceId, 'contact/1', 'late');
    expect(await takeLease(Lease, workspaceId, 'contact/1', 'late', 60_000)).toBe(false);
    await releaseLease(Lease, workspaceId, 'contact/1', holder);
    expect(await takeLease(Lease, workspaceId, 'contact/1', 'late', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    // The holder died without giving it back: its time ran out, and of 20 takers one gets it.
    const after = await twenty((i) => takeLease(Lease, workspaceId, 'contact/1', `n${i}`, 60_000));
    expect(after.filter(Boolean)).toHaveLength(1);
  });

  it('takeLeases takes all or none, so overlapping sets never hold part each', async () => {
    const { Lease } = db.models;
    const sets = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ];
    const got = await Promise.all(
      sets.map((names, i) => takeLeases(Lease, workspaceId, names, `s${i}`, 60_000)),
    );
    expect(got.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    const held = await Lease.find({
      workspaceId,
      name: { $in: ['a', 'b', 'c'] },
      until: { $gt: new Date() },
    }).lean();
    const holders = new Set(held.map((l) => l.holder));
    // Every lease still held belongs to a caller that got its whole set.
    for (const h of holders) expect(got[Number(h.slice(1))]).toBe(true);
  });
});
