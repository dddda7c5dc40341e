import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCounts } from '../../models/counters';
import { ALLOW_SCAN } from '../../models/query-audit';
import { headOf } from '../../models/list-head';
import { startTestDatabase, type TestDatabase } from '../../models/test-database';
import { walkList } from '../../lists/walk-list';
import { listKeysMigration } from './0004-list-keys';
import { nameWordIndex } from '../../contacts/blind-keys';

/** Data an older Kefu stored (no list keys, no counts) gets them, in the order it was stored. */
describe('migration 0004: list keys and counts', () => {
  let db: TestDatabase;
  const ws = new Types.ObjectId();
  const other = new Types.ObjectId();
  const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
  beforeAll(async () => {
    db = await startTestDatabase('migrate0004');
    const raw = (name: string) => db.conn.db!.collection(name);
    // Written with the driver, as the previous version left them: none of the new fields.
    await raw('tickets').insertMany(
      Array.from({ length: 40 }, (_, i) => ({
        workspaceId: i % 4 === 3 ? other : ws,
        subject: `t${i}`,
        description: '',
        status: ['open', 'pending', 'solved', 'closed'][i % 3],
        priority: 'normal',
        priorityRank: 1,
        source: 'agent',
        tags: [],
        customFields: {},
        idempotencyKey: `old-${i}`,
        // Stored out of _id order: the ordinal follows the time.
        createdAt: minutesAgo(100 - ((i * 7) % 40)),
        updatedAt: minutesAgo(1),
        ...(i % 5 === 0 ? { assigneeId: new Types.ObjectId() } : {}),
      })),
    );
    await raw('contacts').insertMany([
      {
        workspaceId: ws,
        visitorId: 'a',
        name: 'Ann Lee',
        email: 'Ann@Shop.com',
        tags: [],
        attributes: {},
        createdAt: minutesAgo(9),
      },
      {
        workspaceId: ws,
        visitorId: 'b',
        phone: '+86 138 0000 0000',
        tags: [],
        attributes: {},
        createdAt: minutesAgo(8),
      },
      { workspaceId: ws, visitorId: 'c', test: true, tags: [], attributes: {}, createdAt: minutesAgo(7) },
      {
        workspaceId: ws,
        visitorId: 'd',
        mergedInto: new Types.ObjectId(),
        tags: [],
        attributes: {},
        createdAt: minutesAgo(6),
      },
    ]);
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('keys every document, ranks each list by time stored, and sets the counters', async () => {
    const first = await listKeysMigration.up(db.models, () => {});
    expect(first).toMatchObject({
      Ticket: { documents: 40, updated: 40 },
      Contact: { documents: 4, updated: 4 },
    });

    const { Ticket, Contact } = db.models;
    const mine = await Ticket.find({ workspaceId: ws })
      .setOptions({ [ALLOW_SCAN]: 'the test reads its whole workspace to check' })
      .lean();
    const byTime = [...mine].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(byTime.map((t) => t.seq)).toEqual(byTime.map((_, i) => i + 1));
    for (const t of mine) {
      expect(t.page).toBe(`${String(ws)}:tickets:${Math.floor(t.seq! / 32)}`);
      expect(t.statusKey).toBe(`${String(ws)}:${t.status}`);
    }
    expect(await headOf(db.conn, `${String(ws)}:tickets`)).toBe(30);

    const open = mine.filter((t) => t.status === 'open');
    const pending = mine.filter((t) => t.status === 'pending');
    const counts = await readCounts(db.conn, [
      `${String(ws)}:tickets.open`,
      `${String(ws)}:tickets.pending`,
      `${String(ws)}:contacts`,
    ]);
    expect(counts).toEqual({
      [`${String(ws)}:tickets.open`]: open.length,
      [`${String(ws)}:tickets.pending`]: pending.length,
      [`${String(ws)}:contacts`]: 2,
    });

    const ann = (await Contact.findOne({ workspaceId: ws, visitorId: 'a' }).lean())!;
    expect(ann).toMatchObject({ nameKeys: ['ann lee', 'ann', 'lee'].map(nameWordIndex), seq: 1 });
    expect(await Contact.findOne({ workspaceId: ws, visitorId: 'b' }).lean()).toMatchObject({ seq: 2 });
    expect((await Contact.findOne({ workspaceId: ws, visitorId: 'c' }).lean())!.page).toBeUndefined();

    // Run again (an interrupted start): the same ordinals, nothing to write.
    const again = await listKeysMigration.up(db.models, () => {});
    expect(again).toMatchObject({ Ticket: { documents: 40, updated: 0 }, Contact: { updated: 0 } });
  });

  it('lists the old and the new together, newest first, each once', async () => {
    const { Ticket } = db.models;
    const created = await Ticket.create({
      workspaceId: ws,
      subject: 'new',
      source: 'agent',
      idempotencyKey: 'new-1',
    });
    expect(created.seq).toBe(31);
    const seen: string[] = [];
    let after: number | undefined;
    do {
      const page = await walkList<Record<string, unknown>>({
        model: Ticket as never,
        workspaceId: String(ws),
        list: 'tickets',
        order: -1,
        limit: 7,
        ...(after !== undefined ? { after } : {}),
      });
      seen.push(...page.items.map((t) => String(t.subject)));
      after = page.next ?? undefined;
    } while (after !== undefined);
    const expected = (
      await Ticket.find({ workspaceId: ws })
        .setOptions({ [ALLOW_SCAN]: 'the test reads its whole workspace to check' })
        .lean()
    )
      .sort((a, b) => b.seq! - a.seq!)
      .map((t) => t.subject);
    expect(seen).toEqual(expected);
    expect(seen[0]).toBe('new');
    expect(new Set(seen).size).toBe(31);
  });
});
