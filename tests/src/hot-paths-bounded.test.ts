import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WidgetServerFrame } from '@kefu/schemas';
import { storeReads, type Reads, type StoreReads } from '@kefu/runtime/store';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { signUpStaffShop, type StaffShop } from './support/staff';
import { WidgetSocket } from './support/widget-socket';

/** Documents of each big collection added per workspace: enough that a read of them all stands out. */
const HISTORY = 1_500;
/** How long the store must be still before a customer's chat is taken to be done with it. */
const QUIET_MS = 3_000;

/**
 * The customer's path (hello, message, the bot's reply) and the agent's queue (GET /inbox) read the
 * same from the store however much else it holds: counted, not timed, from PostgreSQL's own
 * statement counters (rows FerretDB fetched, pages read), first on a nearly empty store, then with
 * thousands of messages, contacts, conversations and run steps in other workspaces and in the old
 * history of the same ones.
 */
describe.skipIf(!inject('postgresUrl'))('hot paths read a bounded set', () => {
  let product: RunningProduct;
  let reads: StoreReads;
  let owner: StaffShop;
  let sql: pg.Client;
  let database: string;

  beforeAll(async () => {
    // The worker's KPI applier reads on a timer (bounded batches by an indexed key): off here, so the
    // store falls quiet and what is measured is the hot paths' own reads.
    product = await startProduct({ kpiApplyEveryMs: 0 });
    database = new URL(product.env.MONGODB_URI!).pathname.slice(1);
    reads = await storeReads(inject('postgresUrl'), database);
    sql = new pg.Client({ connectionString: inject('postgresUrl') });
    await sql.connect();
    owner = await signUpStaffShop(product.url, 'bounded');
    const team = await callApi<{ id: string }>(product.url, owner, 'POST', '/teams', {
      key: 'support',
      name: 'Support',
      members: [owner.userId],
    });
    await liveWork(owner.workspaceId, team.body.id);
  });
  afterAll(async () => {
    await sql?.end();
    await reads?.close();
    await product?.stop();
  });

  /** What the inbox shows now: two chats waiting in the team's queue, one held by the owner. */
  async function liveWork(workspaceId: string, teamId: string) {
    const { Contact, Conversation } = product.models;
    for (const [i, held] of [false, false, true].entries()) {
      const contact = await Contact.create({ workspaceId, visitorId: `live-${i}`, name: `Live ${i}` });
      const at = new Date();
      await Conversation.create({
        workspaceId,
        contactId: contact._id,
        channel: 'web',
        teamId,
        ...(held ? { assignee: { agentId: owner.userId, at } } : {}),
        lastMessageAt: at,
        lastMessage: { author: 'customer', text: 'Hello?', at },
        lastCustomerAt: at,
      });
    }
  }

  /** A new visitor of the demo shop: hello, the greeting, a message, the bot's answer, the run's end. */
  async function customerChat(): Promise<void> {
    const widget = await WidgetSocket.open(product.wsUrl);
    const isBot = (f: WidgetServerFrame) => f.type === 'message' && f.message.author === 'bot';
    try {
      await widget.hello(`visitor-${randomUUID()}`);
      await widget.next(isBot);
      const from = widget.frames.length;
      widget.send({ type: 'message', clientMessageId: 'cust-0001', text: 'Where is my parcel?' });
      await widget.next(isBot, from);
    } finally {
      widget.ws.close();
    }
  }

  async function agentQueue(): Promise<void> {
    const inbox = await callApi<{ queue: unknown[]; mine: unknown[] }>(product.url, owner, 'GET', '/inbox');
    expect(inbox.status).toBe(200);
    expect([inbox.body.queue.length, inbox.body.mine.length]).toEqual([2, 1]);
  }

  /** FerretDB's tables made steady, as a store is after autovacuum: indexes merged, statistics known. */
  async function settle(): Promise<void> {
    const { rows } = await sql.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = $1`,
      [database],
    );
    for (const { t } of rows)
      await sql.query(`VACUUM ANALYZE ${pg.escapeIdentifier(database)}.${pg.escapeIdentifier(t)}`);
  }

  /** Old history: closed chats (the owner's among them), their messages, contacts, runs and steps. */
  async function history(workspaceId: string, agentId?: string): Promise<void> {
    const { Contact, Conversation, Message, FlowRun, RunStep } = product.models;
    const ws = new Types.ObjectId(workspaceId);
    const ids = Array.from({ length: HISTORY }, () => new Types.ObjectId());
    const contacts = Array.from({ length: HISTORY }, () => new Types.ObjectId());
    const old = new Date(Date.now() - 90 * 24 * 3600_000);
    await Contact.insertMany(contacts.map((_id, i) => ({ _id, workspaceId: ws, visitorId: `old-${i}` })));
    await Conversation.insertMany(
      ids.map((_id, i) => ({
        _id,
        workspaceId: ws,
        contactId: contacts[i],
        channel: 'web',
        // Most closed (half of them the agent's, who resolved them); bot chats nobody closed stay open.
        status: i % 5 ? 'closed' : 'open',
        ...(agentId && i % 5 && i % 2 ? { assignee: { agentId, at: old } } : {}),
        createdAt: old,
      })),
    );
    await Message.insertMany(
      ids.flatMap((conversationId, i) =>
        (['customer', 'bot'] as const).map((author) => ({
          workspaceId: ws,
          conversationId,
          author,
          text: 'An old message',
          idempotencyKey: `old/${workspaceId}/${i}/${author}`,
        })),
      ),
    );
    const runs = ids.map((conversationId, i) => ({
      workspaceId: ws,
      runId: `old-run-${workspaceId}-${i}`,
      workflowId: `conversation-${String(conversationId)}`,
      flowId: new Types.ObjectId(),
      version: 1,
      conversationId,
      contactId: contacts[i],
      status: 'completed',
      startedAt: old,
      steps: 1,
    }));
    await FlowRun.insertMany(runs);
    await RunStep.insertMany(
      runs.map((r) => ({
        workspaceId: ws,
        runId: r.runId,
        step: 1,
        nodeId: 'start',
        nodeType: 'conversation-started',
        enteredAt: old,
        leftAt: old,
      })),
    );
  }

  it('reads no more with thousands of documents elsewhere and in old history', async () => {
    const t0 = Date.now();
    const log = (what: string) => console.log(`${what} at ${Date.now() - t0} ms`);
    await reads.during(customerChat, QUIET_MS); // warm-up: caches, first writes of each collection
    log('warm');
    await agentQueue();
    await settle();
    // The run's history and end are written after the reply: counted until the store is quiet.
    const before = {
      customer: await reads.during(customerChat, QUIET_MS),
      queue: await reads.during(agentQueue),
    };

    log('before');
    await history(product.workspaceId);
    await history(owner.workspaceId, owner.userId);
    await history(String(new Types.ObjectId()));
    await settle();
    log('history');
    const after = {
      customer: await reads.during(customerChat, QUIET_MS),
      queue: await reads.during(agentQueue),
    };

    console.log('store reads', JSON.stringify({ before, after }));
    // A read of one workspace's history would add thousands of rows; the slack is for a poll more or less.
    const flat = (was: Reads, now: Reads) => ({
      rows: now.rows <= was.rows * 1.25 + 20,
      pages: now.pages <= was.pages * 1.25 + 100,
    });
    expect({
      before,
      after,
      customer: flat(before.customer, after.customer),
      queue: flat(before.queue, after.queue),
    }).toMatchObject({ customer: { rows: true, pages: true }, queue: { rows: true, pages: true } });
  }, 600_000);
});
