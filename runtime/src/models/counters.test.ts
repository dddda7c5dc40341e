import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repairCounts } from './counted';
import { addOnce, readCounts } from './counters';
import { insertOnce } from './insert-once';
import { ALLOW_SCAN } from './query-audit';
import { startTestDatabase, type TestDatabase } from './test-database';

/** Counters on the real store: concurrent changes, crashes between a change and its count. */
describe('counters', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase('counters');
  });
  afterAll(async () => {
    await db?.stop();
  });
  const newWorkspace = () => new Types.ObjectId().toHexString();
  const ticketCounts = async (ws: string, agent: string) =>
    await readCounts(db.conn, [
      `${ws}:tickets.open`,
      `${ws}:tickets.pending`,
      `${ws}:tickets.active.unassigned`,
      `${ws}:tickets.active.assignee.${agent}`,
    ]);

  it('adds an operation once, however often and however concurrently it is applied', async () => {
    const key = `${newWorkspace()}:things`;
    await Promise.all(Array.from({ length: 30 }, (_, i) => addOnce(db.conn, key, 1, `op-${i % 10}`)));
    await Promise.all(Array.from({ length: 20 }, (_, i) => addOnce(db.conn, key, 1, `other-${i}`)));
    expect((await readCounts(db.conn, [key]))[key]).toBe(30);
  });

  it('counts every ticket once through concurrent creates and changes', async () => {
    const ws = newWorkspace();
    const agent = new Types.ObjectId().toHexString();
    const { Ticket } = db.models;
    const tickets = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        insertOnce(Ticket, {
          workspaceId: ws,
          subject: `t${i}`,
          source: 'agent',
          idempotencyKey: `c-${ws}-${i}`,
        }),
      ),
    );
    expect(await ticketCounts(ws, agent)).toMatchObject({
      [`${ws}:tickets.open`]: 12,
      [`${ws}:tickets.active.unassigned`]: 12,
    });

    // Every ticket gets several changes at once from different writers; whoever wins, the counts
    // must match what the tickets finally say.
    const statuses = ['pending', 'solved', 'open', 'closed'] as const;
    await Promise.all(
      tickets.flatMap((t, i) => [
        Ticket.updateOne({ _id: t._id, workspaceId: ws }, { $set: { status: statuses[i % 4] } }),
        Ticket.findOneAndUpdate({ _id: t._id, workspaceId: ws }, { $set: { assigneeId: agent } }),
        Ticket.updateOne({ _id: t._id, workspaceId: ws }, { $set: { status: statuses[(i + 1) % 4] } }),
        i % 3
          ? Ticket.updateOne({ _id: t._id, workspaceId: ws }, { $unset: { assigneeId: 1 } })
          : Promise.resolve(),
      ]),
    );
    const final = await Ticket.find({ workspaceId: ws })
      .setOptions({ [ALLOW_SCAN]: 'the test reads its whole workspace to check' })
      .lean();
    const active = final.filter((t) => t.status === 'open' || t.status === 'pending');
    expect(await ticketCounts(ws, agent)).toEqual({
      [`${ws}:tickets.open`]: final.filter((t) => t.status === 'open').length,
      [`${ws}:tickets.pending`]: final.filter((t) => t.status === 'pending').length,
      [`${ws}:tickets.active.unassigned`]: active.filter((t) => !t.assigneeId).length,
      [`${ws}:tickets.active.assignee.${agent}`]: active.filter((t) => t.assigneeId).length,
    });
    expect(final.every((t) => !t.recount && !t.owed)).toBe(true);
  });

  it('repairs a change whose writer stopped before counting it', async () => {
    const ws = newWorkspace();
    const { Ticket } = db.models;
    const t = await Ticket.create({
      workspaceId: ws,
      subject: 's',
      source: 'agent',
      idempotencyKey: `r-${ws}`,
    });
    // What a process killed right after its write leaves: the change and its mark, no count.
    const long = Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 120);
    await db.conn
      .db!.collection('tickets')
      .updateOne(
        { _id: t._id },
        { $set: { status: 'solved', statusKey: `${ws}:solved`, recount: 'due', recountToken: long } },
      );
    expect((await readCounts(db.conn, [`${ws}:tickets.open`]))[`${ws}:tickets.open`]).toBe(1);
    // Another workspace's repair leaves it; this workspace's (before its counts are read) finishes it.
    expect(await repairCounts(db.models as never, { workspaceId: newWorkspace() })).toBe(0);
    expect((await readCounts(db.conn, [`${ws}:tickets.open`]))[`${ws}:tickets.open`]).toBe(1);
    expect(await repairCounts(db.models as never, { workspaceId: ws })).toBe(1);
    expect((await readCounts(db.conn, [`${ws}:tickets.open`]))[`${ws}:tickets.open`]).toBe(0);
  });

  it('pays what a change owes once, when its writer stopped after recording it', async () => {
    const ws = newWorkspace();
    const { Ticket } = db.models;
    const t = await Ticket.create({
      workspaceId: ws,
      subject: 's',
      source: 'agent',
      idempotencyKey: `o-${ws}`,
    });
    const long = Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 120);
    const owed = {
      token: String(long),
      deltas: [
        { name: 'tickets.open', d: -1 },
        { name: 'tickets.active.unassigned', d: -1 },
      ],
    };
    // Recorded and half paid: the -1 on open reached the counter, the rest did not.
    await db.conn.db!.collection('tickets').updateOne(
      { _id: t._id },
      {
        $set: {
          status: 'closed',
          statusKey: `${ws}:closed`,
          recount: 'due',
          recountToken: long,
          counted: [],
          owed,
        },
      },
    );
    await addOnce(db.conn, `${ws}:tickets.open`, -1, `change/${owed.token}/${String(t._id)}/tickets.open`);
    await repairCounts(db.models as never);
    await repairCounts(db.models as never);
    const counts = await readCounts(db.conn, [`${ws}:tickets.open`, `${ws}:tickets.active.unassigned`]);
    expect(counts).toEqual({ [`${ws}:tickets.open`]: 0, [`${ws}:tickets.active.unassigned`]: 0 });
    expect(await Ticket.findOne({ _id: t._id, workspaceId: ws }).lean()).not.toHaveProperty('owed');
  });

  it('repairs an insert whose writer stopped before counting it, and not one that collided', async () => {
    const ws = newWorkspace();
    const { CountIntent } = db.models;
    const long = Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 120);
    const stored = new Types.ObjectId();
    const collided = new Types.ObjectId();
    await CountIntent.create({
      _id: long,
      model: 'Contact',
      items: [
        { id: stored, workspaceId: ws, counts: ['contacts'] },
        { id: collided, workspaceId: ws, counts: ['contacts'] },
      ],
      at: new Date(),
    });
    await db.conn.db!.collection('contacts').insertMany([
      {
        _id: stored,
        workspaceId: new Types.ObjectId(ws),
        visitorId: 'a',
        insertToken: long,
        counted: ['contacts'],
      },
      {
        _id: collided,
        workspaceId: new Types.ObjectId(ws),
        visitorId: 'b',
        insertToken: new Types.ObjectId(),
        counted: ['contacts'],
      },
    ]);
    await repairCounts(db.models as never);
    expect((await readCounts(db.conn, [`${ws}:contacts`]))[`${ws}:contacts`]).toBe(1);
    expect(await CountIntent.countDocuments({ _id: long })).toBe(0);
  });

  it('counts contacts as they are created, upserted, merged away; not simulations', async () => {
    const ws = newWorkspace();
    const { Contact } = db.models;
    const total = async () => (await readCounts(db.conn, [`${ws}:contacts`]))[`${ws}:contacts`];
    await Contact.create({ workspaceId: ws, visitorId: 'one' });
    await Contact.insertMany(Array.from({ length: 5 }, (_, i) => ({ workspaceId: ws, visitorId: `m${i}` })));
    await Contact.create({ workspaceId: ws, visitorId: 'sim', test: true });
    await Promise.all(
      Array.from({ length: 6 }, () =>
        Contact.findOneAndUpdate(
          { workspaceId: ws, visitorId: 'racing' },
          { $setOnInsert: { workspaceId: ws, visitorId: 'racing' } },
          { upsert: true, returnDocument: 'after' },
        ).catch((err: { code?: number }) => {
          if (err.code !== 11000) throw err;
        }),
      ),
    );
    expect(await total()).toBe(7);
    const kept = (await Contact.findOne({ workspaceId: ws, visitorId: 'one' }).lean())!;
    await Contact.updateMany(
      { workspaceId: ws, visitorId: { $in: ['m0', 'm1'] } },
      { $set: { mergedInto: kept._id, mergedAt: new Date() } },
    ).setOptions({ [ALLOW_SCAN]: 'two contacts of a test workspace' });
    expect(await total()).toBe(5);
  });

  it('counts lean batches and bulkWrite changes once the workspace is repaired on read', async () => {
    const ws = newWorkspace();
    const { Contact } = db.models;
    const total = async () => {
      await repairCounts(db.models as never, { workspaceId: ws, olderThanMs: 0 });
      return (await readCounts(db.conn, [`${ws}:contacts`]))[`${ws}:contacts`];
    };
    await Contact.insertMany(
      Array.from({ length: 4 }, (_, i) => ({ workspaceId: new Types.ObjectId(ws), visitorId: `l${i}` })),
      { lean: true },
    );
    expect(await total()).toBe(4);
    const [a] = await Contact.find({ workspaceId: ws, visitorId: 'l0' }).lean();
    await Contact.bulkWrite([
      {
        updateOne: {
          filter: { _id: a!._id, workspaceId: ws },
          update: { $set: { mergedInto: new Types.ObjectId() } },
        },
      },
      { insertOne: { document: { workspaceId: ws, visitorId: 'b1' } } },
    ] as never);
    expect(await total()).toBe(4);
    expect(await total()).toBe(4);
  });
});
