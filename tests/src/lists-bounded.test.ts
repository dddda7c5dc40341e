import pg from 'pg';
import { Types } from 'mongoose';
import { ALLOW_SCAN } from '@kefu/runtime/models';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

type Page = { items: unknown[]; nextCursor: string | null; scannedTo?: string; total?: number };

/**
 * A list page costs the same with a thousand or a million documents behind it: measured without a
 * clock, as the rows PostgreSQL reads under FerretDB for one request (pg_stat_user_tables of this
 * test's database), with thousands of documents in another workspace and in this one's history.
 */
const postgresUrl = inject('postgresUrl');
describe.skipIf(!postgresUrl)('list pages read a bounded number of documents', () => {
  let ctx: AccessApp;
  let sql: pg.Client;
  let shop: Member;
  let schema: string;
  const HISTORY = 2_000;
  const OTHER = 3_000;

  beforeAll(async () => {
    ctx = await startAccessApp();
    sql = new pg.Client({ connectionString: postgresUrl });
    await sql.connect();
    schema = ctx.app.models.User.db.name;
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
    await sql?.end();
    await ctx?.stop();
  });

  /** Rows PostgreSQL has read from this database's collections so far (sequentially and by index). */
  async function rowsRead(): Promise<number> {
    const { rows } = await sql.query<{ n: string }>(
      `SELECT COALESCE(SUM(seq_tup_read + COALESCE(idx_tup_fetch, 0)), 0) AS n FROM pg_stat_user_tables
        WHERE schemaname = $1 AND relname NOT LIKE '\\_ferretdb\\_%'`,
      [schema],
    );
    return Number(rows[0]!.n);
  }

  /**
   * PostgreSQL backends publish their counts when idle, at most ten seconds later
   * (PGSTAT_IDLE_INTERVAL): read them once everything before has had that long.
   */
  const published = async () => {
    await new Promise((r) => setTimeout(r, 11_000));
    return await rowsRead();
  };
  let baseline: number | null = null;

  /** The rows read to answer these requests (each must answer 200). */
  async function rowsFor(...urls: string[]): Promise<{ rows: number; bodies: Page[] }> {
    const before = baseline ?? (await published());
    const bodies: Page[] = [];
    for (const url of urls) {
      const res = await ctx.app.inject({ url, headers: { cookie: shop.cookie } });
      expect(res.statusCode, res.body).toBe(200);
      bodies.push(res.json());
    }
    baseline = await published();
    return { rows: baseline - before, bodies };
  }

  it('sees a read of the whole workspace (the measure works)', async () => {
    const before = baseline ?? (await published());
    await ctx.app.models.Ticket.find({ workspaceId: shop.workspaceId })
      .setOptions({ [ALLOW_SCAN]: 'the control: a read of the whole workspace' })
      .lean();
    baseline = await published();
    expect(baseline - before).toBeGreaterThanOrEqual(HISTORY);
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
