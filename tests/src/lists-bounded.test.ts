import { Types } from 'mongoose';
import { ALLOW_SCAN } from '@kefu/runtime/models';
import { storeReads, type StoreReads } from '@kefu/runtime/store';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

type Page = { items: unknown[]; nextCursor: string | null; scannedTo?: string; total?: number };

/**
 * A list page costs the same with a thousand or a million documents behind it: measured without a
 * clock, as the rows PostgreSQL returns to FerretDB for one request (pg_stat_statements of this
 * test's database: the documents fetched), with thousands of documents in another workspace and in
 * this one's history.
 */
const postgresUrl = inject('postgresUrl');
describe.skipIf(!postgresUrl)('list pages read a bounded number of documents', () => {
  let ctx: AccessApp;
  let reads: StoreReads;
  let shop: Member;
  const HISTORY = 2_000;
  const OTHER = 3_000;

  beforeAll(async () => {
    ctx = await startAccessApp();
    reads = await storeReads(postgresUrl, ctx.app.models.User.db.name);
    shop = await signUp(ctx.app, 'bounded');
    const { Ticket, Contact } = ctx.app.models;
    const other = new Types.ObjectId().toHexString();
    const ticket = (ws: string, i: number, status: string) => ({
      workspaceId: ws,
      subject: `ticket ${i}`,
      description: 'printer on fire',
      status,
      source: 'agent' as const,
      idempotencyKey: `bounded/${ws}/${i}`,
    });
    const contact = (ws: string, i: number) => ({
      workspaceId: ws,
      visitorId: `v${i}`,
      name: `Customer ${i}`,
      email: `c${i}@shop.example`,
    });
    for (let i = 0; i < OTHER; i += 500) {
      await Ticket.insertMany(Array.from({ length: 500 }, (_, j) => ticket(other, i + j, 'open')));
      await Contact.insertMany(Array.from({ length: 500 }, (_, j) => contact(other, i + j)));
    }
    // This shop's history: older, solved, then a few recent open ones on top.
    for (let i = 0; i < HISTORY; i += 500) {
      await Ticket.insertMany(
        Array.from({ length: 500 }, (_, j) => ticket(shop.workspaceId, i + j, 'closed')),
      );
      await Contact.insertMany(Array.from({ length: 500 }, (_, j) => contact(shop.workspaceId, i + j)));
    }
    await Ticket.insertMany(
      Array.from({ length: 25 }, (_, j) => ticket(shop.workspaceId, HISTORY + j, 'open')),
    );
  });
  afterAll(async () => {
    await reads?.close();
    await ctx?.stop();
  });

  /** The rows (documents FerretDB fetched) PostgreSQL returned to answer these requests. */
  async function rowsFor(...urls: string[]): Promise<{ rows: number; bodies: Page[] }> {
    const bodies: Page[] = [];
    const { rows } = await reads.during(async () => {
      for (const url of urls) {
        const res = await ctx.app.inject({ url, headers: { cookie: shop.cookie } });
        expect(res.statusCode, res.body).toBe(200);
        bodies.push(res.json());
      }
    });
    return { rows, bodies };
  }

  it('sees a read of the whole workspace (the measure works)', async () => {
    const { rows } = await reads.during(() =>
      ctx.app.models.Ticket.find({ workspaceId: shop.workspaceId })
        .setOptions({ [ALLOW_SCAN]: 'the control: a read of the whole workspace' })
        .lean(),
    );
    expect(rows).toBeGreaterThanOrEqual(HISTORY);
  });

  it('reads at most two page keys for the newest tickets, whatever lies behind them', async () => {
    const { rows, bodies } = await rowsFor('/tickets?limit=20');
    expect(bodies[0]!.items).toHaveLength(20);
    // Two page keys (at most 64 tickets), the list head, the session and its user.
    expect(rows).toBeLessThan(100);
  });

  it('reads only the open tickets for the open view, and counters for the counts', async () => {
    const { rows, bodies } = await rowsFor('/tickets?status=open&sort=-priority', '/tickets/counts');
    expect(bodies[0]!.total).toBe(25);
    expect(bodies[1]).toMatchObject({ open: 25 });
    expect(rows).toBeLessThan(25 + 4 * 8 + 20);
  });

  it('stops a search that finds nothing after 512 tickets, and says how far it got', async () => {
    const { rows, bodies } = await rowsFor('/tickets?q=nothing-like-this');
    expect(bodies[0]!.items).toEqual([]);
    expect(bodies[0]!.nextCursor).not.toBeNull();
    expect(bodies[0]!.scannedTo).toBeDefined();
    expect(rows).toBeLessThan(16 * 32 + 20);
  });

  it('finds a contact by exact email with one lookup, and pages contacts by page keys', async () => {
    const { rows, bodies } = await rowsFor('/contacts?q=C1234@shop.example&limit=1', '/contacts?limit=20');
    expect(bodies[0]!.items).toHaveLength(1);
    expect(bodies[1]!.items).toHaveLength(20);
    expect(bodies[1]!.total).toBe(HISTORY);
    expect(rows).toBeLessThan(2 + 64 + 8 + 40);
  });
});
