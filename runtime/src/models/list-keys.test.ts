import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOnce } from './insert-once';
import { ALLOW_SCAN } from './query-audit';
import { headOf } from './list-head';
import { pendingKey } from './list-keys';
import { startTestDatabase, type TestDatabase } from './test-database';
import { emailIndex, nameWordIndex, phoneIndex } from '../contacts/blind-keys';

/** The stored name keys of these words: blind indexes (contacts/blind-keys.ts). */
const words = (...w: string[]) => w.map(nameWordIndex);

/** Page keys and derived keys stay right whichever way a document is written. */
describe('list keys', () => {
  let db: TestDatabase;
  const ws = new Types.ObjectId().toHexString();
  beforeAll(async () => {
    db = await startTestDatabase('listkeys');
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('gives every stored item its own ordinal and page key, by create, insertMany and insertOnce', async () => {
    const { Ticket } = db.models;
    const base = { workspaceId: ws, subject: 's', source: 'agent' as const };
    const one = await Ticket.create({ ...base, idempotencyKey: `k-${ws}-1` });
    const batch = await Ticket.insertMany(
      Array.from({ length: 40 }, (_, i) => ({ ...base, idempotencyKey: `k-${ws}-b${i}` })),
    );
    const once = await insertOnce(Ticket, { ...base, idempotencyKey: `k-${ws}-once` });
    const again = await insertOnce(Ticket, { ...base, idempotencyKey: `k-${ws}-once` });
    expect(String(again._id)).toBe(String(once._id));
    const all = await Ticket.find({ workspaceId: ws })
      .setOptions({ [ALLOW_SCAN]: 'the test reads its whole workspace to check' })
      .lean();
    const seqs = all.map((t) => t.seq as number).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(42);
    expect(seqs[0]).toBe(1);
    for (const t of all) expect(t.page).toBe(`${ws}:tickets:${Math.floor((t.seq as number) / 32)}`);
    expect(one.seq).toBe(1);
    expect(batch.map((t) => t.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
    // The retried insertOnce took an ordinal it did not use: a gap, never a duplicate.
    expect(await headOf(db.conn, `${ws}:tickets`)).toBeGreaterThanOrEqual(42);
  });

  it('keeps a derived key equal to its field through save, updateOne, updateMany and findOneAndUpdate', async () => {
    const { Ticket } = db.models;
    const t = await Ticket.create({
      workspaceId: ws,
      subject: 'x',
      source: 'agent',
      idempotencyKey: `d-${ws}`,
    });
    expect(t.statusKey).toBe(`${ws}:open`);
    const key = async () => (await Ticket.findOne({ _id: t._id, workspaceId: ws }).lean())!.statusKey;
    await Ticket.updateOne({ _id: t._id, workspaceId: ws }, { $set: { status: 'pending' } });
    expect(await key()).toBe(`${ws}:pending`);
    await Ticket.findOneAndUpdate({ _id: t._id, workspaceId: ws }, { status: 'solved' });
    expect(await key()).toBe(`${ws}:solved`);
    await Ticket.updateMany({ workspaceId: ws, _id: t._id }, { $set: { status: 'closed' } });
    expect(await key()).toBe(`${ws}:closed`);
    const doc = (await Ticket.findOne({ _id: t._id, workspaceId: ws }))!;
    doc.status = 'open';
    await doc.save();
    expect(await key()).toBe(`${ws}:open`);
  });

  it('refuses to change a keyed field without naming the workspace', async () => {
    const { Ticket } = db.models;
    await expect(
      Ticket.updateMany({ workspaceId: { $in: [ws] } }, { $set: { status: 'open' } }).setOptions({
        [ALLOW_SCAN]: 'the test checks what comes after the audit',
      }),
    ).rejects.toThrow(/needs one workspaceId/);
  });

  it('keys an upserted item: derived keys on insert, and its ordinal once it is in', async () => {
    const { Contact, FlowRun } = db.models;
    const c = await Contact.findOneAndUpdate(
      { workspaceId: ws, visitorId: 'v-upsert' },
      { $setOnInsert: { workspaceId: ws, visitorId: 'v-upsert', name: 'Ann Lee', email: ' Ann@Shop.COM ' } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    const stored = (await Contact.findOne({ _id: c!._id, workspaceId: ws }).lean())!;
    expect(stored).toMatchObject({
      emailKey: emailIndex('ann@shop.com'),
      nameKeys: words('ann lee', 'ann', 'lee'),
      seq: 1,
    });
    expect(stored.page).toBe(`${ws}:contacts:0`);
    // The same upsert again changes nothing about its place.
    await Contact.findOneAndUpdate(
      { workspaceId: ws, visitorId: 'v-upsert' },
      { $set: { phone: '+86 138-0000 0000' } },
      { upsert: true },
    );
    expect(await Contact.findOne({ _id: c!._id, workspaceId: ws }).lean()).toMatchObject({
      seq: 1,
      phoneKey: phoneIndex('+8613800000000'),
    });

    const flowId = new Types.ObjectId();
    await FlowRun.updateOne(
      { workspaceId: ws, runId: 'r-1' },
      {
        $set: { status: 'running', steps: 1 },
        $setOnInsert: {
          workspaceId: ws,
          runId: 'r-1',
          workflowId: 'w',
          flowId,
          version: 1,
          startedAt: new Date(),
        },
      },
      { upsert: true },
    );
    const run = (await FlowRun.findOne({ workspaceId: ws, runId: 'r-1' }).lean())!;
    expect(run).toMatchObject({
      seq: 1,
      page: `${ws}:runs:0`,
      flowSeq: 1,
      flowPage: `${ws}:runs@${String(flowId)}:0`,
    });
  });

  it('leaves a simulation out of the lists', async () => {
    const { Contact, Conversation } = db.models;
    const c = await Contact.create({ workspaceId: ws, visitorId: 'sim', test: true });
    const conv = await Conversation.create({ workspaceId: ws, contactId: c._id, channel: 'web', test: true });
    expect(c.page).toBeUndefined();
    expect(conv.page).toBeUndefined();
    expect(conv.statusKey).toBe(`${ws}:open`);
    expect(pendingKey(`${ws}:contacts`)).toBe(`${ws}:contacts:new`);
  });

  it('keys lean batches and bulkWrite changes, which skip validation and query middleware', async () => {
    const { Contact } = db.models;
    const lean = new Types.ObjectId().toHexString();
    await Contact.insertMany(
      // Lean: stored as given, so the ids are ObjectIds already (as the import builds them).
      [0, 1, 2].map((i) => ({
        workspaceId: new Types.ObjectId(lean),
        visitorId: `lean-${i}`,
        name: `Wang Wei ${i}`,
      })),
      { lean: true },
    );
    const stored = await Contact.find({ workspaceId: lean, page: `${lean}:contacts:0` }).lean();
    expect(stored.map((c) => c.seq).sort()).toEqual([1, 2, 3]);
    expect(stored[0]!.nameKeys).toEqual(expect.arrayContaining(words('wang', 'wei')));
    const first = stored.find((c) => c.visitorId === 'lean-0')!;
    await Contact.bulkWrite([
      {
        updateOne: { filter: { _id: first._id, workspaceId: lean }, update: { $set: { name: 'Zhang San' } } },
      },
      { insertOne: { document: { workspaceId: lean, visitorId: 'bulk', name: 'Li Si' } } },
    ] as never);
    expect((await Contact.findOne({ _id: first._id, workspaceId: lean }).lean())!.nameKeys).toEqual(
      words('zhang san', 'zhang', 'san'),
    );
    expect(await Contact.findOne({ workspaceId: lean, visitorId: 'bulk' }).lean()).toMatchObject({
      seq: 4,
      nameKeys: words('li si', 'li', 'si'),
    });
  });
});
