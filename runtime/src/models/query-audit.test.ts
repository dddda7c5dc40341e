import { Types } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { storeReads, type StoreReads } from '../store/store-reads';
import { startTestDatabase, type TestDatabase } from './test-database';
import { ACROSS_TENANTS } from './tenant-scope';
import { ALLOW_SCAN, QueryAuditError, isHistoryCollection } from './query-audit';

const PER_TENANT = 300;

/** The query audit on the embedded store: what it refuses, and that its verdict is what the store reads. */
describe('query audit', () => {
  let db: TestDatabase;
  let reads: StoreReads | null = null;
  const ws = [new Types.ObjectId(), new Types.ObjectId()];
  const conversations = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()] as const;

  beforeAll(async () => {
    db = await startTestDatabase('queryaudit');
    // Two workspaces; the first has three conversations, the second one big one.
    await db.models.Contact.insertMany(
      ws.flatMap((workspaceId) =>
        Array.from({ length: PER_TENANT }, (_, i) => ({ workspaceId, visitorId: `v${i}` })),
      ),
    );
    await db.models.Message.insertMany(
      ws.flatMap((workspaceId, w) =>
        Array.from({ length: PER_TENANT }, (_, i) => ({
          workspaceId,
          conversationId: w === 0 ? conversations[i % 3] : conversations[2],
          author: 'customer',
          text: `m${i}`,
          idempotencyKey: `${w}/${i}`,
        })),
      ),
    );
    if (db.postgresUrl) reads = await storeReads(db.postgresUrl, db.conn.name);
  });
  afterAll(async () => {
    await reads?.close();
    await db?.stop();
  });
  afterEach(() => {
    process.env.KEFU_QUERY_AUDIT = 'throw';
    vi.restoreAllMocks();
  });

  it('refuses a query on a history collection that reads the whole workspace, naming model, shape and a hint', async () => {
    const { Message } = db.models;
    const err = await Message.find({ workspaceId: ws[0], _id: { $in: [new Types.ObjectId()] } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(QueryAuditError);
    // {workspaceId} is indexed (a workspace's backup reads by it), so this reads one whole workspace.
    expect((err as Error).message).toContain(
      'Message.find {workspaceId, _id: {$in}} reads the whole workspace',
    );
    expect((err as Error).message).toContain('one findOne per id');
    await expect(db.models.Contact.countDocuments({ workspaceId: ws[0], tags: 'vip' })).rejects.toThrow(
      /Contact.countDocuments {workspaceId, tags} reads the whole workspace/,
    );
    await expect(
      Message.updateMany({ workspaceId: ws[1], text: 'x' }, { $set: { text: 'y' } }),
    ).rejects.toThrow(/reads the whole workspace/);
    await expect(Message.aggregate([{ $match: { workspaceId: ws[0] } }])).rejects.toThrow(QueryAuditError);
  });

  it('lets lookups by a key through, and a read that names why it is bounded', async () => {
    const { Message, Team } = db.models;
    expect(await Message.find({ workspaceId: ws[0], conversationId: conversations[0] }).lean()).toHaveLength(
      PER_TENANT / 3,
    );
    const all = await Message.countDocuments({ workspaceId: ws[0] }).setOptions({
      [ALLOW_SCAN]: 'a test reads it all',
    });
    expect(all).toBe(PER_TENANT);
    // Configuration collections (teams, users) are small by nature and not audited.
    expect(isHistoryCollection(db.models.Team.schema)).toBe(false);
    expect(await Team.find({ workspaceId: ws[0] }).lean()).toEqual([]);
  });

  it('warns once per query shape when not in throw mode', async () => {
    const { Message } = db.models;
    process.env.KEFU_QUERY_AUDIT = 'warn';
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    for (const workspaceId of ws) await Message.find({ workspaceId, text: 'nothing' }).lean();
    await Message.find({ workspaceId: ws[0], author: 'bot' }).lean();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]![0])).toContain('Message.find {workspaceId, text}');
  });

  it("agrees with what the store reads: a key's documents, the workspace, or the collection", async () => {
    if (!reads) return; // a real MongoDB has no PostgreSQL to count
    const { Message, Contact } = db.models;
    const scan = { [ALLOW_SCAN]: 'the test compares reads' };
    const cases = [
      // [the audit's verdict, the query]
      ['lookup', () => Message.find({ workspaceId: ws[0], conversationId: conversations[0] }).lean()],
      ['lookup', () => Contact.findOne({ workspaceId: ws[0], visitorId: 'v7' }).lean()],
      [
        'tenant',
        () =>
          Contact.find({ workspaceId: ws[0], _id: { $in: [new Types.ObjectId()] } })
            .setOptions(scan)
            .lean(),
      ],
      [
        'tenant',
        () =>
          Message.find({ workspaceId: ws[0], conversationId: { $in: [conversations[0]] } })
            .setOptions(scan)
            .lean(),
      ],
      [
        'collection',
        () =>
          Contact.find({ 'lastCsat.rating': 5 })
            .setOptions({ ...scan, [ACROSS_TENANTS]: 'the test reads all' })
            .lean(),
      ],
    ] as const;
    const found = [];
    for (const [, query] of cases) found.push(await reads.during(query));
    // The documents FerretDB fetched: the key's, the workspace's, everyone's…
    expect(found.map((r) => r.rows)).toEqual([PER_TENANT / 3, 1, PER_TENANT, PER_TENANT, 2 * PER_TENANT]);
    // PostgreSQL applies the pushed-down workspaceId through its index on messages: it reads fewer
    // pages than the whole collection to return one workspace's documents.
    const everything = await reads.during(() =>
      Message.find({})
        .setOptions({ ...scan, [ACROSS_TENANTS]: 'the test reads all' })
        .lean(),
    );
    expect(everything.rows).toBe(2 * PER_TENANT);
    expect(found[3]!.pages).toBeLessThan(everything.pages);
  });
});
