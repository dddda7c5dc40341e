import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Page,
  SlaPolicyList,
  SlaPolicyWire,
  TicketBulkResult,
  TicketDetail,
  TicketEventWire,
  TicketWire,
} from '@kefu/schemas/api';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

// The tickets and SLA-policy API on the real database, driven through `inject` (no published
// ticket flow here: tickets-flow.test.ts runs flows on the real worker).
let ctx: AccessApp;
let owner: Member;
let agent: Member;
let analyst: Member;
let other: Member;

const call = async <T>(who: Member, method: string, url: string, payload?: unknown) => {
  const res = await ctx.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: who.cookie },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: JSON.parse(res.body || 'null') as T };
};
const open = async (who: Member, body: Record<string, unknown>) => {
  const res = await call<TicketWire>(who, 'POST', '/tickets', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const MINUTE = 60_000;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'desk');
  agent = await addMember(ctx.app, owner, ['agent']);
  analyst = await addMember(ctx.app, owner, ['analyst']);
  other = await signUp(ctx.app, 'desk-other');
});
afterAll(async () => await ctx?.stop());

describe('opening tickets', () => {
  it('opens a ticket with defaults and a created entry on its timeline', async () => {
    const ticket = await open(agent, { subject: 'Parcel lost', description: 'Order 42 never came' });
    expect(ticket).toMatchObject({
      subject: 'Parcel lost',
      status: 'open',
      priority: 'normal',
      source: 'agent',
      tags: [],
      customFields: {},
      sla: { firstResponseBreached: false, resolutionBreached: false },
    });
    const detail = await call<TicketDetail>(agent, 'GET', `/tickets/${ticket.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.timeline).toEqual([
      expect.objectContaining({ kind: 'created', actor: { type: 'user', userId: agent.userId } }),
    ]);
  });

  it('answers the same ticket for a retried create with the same idempotency key', async () => {
    const body = { subject: 'Refund please', idempotencyKey: 'form-123' };
    const first = await open(owner, body);
    const again = await open(owner, body);
    expect(again.id).toBe(first.id);
    const timeline = await call<TicketDetail>(owner, 'GET', `/tickets/${first.id}`);
    expect(timeline.body.timeline).toHaveLength(1);
  });

  it('takes the contact of the conversation it is opened from', async () => {
    const contact = await ctx.models.Contact.create({
      workspaceId: owner.workspaceId,
      visitorId: 'v-ticket',
    });
    const conversation = await ctx.models.Conversation.create({
      workspaceId: owner.workspaceId,
      contactId: contact._id,
      channel: 'web',
    });
    const ticket = await open(agent, { subject: 'From chat', conversationId: String(conversation._id) });
    expect(ticket).toMatchObject({
      source: 'conversation',
      conversationId: String(conversation._id),
      contactId: String(contact._id),
    });
  });

  it('refuses a bad priority, naming the field', async () => {
    const res = await call<{ code: string; field: string }>(agent, 'POST', '/tickets', {
      subject: 'x',
      priority: 'asap',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'KEFU_ERR_VALIDATION', field: 'body/priority' });
  });

  it("refuses an unknown assignee, another workspace's agent, team or conversation", async () => {
    const unknown = await call<{ field: string }>(agent, 'POST', '/tickets', {
      subject: 'x',
      assigneeId: '0123456789abcdef01234567',
    });
    expect(unknown).toMatchObject({ status: 400, body: { field: 'body/assigneeId' } });
    const foreign = await call<{ field: string }>(agent, 'POST', '/tickets', {
      subject: 'x',
      assigneeId: other.userId,
    });
    expect(foreign).toMatchObject({ status: 400, body: { field: 'body/assigneeId' } });
    const analystAssignee = await call<{ field: string }>(agent, 'POST', '/tickets', {
      subject: 'x',
      assigneeId: analyst.userId,
    });
    expect(analystAssignee).toMatchObject({ status: 400, body: { field: 'body/assigneeId' } });
    const team = await call<{ field: string }>(agent, 'POST', '/tickets', {
      subject: 'x',
      teamId: '0123456789abcdef01234567',
    });
    expect(team).toMatchObject({ status: 400, body: { field: 'body/teamId' } });
    const conversation = await call<{ field: string }>(agent, 'POST', '/tickets', {
      subject: 'x',
      conversationId: '0123456789abcdef01234567',
    });
    expect(conversation).toMatchObject({ status: 400, body: { field: 'body/conversationId' } });
  });

  it('keeps tickets from analysts', async () => {
    expect((await call(analyst, 'GET', '/tickets')).status).toBe(403);
    expect((await call(analyst, 'POST', '/tickets', { subject: 'x' })).status).toBe(403);
  });
});

describe('changing tickets', () => {
  it('records every changed field with who, from and to; unchanged fields not at all', async () => {
    const ticket = await open(agent, { subject: 'Broken cup', tags: ['shipping'] });
    const changed = await call<TicketWire>(agent, 'PATCH', `/tickets/${ticket.id}`, {
      status: 'pending',
      priority: 'high',
      assigneeId: agent.userId,
      tags: ['shipping'],
      customFields: { orderId: 'A-42', vip: true },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      status: 'pending',
      priority: 'high',
      assigneeId: agent.userId,
      customFields: { orderId: 'A-42', vip: true },
    });
    const cleared = await call<TicketWire>(owner, 'PATCH', `/tickets/${ticket.id}`, {
      assigneeId: null,
      customFields: { vip: null },
      status: 'solved',
    });
    expect(cleared.body.assigneeId).toBeUndefined();
    expect(cleared.body.customFields).toEqual({ orderId: 'A-42' });
    expect(cleared.body.sla.solvedAt).toBeDefined();

    const { body } = await call<TicketDetail>(owner, 'GET', `/tickets/${ticket.id}`);
    const changes = body.timeline
      .filter((e) => e.kind === 'changed')
      .map((e) => [e.field, e.from, e.to, e.actor.userId]);
    expect(changes).toEqual([
      ['status', 'open', 'pending', agent.userId],
      ['priority', 'normal', 'high', agent.userId],
      ['assigneeId', null, agent.userId, agent.userId],
      ['customFields', {}, { orderId: 'A-42', vip: true }, agent.userId],
      ['status', 'pending', 'solved', owner.userId],
      ['assigneeId', agent.userId, null, owner.userId],
      ['customFields', { orderId: 'A-42', vip: true }, { orderId: 'A-42' }, owner.userId],
    ]);
  });

  it('refuses an unknown assignee and an empty change', async () => {
    const ticket = await open(agent, { subject: 'x' });
    const bad = await call<{ field: string }>(agent, 'PATCH', `/tickets/${ticket.id}`, {
      assigneeId: other.userId,
    });
    expect(bad).toMatchObject({ status: 400, body: { field: 'body/assigneeId' } });
    expect((await call(agent, 'PATCH', `/tickets/${ticket.id}`, {})).status).toBe(400);
    expect((await call(agent, 'PATCH', `/tickets/${ticket.id}`, { status: 'resolved' })).status).toBe(400);
  });

  it("answers 404 for another workspace's ticket, to read, change or comment", async () => {
    const ticket = await open(agent, { subject: 'Private' });
    expect((await call(other, 'GET', `/tickets/${ticket.id}`)).status).toBe(404);
    expect((await call(other, 'PATCH', `/tickets/${ticket.id}`, { status: 'closed' })).status).toBe(404);
    expect((await call(other, 'POST', `/tickets/${ticket.id}/comments`, { text: 'hi' })).status).toBe(404);
    const list = await call<Page<TicketWire>>(other, 'GET', '/tickets');
    expect(list.body.items.map((t) => t.id)).not.toContain(ticket.id);
    expect((await call<TicketWire>(agent, 'GET', `/tickets/${ticket.id}`)).body).toMatchObject({
      ticket: { status: 'open' },
    });
  });

  it('takes the first public reply as the first response; a note does not count', async () => {
    const ticket = await open(agent, { subject: 'Where is my order?' });
    const note = await call<TicketEventWire>(agent, 'POST', `/tickets/${ticket.id}/comments`, {
      text: 'check warehouse',
      internal: true,
    });
    expect(note).toMatchObject({ status: 201, body: { kind: 'note', text: 'check warehouse' } });
    expect(
      (await call<TicketDetail>(agent, 'GET', `/tickets/${ticket.id}`)).body.ticket.sla.firstResponseAt,
    ).toBeUndefined();
    const reply = await call<TicketEventWire>(agent, 'POST', `/tickets/${ticket.id}/comments`, {
      text: 'On its way!',
    });
    expect(reply).toMatchObject({ status: 201, body: { kind: 'reply', text: 'On its way!' } });
    await call(agent, 'POST', `/tickets/${ticket.id}/comments`, { text: 'Tracking: 123' });
    const { body } = await call<TicketDetail>(agent, 'GET', `/tickets/${ticket.id}`);
    expect(body.ticket.sla.firstResponseAt).toBeDefined();
    expect(body.timeline.map((e) => e.kind)).toEqual(['created', 'note', 'reply', 'first-response', 'reply']);
  });
});

describe('replies reach the customer', () => {
  it("puts a public reply, not a note, into the ticket's conversation as the agent's message", async () => {
    const contact = await ctx.models.Contact.create({ workspaceId: owner.workspaceId, visitorId: 'v-reply' });
    const conversation = await ctx.models.Conversation.create({
      workspaceId: owner.workspaceId,
      contactId: contact._id,
      channel: 'web',
    });
    const ticket = await open(agent, { subject: 'Size swap', conversationId: String(conversation._id) });
    await call(agent, 'POST', `/tickets/${ticket.id}/comments`, { text: 'internal only', internal: true });
    await call(agent, 'POST', `/tickets/${ticket.id}/comments`, { text: 'Swapped to size M <b>!</b>' });
    const messages = await ctx.models.Message.find({
      workspaceId: owner.workspaceId,
      conversationId: conversation._id,
    }).lean();
    expect(messages.map((m) => [m.author, m.text, String(m.agentId)])).toEqual([
      ['agent', 'Swapped to size M <b>!</b>', agent.userId],
    ]);
  });
});

describe('listing tickets', () => {
  let lister: Member;
  let mine: TicketWire;
  let urgent: TicketWire;
  beforeAll(async () => {
    // A workspace of its own, so counts are exact.
    const shop = await signUp(ctx.app, 'desk-list');
    lister = shop;
    mine = await open(shop, {
      subject: 'Cup (a.b) broken?',
      priority: 'low',
      assigneeId: shop.userId,
      tags: ['glass'],
    });
    urgent = await open(shop, {
      subject: 'Site down',
      description: 'checkout gives 500',
      priority: 'urgent',
    });
    await open(shop, { subject: 'Invoice', priority: 'normal', tags: ['billing'] });
  });

  const ids = async (query: string) => {
    const res = await call<Page<TicketWire>>(lister, 'GET', `/tickets${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items.map((t) => t.subject);
  };

  it('filters by status, priority, assignee, tag and text (regex characters taken literally)', async () => {
    expect(await ids('?priority=urgent')).toEqual(['Site down']);
    expect(await ids('?assignee=me')).toEqual([mine.subject]);
    expect((await ids('?assignee=none')).sort()).toEqual(['Invoice', 'Site down']);
    expect(await ids('?tag=billing')).toEqual(['Invoice']);
    expect(await ids('?q=(A.B)')).toEqual([mine.subject]);
    expect(await ids('?q=CHECKOUT')).toEqual(['Site down']);
    expect(await ids('?q=a.*b')).toEqual([]);
    expect(await ids('?status=solved')).toEqual([]);
  });

  it('numbers tickets from #1001 in each workspace and finds one by its number', async () => {
    // This workspace's three tickets, in the order they were opened; another workspace counts on its own.
    const numbers = (await call<Page<TicketWire>>(lister, 'GET', '/tickets?sort=createdAt')).body.items.map(
      (t) => [t.subject, t.number],
    );
    expect(numbers).toEqual([
      [mine.subject, 1001],
      ['Site down', 1002],
      ['Invoice', 1003],
    ]);
    const elsewhere = await signUp(ctx.app, 'desk-numbers');
    expect((await open(elsewhere, { subject: 'First here' })).number).toBe(1001);
    // A retried open keeps its ticket's number.
    const once = await open(elsewhere, { subject: 'Retried', idempotencyKey: 'retry-number' });
    expect((await open(elsewhere, { subject: 'Retried', idempotencyKey: 'retry-number' })).number).toBe(
      once.number,
    );

    expect(await ids('?q=%231002')).toEqual(['Site down']);
    expect(await ids('?q=1003')).toEqual(['Invoice']);
    expect(await ids('?q=%20%231001%20')).toEqual([mine.subject]);
    // Numbers that name no ticket here, or another workspace's ticket, find nothing.
    expect(await ids('?q=%239999')).toEqual([]);
    expect(await ids('?q=%231')).toEqual([]);
    const detail = await call<TicketDetail>(lister, 'GET', `/tickets/${urgent.id}`);
    expect(detail.body.ticket.number).toBe(1002);
  });

  it('sorts the working set by priority rank, not by name; refuses it over all tickets', async () => {
    expect(await ids('?status=active&sort=-priority')).toEqual(['Site down', 'Invoice', mine.subject]);
    expect(await ids('?status=open&sort=priority')).toEqual([mine.subject, 'Invoice', 'Site down']);
    const refused = await call<{ field: string; message: string }>(lister, 'GET', '/tickets?sort=-priority');
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('querystring/sort');
    expect(refused.body.message).toMatch(/status=open, pending or active/);
  });

  it('pages with a cursor, no ticket twice', async () => {
    const first = await call<Page<TicketWire>>(lister, 'GET', '/tickets?limit=2&sort=createdAt');
    expect(first.body.items).toHaveLength(2);
    const second = await call<Page<TicketWire>>(
      lister,
      'GET',
      `/tickets?limit=2&sort=createdAt&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((t) => t.subject)).toEqual(['Invoice']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('finds breached and due tickets', async () => {
    // An SLA clock that ran out: set the due date in the past rather than wait.
    await ctx.models.Ticket.updateOne(
      { _id: urgent.id, workspaceId: lister.workspaceId },
      { $set: { resolutionDueAt: new Date(Date.now() - MINUTE) } },
    );
    expect(await ids('?breached=true')).toEqual(['Site down']);
    expect((await ids('?breached=false')).sort()).toEqual(['Cup (a.b) broken?', 'Invoice']);
    expect(await ids(`?dueBefore=${new Date().toISOString()}`)).toEqual(['Site down']);
    const detail = await call<TicketDetail>(lister, 'GET', `/tickets/${urgent.id}`);
    expect(detail.body.ticket.sla.resolutionBreached).toBe(true);
    // Solved late stays breached.
    await call(lister, 'PATCH', `/tickets/${urgent.id}`, { status: 'solved' });
    expect(await ids('?breached=true')).toEqual(['Site down']);
  });

  it('refuses unknown filters and bad values, naming them', async () => {
    const bad = await call<{ field: string }>(lister, 'GET', '/tickets?assignee=bob');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toContain('assignee');
    expect((await call(lister, 'GET', '/tickets?sort=subject')).status).toBe(400);
  });
});

describe('bulk changes', () => {
  it('changes the good ids and says why not for each bad one', async () => {
    const shop = await signUp(ctx.app, 'desk-bulk');
    const a = await open(shop, { subject: 'A', tags: ['old'] });
    const b = await open(shop, { subject: 'B' });
    const foreign = await open(other, { subject: 'Not yours' });
    const missing = '0123456789abcdef01234567';
    const res = await call<TicketBulkResult>(shop, 'POST', '/tickets/bulk', {
      ids: [a.id, foreign.id, b.id, missing, 'nope'],
      status: 'solved',
      assigneeId: shop.userId,
      addTags: ['q3'],
      removeTags: ['old'],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => [r.id, r.ok, r.error?.code])).toEqual([
      [a.id, true, undefined],
      [foreign.id, false, 'KEFU_ERR_NOT_FOUND'],
      [b.id, true, undefined],
      [missing, false, 'KEFU_ERR_NOT_FOUND'],
      ['nope', false, 'KEFU_ERR_NOT_FOUND'],
    ]);
    expect(res.body.results[0]!.ticket).toMatchObject({
      status: 'solved',
      assigneeId: shop.userId,
      tags: ['q3'],
    });
    expect((await call<TicketDetail>(other, 'GET', `/tickets/${foreign.id}`)).body.ticket.status).toBe(
      'open',
    );
  });

  it('refuses the whole request for an assignee no ticket can take', async () => {
    const shop = await signUp(ctx.app, 'desk-bulk2');
    const a = await open(shop, { subject: 'A' });
    const res = await call<{ field: string }>(shop, 'POST', '/tickets/bulk', {
      ids: [a.id],
      assigneeId: other.userId,
    });
    expect(res).toMatchObject({ status: 400, body: { field: 'body/assigneeId' } });
    expect((await call(shop, 'POST', '/tickets/bulk', { ids: [a.id] })).status).toBe(400);
  });
});

describe('SLA policies', () => {
  it('gives new tickets due dates from the default policy and moves them on a priority change', async () => {
    const shop = await signUp(ctx.app, 'desk-sla');
    const created = await call<SlaPolicyWire>(shop, 'POST', '/sla-policies', {
      name: 'Standard',
      isDefault: true,
      targets: {
        normal: { firstResponseMinutes: 60, resolutionMinutes: 480 },
        urgent: { firstResponseMinutes: 15, resolutionMinutes: 120 },
      },
    });
    expect(created.status).toBe(201);
    const before = Date.now();
    const ticket = await open(shop, { subject: 'Slow site' });
    const after = Date.now();
    const due = (iso: string | undefined) => Date.parse(iso ?? '');
    expect(due(ticket.sla.firstResponseDueAt)).toBeGreaterThanOrEqual(before + 60 * MINUTE);
    expect(due(ticket.sla.firstResponseDueAt)).toBeLessThanOrEqual(after + 60 * MINUTE);
    expect(due(ticket.sla.resolutionDueAt)).toBeGreaterThanOrEqual(before + 480 * MINUTE);
    expect(ticket.sla.policyId).toBe(created.body.id);

    const low = await open(shop, { subject: 'No target', priority: 'low' });
    expect(low.sla.resolutionDueAt).toBeUndefined();

    const start = Date.now();
    const raised = await call<TicketWire>(shop, 'PATCH', `/tickets/${ticket.id}`, { priority: 'urgent' });
    expect(due(raised.body.sla.resolutionDueAt)).toBeGreaterThanOrEqual(start + 120 * MINUTE);
    expect(due(raised.body.sla.resolutionDueAt)).toBeLessThan(due(ticket.sla.resolutionDueAt));
  });

  it('lets owners manage policies, with one default, and checks hours', async () => {
    const shop = await signUp(ctx.app, 'desk-sla2');
    const shopAgent = await addMember(ctx.app, shop, ['agent']);
    const targets = { normal: { firstResponseMinutes: 30, resolutionMinutes: 240 } };
    expect((await call(shopAgent, 'POST', '/sla-policies', { name: 'x', targets })).status).toBe(403);
    const zone = await call<{ field: string }>(shop, 'POST', '/sla-policies', {
      name: 'x',
      targets,
      businessHours: { timeZone: 'Mars/Olympus', schedule: [] },
    });
    expect(zone).toMatchObject({ status: 400, body: { field: 'body/businessHours/timeZone' } });
    const backwards = await call<{ field: string }>(shop, 'POST', '/sla-policies', {
      name: 'x',
      targets,
      businessHours: { schedule: [{ day: 'mon', open: '18:00', close: '09:00' }] },
    });
    expect(backwards).toMatchObject({ status: 400, body: { field: 'body/businessHours/schedule/0/close' } });
    expect(
      (
        await call(shop, 'POST', '/sla-policies', {
          name: 'x',
          targets: { normal: { firstResponseMinutes: 0, resolutionMinutes: 1 } },
        })
      ).status,
    ).toBe(400);

    const first = await call<SlaPolicyWire>(shop, 'POST', '/sla-policies', {
      name: 'First',
      targets,
      isDefault: true,
    });
    const second = await call<SlaPolicyWire>(shop, 'POST', '/sla-policies', {
      name: 'Office hours',
      targets,
      isDefault: true,
      businessHoursOnly: true,
      businessHours: {
        timeZone: 'Asia/Shanghai',
        schedule: [{ day: 'mon', open: '09:00', close: '18:00' }],
        holidays: ['2026-10-01'],
      },
    });
    expect(second.status).toBe(201);
    const list = await call<SlaPolicyList>(shopAgent, 'GET', '/sla-policies');
    expect(list.body.items.map((p) => [p.name, p.isDefault])).toEqual([
      ['First', false],
      ['Office hours', true],
    ]);
    const patched = await call<SlaPolicyWire>(shop, 'PATCH', `/sla-policies/${first.body.id}`, {
      name: 'Renamed',
      targets: { urgent: { firstResponseMinutes: 5, resolutionMinutes: 60 } },
    });
    expect(patched.body).toMatchObject({
      name: 'Renamed',
      targets: { urgent: { firstResponseMinutes: 5, resolutionMinutes: 60 } },
    });
    expect(patched.body.targets.normal).toBeUndefined();
    const cleared = await call<SlaPolicyWire>(shop, 'PATCH', `/sla-policies/${second.body.id}`, {
      businessHours: null,
    });
    expect(cleared.body.businessHours).toBeUndefined();

    expect((await call(other, 'GET', `/sla-policies/${first.body.id}`)).status).toBe(404);
    expect((await call(other, 'DELETE', `/sla-policies/${first.body.id}`)).status).toBe(404);
    expect((await call(shop, 'DELETE', `/sla-policies/${first.body.id}`)).status).toBe(200);
    expect((await call(shop, 'GET', `/sla-policies/${first.body.id}`)).status).toBe(404);
    const audit = await call<{ items: Array<{ action: string }> }>(shop, 'GET', '/audit');
    expect(audit.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['sla-policy.create', 'sla-policy.update', 'sla-policy.delete']),
    );
  });
});
