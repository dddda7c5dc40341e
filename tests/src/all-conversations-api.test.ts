import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

/** GET /inbox/all on the real store (query audit on): every state, each filter, who may read it. */
let ctx: AccessApp;
let owner: Member;
let ana: Member;
let other: Member;
let teamId: string;
const ids: Record<'bot' | 'waiting' | 'agent' | 'closed' | 'email' | 'vip', string> = {} as never;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'all-convos');
  ana = await addMember(ctx.app, owner, ['agent'], 'ana');
  other = await signUp(ctx.app, 'other-all-convos');
  teamId = (
    await call(owner, 'POST', '/teams', { key: 'support', name: 'Support', members: [ana.userId] })
  ).json().id;
  await call(ana, 'PATCH', '/agents/me', { presence: 'online', maxConcurrent: 5 });
  ids.closed = await conversation({ status: 'closed' }, -50);
  ids.email = await conversation({ channel: 'email' }, -40);
  ids.vip = await conversation({}, -30, ['vip']);
  ids.agent = await conversation({ teamId }, -20);
  expect((await call(ana, 'POST', `/conversations/${ids.agent}/accept`)).statusCode).toBe(200);
  ids.waiting = await conversation({ teamId }, -10);
  ids.bot = await conversation({}, 0);
});
afterAll(async () => await ctx?.stop());

function call(who: Member, method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: who.cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** A conversation with one customer message `minutes` from now (its last activity). */
async function conversation(
  fields: Record<string, unknown>,
  minutes: number,
  tags: string[] = [],
): Promise<string> {
  const { Contact, Conversation } = ctx.models;
  const at = new Date(Date.now() + minutes * 60_000);
  const contact = await Contact.create({
    workspaceId: owner.workspaceId,
    visitorId: `v-${Math.random()}`,
    name: 'Lin',
    tags,
  });
  const c = await Conversation.create({
    workspaceId: owner.workspaceId,
    contactId: contact._id,
    channel: 'web',
    lastMessageAt: at,
    lastCustomerAt: at,
    lastMessage: { author: 'customer', text: `hello ${minutes}`, at },
    ...fields,
  });
  return String(c._id);
}

const list = async (query = '', who = owner) => {
  const res = await call(who, 'GET', `/inbox/all${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; state: string }[]; nextCursor: string | null; total?: number };
};

describe('all conversations', () => {
  it('lists every state for the owner, with the state named', async () => {
    const { items } = await list();
    const byId = new Map(items.map((c) => [c.id, c.state]));
    expect(byId.get(ids.bot)).toBe('bot');
    expect(byId.get(ids.waiting)).toBe('waiting');
    expect(byId.get(ids.agent)).toBe('agent');
    expect(byId.get(ids.closed)).toBe('closed');
    expect(items).toHaveLength(6);
  });

  it('filters by state, newest activity first for the open ones', async () => {
    expect((await list('?state=bot')).items.map((c) => c.id)).toEqual([ids.bot, ids.vip, ids.email]);
    expect((await list('?state=waiting')).items.map((c) => c.id)).toEqual([ids.waiting]);
    expect((await list('?state=agent')).items.map((c) => c.id)).toEqual([ids.agent]);
    expect((await list('?state=closed')).items.map((c) => c.id)).toEqual([ids.closed]);
  });

  it('filters by channel, team, tag and time', async () => {
    expect((await list('?channel=email')).items.map((c) => c.id)).toEqual([ids.email]);
    expect((await list(`?teamId=${teamId}&state=waiting`)).items.map((c) => c.id)).toEqual([ids.waiting]);
    expect((await list('?tag=vip')).items.map((c) => c.id)).toEqual([ids.vip]);
    expect((await list('?tag=vip&state=bot')).items.map((c) => c.id)).toEqual([ids.vip]);
    const from = new Date(Date.now() - 15 * 60_000).toISOString();
    expect((await list(`?from=${from}&state=bot`)).items.map((c) => c.id)).toEqual([ids.bot]);
    const to = new Date(Date.now() - 35 * 60_000).toISOString();
    expect((await list(`?to=${encodeURIComponent(to)}`)).items.map((c) => c.id)).toEqual([
      ids.email,
      ids.closed,
    ]); // all states: newest started first
  });

  it('pages by cursor without repeating a row', async () => {
    const first = await list('?state=bot&limit=2');
    expect(first.total).toBe(3);
    const second = await list(`?state=bot&limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual([ids.bot, ids.vip, ids.email]);
    expect(second.nextCursor).toBeNull();
    const all1 = await list('?limit=4');
    const all2 = await list(`?limit=4&cursor=${all1.nextCursor}`);
    expect(new Set([...all1.items, ...all2.items].map((c) => c.id)).size).toBe(6);
  });

  it('is for owners: an agent is refused, another workspace sees none of it, a bad filter is a 400', async () => {
    expect((await call(ana, 'GET', '/inbox/all')).statusCode).toBe(403);
    expect((await list('', other)).items).toEqual([]);
    const bad = await call(owner, 'GET', '/inbox/all?state=sleeping');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toMatch(/querystring/);
    const cursor = await call(
      owner,
      'GET',
      `/inbox/all?state=closed&cursor=${(await list('?state=bot&limit=1')).nextCursor}`,
    );
    expect(cursor.statusCode).toBe(400);
  });
});
