import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Types } from 'mongoose';
import type { LightMyRequestResponse } from 'fastify';
import type { RunPage } from '@kefu/schemas/api';
import { storeReads } from '@kefu/runtime/store';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

/**
 * GET /runs as the run explorer asks it, on the real store with the query audit on: each filter,
 * a customer search, the bounded window on a rare filter, and the refusals that name their field.
 */
let ctx: AccessApp;
let owner: Member;
let analyst: Member;
let other: Member;
const flowA = String(new Types.ObjectId());
const flowB = String(new Types.ObjectId());
const ids: Record<'lin' | 'bo', string> = {} as never;
const HOUR = 3_600_000;
const BULK = 1_500;
const base = Date.now() - 100 * HOUR;
let n = 0;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'run-explorer');
  analyst = await addMember(ctx.app, owner, ['analyst'], 'ana');
  other = await signUp(ctx.app, 'other-run-explorer');
  const { Contact } = ctx.models;
  const contact = async (fields: Record<string, unknown>) =>
    String(
      (await Contact.create({ workspaceId: owner.workspaceId, visitorId: `v-${Math.random()}`, ...fields }))
        ._id,
    );
  ids.lin = await contact({ name: 'Lin Wei', email: 'Lin@Shop.test', phone: '+86 138 0000 1111' });
  ids.bo = await contact({ name: 'Bo', email: 'bo@shop.test' });
  // Oldest first, an hour apart.
  await run({
    flowId: flowA,
    version: 1,
    status: 'completed',
    channel: 'web',
    endNodeId: 'bye',
    contactId: ids.lin,
    tags: ['vip'],
  });
  await run({
    flowId: flowA,
    version: 2,
    status: 'failed',
    channel: 'email',
    endNodeId: 'http',
    contactId: ids.bo,
  });
  await run({
    flowId: flowB,
    version: 1,
    status: 'running',
    channel: 'api',
    teams: ['support'],
    contactId: ids.lin,
  });
  await run({
    flowId: flowB,
    version: 1,
    status: 'completed',
    channel: 'web',
    teams: ['support', 'sales'],
    endNodeId: 'bye',
  });
  await run({ flowId: flowA, version: 1, status: 'completed', test: true, channel: 'web' });
  await run({ flowId: flowA, version: 1, status: 'completed' }, other.workspaceId);
});
afterAll(async () => await ctx?.stop());

async function run(fields: Record<string, unknown>, workspaceId = owner.workspaceId) {
  const i = n++;
  await ctx.models.FlowRun.create({
    workspaceId,
    runId: randomUUID(),
    workflowId: `wf-${i}`,
    steps: 3,
    startedAt: new Date(base + i * HOUR),
    currentNodeId: fields.status === 'running' ? 'wait' : null,
    ...fields,
  });
}

function call(who: Member, url: string): Promise<LightMyRequestResponse> {
  return ctx.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
}

async function list(query: string, who = analyst): Promise<RunPage> {
  const res = await call(who, `/runs${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const flowsOf = (page: RunPage) =>
  page.items.map((r) => [r.flowId === flowA ? 'A' : 'B', r.version, r.status]);

describe('run explorer API', () => {
  it("lists every real run of the workspace newest first, never simulations nor another shop's", async () => {
    const page = await list('');
    expect(flowsOf(page)).toEqual([
      ['B', 1, 'completed'],
      ['B', 1, 'running'],
      ['A', 2, 'failed'],
      ['A', 1, 'completed'],
    ]);
    expect(page.nextCursor).toBeNull();
    expect(page.scanned).toBeGreaterThanOrEqual(4);
    // Who the contact is, for the list: masked for an analyst without "view personal data", clear for the owner.
    expect(page.items[1]!.customer).toEqual({
      name: 'Lin Wei',
      email: 'L***@Shop.test',
      phone: '86138****1111',
    });
    expect((await list('', owner)).items[1]!.customer).toEqual({
      name: 'Lin Wei',
      email: 'Lin@Shop.test',
      phone: '+86 138 0000 1111',
    });
    expect(page.items[0]).toMatchObject({ channel: 'web', teams: ['support', 'sales'], endNodeId: 'bye' });
  });

  it('filters by flow, version, status, ending node, channel, team, tag and contact', async () => {
    expect(flowsOf(await list(`?flowId=${flowA}`))).toEqual([
      ['A', 2, 'failed'],
      ['A', 1, 'completed'],
    ]);
    expect(flowsOf(await list(`?flowId=${flowA}&version=1`))).toEqual([['A', 1, 'completed']]);
    expect(flowsOf(await list('?status=running'))).toEqual([['B', 1, 'running']]);
    expect(flowsOf(await list('?endNodeId=bye'))).toEqual([
      ['B', 1, 'completed'],
      ['A', 1, 'completed'],
    ]);
    expect(flowsOf(await list('?channel=email'))).toEqual([['A', 2, 'failed']]);
    expect(flowsOf(await list('?team=support'))).toEqual([
      ['B', 1, 'completed'],
      ['B', 1, 'running'],
    ]);
    expect(flowsOf(await list('?team=sales&status=completed'))).toEqual([['B', 1, 'completed']]);
    expect(flowsOf(await list('?tag=vip'))).toEqual([['A', 1, 'completed']]);
    const lin = await list(`?contactId=${ids.lin}`);
    expect(flowsOf(lin)).toEqual([
      ['B', 1, 'running'],
      ['A', 1, 'completed'],
    ]);
    expect(lin.total).toBe(2);
    expect((await list('?test=true')).items).toHaveLength(1);
    expect((await list('?channel=api&status=failed')).items).toEqual([]);
  });

  it('filters by start time', async () => {
    const at = (i: number) => new Date(base + i * HOUR).toISOString();
    expect(flowsOf(await list(`?from=${at(1)}&to=${at(3)}`))).toEqual([
      ['B', 1, 'running'],
      ['A', 2, 'failed'],
    ]);
    expect(flowsOf(await list(`?from=${at(3)}`))).toEqual([['B', 1, 'completed']]);
    expect(flowsOf(await list(`?to=${at(1)}&flowId=${flowA}`))).toEqual([['A', 1, 'completed']]);
  });

  it('finds a customer by name, email or phone, and says whom it found', async () => {
    for (const q of ['lin', 'LIN@shop.test', '+86 13800001111', 'Lin Wei']) {
      const page = await list(`?customer=${encodeURIComponent(q)}`);
      expect(
        page.customers?.map((c) => c.id),
        q,
      ).toEqual([ids.lin]);
      expect(flowsOf(page), q).toEqual([
        ['B', 1, 'running'],
        ['A', 1, 'completed'],
      ]);
    }
    const withFilter = await list(`?customer=lin&status=completed`);
    expect(flowsOf(withFilter)).toEqual([['A', 1, 'completed']]);
    const nobody = await list('?customer=nobody');
    expect(nobody).toMatchObject({ items: [], customers: [], nextCursor: null });
  });

  it('reads a bounded window on a rare filter and says how far it got, then searches on', async () => {
    // 1,500 more runs with nothing the filter wants: the rare one is older than one request reads.
    await ctx.models.FlowRun.insertMany(
      Array.from({ length: BULK }, (_, i) => ({
        workspaceId: owner.workspaceId,
        runId: randomUUID(),
        workflowId: `wf-bulk-${i}`,
        flowId: flowB,
        version: 3,
        status: 'completed',
        steps: 1,
        startedAt: new Date(base + (10 + i) * 60_000 + 10 * HOUR),
      })),
    );
    let first: RunPage | null = null;
    const postgresUrl = inject('postgresUrl');
    if (postgresUrl) {
      // Counted by PostgreSQL itself: the request reads its window, not the workspace's 1,500 runs.
      const reads = await storeReads(postgresUrl, ctx.models.FlowRun.db.name);
      const read = await reads.during(async () => (first = await list('?channel=email&limit=5')));
      await reads.close();
      console.log('GET /runs?channel=email read', JSON.stringify(read));
      expect(read.rows).toBeLessThan(800);
    } else first = await list('?channel=email&limit=5');
    expect(first!.items).toEqual([]);
    // 16 page keys of 32 runs, the newest one partly filled.
    expect(first!.scanned).toBeGreaterThan(480);
    expect(first!.scanned).toBeLessThanOrEqual(512);
    expect(first!.scannedTo).toBeDefined();
    expect(first!.nextCursor).not.toBeNull();
    let page: RunPage = first!;
    const found: RunPage['items'] = [];
    for (let i = 0; i < 6 && page.nextCursor; i++) {
      page = await list(`?channel=email&limit=5&cursor=${encodeURIComponent(page.nextCursor)}`);
      found.push(...page.items);
    }
    expect(flowsOf({ ...page, items: found })).toEqual([['A', 2, 'failed']]);
    // A flow's own list: only its runs are read.
    expect(flowsOf(await list(`?flowId=${flowA}&channel=email`))).toEqual([['A', 2, 'failed']]);
  });

  it('refuses bad ids, dates, values and cursors in the one error shape, naming the field', async () => {
    const cases: [string, string][] = [
      ['?flowId=nope', 'querystring/flowId'],
      ['?contactId=123', 'querystring/contactId'],
      ['?conversationId=zz', 'querystring/conversationId'],
      ['?version=0', 'querystring/version'],
      ['?version=one', 'querystring/version'],
      ['?status=lost', 'querystring/status'],
      ['?channel=fax', 'querystring/channel'],
      ['?team=Not%20A%20Key', 'querystring/team'],
      ['?endNodeId=a%20b', 'querystring/endNodeId'],
      ['?tag=a%0Ab', 'querystring/tag'],
      ['?customer=x', 'querystring/customer'],
      ['?from=yesterday', 'querystring/from'],
      ['?to=2026-13-40T00:00:00Z', 'querystring/to'],
      ['?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'querystring/to'],
      ['?cursor=garbage', 'querystring/cursor'],
      ['?sort=status', 'querystring/sort'],
      ['?unknown=1', 'querystring/unknown'],
    ];
    for (const [query, field] of cases) {
      const res = await call(analyst, `/runs${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.json(), query).toMatchObject({ statusCode: 400, code: 'KEFU_ERR_VALIDATION', field });
    }
    // A cursor of another list is refused too.
    const flowPage = await list(`?flowId=${flowA}&limit=1`);
    const res = await call(analyst, `/runs?limit=1&cursor=${encodeURIComponent(flowPage.nextCursor!)}`);
    expect(res.json()).toMatchObject({ statusCode: 400, field: 'querystring/cursor' });
  });

  it("opens any listed run; another shop's run is not found", async () => {
    // A contact's runs are read whole: no window to search past the bulk runs added above.
    const [first] = (await list(`?contactId=${ids.lin}&channel=api`)).items;
    const res = await call(analyst, `/runs/${first!.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().run).toMatchObject({ id: first!.id, channel: 'api', teams: ['support'] });
    const theirPage = await list('', other);
    expect(theirPage.items, JSON.stringify(theirPage)).toHaveLength(1);
    const theirs = theirPage.items[0]!;
    expect((await call(analyst, `/runs/${theirs.id}`)).statusCode).toBe(404);
  });
});
