import { Types } from 'mongoose';
import { ALLOW_SCAN } from '@kefu/runtime/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, TicketCounts, TicketWire } from '@kefu/schemas/api';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

/**
 * The big lists on the real store: every row once and in order while rows are added between
 * pages, filters within bounded reads (short pages that go on), the sorts they refuse, search by
 * exact keys then substrings, and counts after concurrent changes.
 */
let ctx: AccessApp;
beforeAll(async () => {
  ctx = await startAccessApp();
});
afterAll(async () => await ctx?.stop());

async function get<T>(member: Member, url: string): Promise<{ status: number; body: T }> {
  const res = await ctx.app.inject({ url, headers: { cookie: member.cookie } });
  return { status: res.statusCode, body: res.json() as T };
}

/** Follows nextCursor to the end, calling `between` after each page; returns the rows' `key`s. */
async function walk<T>(
  member: Member,
  url: string,
  key: (row: T) => string,
  between: () => Promise<void> = async () => {},
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const sep = url.includes('?') ? '&' : '?';
    const res: { status: number; body: Page<T> } = await get<Page<T>>(
      member,
      `${url}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(...res.body.items.map(key));
    cursor = res.body.nextCursor;
    if (!cursor) return seen;
    await between();
  }
  throw new Error('more than 50 pages');
}

describe('every row once, in order, while rows are added between pages', () => {
  let shop: Member;
  let added = 0;
  const ticket = async (subject: string, extra: Record<string, unknown> = {}) => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/tickets',
      headers: { cookie: shop.cookie },
      payload: { subject, ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as TicketWire;
  };
  beforeAll(async () => {
    shop = await signUp(ctx.app, 'lists-order');
    // More than one page key (32 ordinals) so pages cross them.
    for (let i = 0; i < 45; i++)
      await ticket(`t${String(i).padStart(2, '0')}`, {
        priority: ['low', 'normal', 'high', 'urgent'][i % 4],
      });
  });
  const addTicket = async () => {
    await ticket(`added${added++}`, { priority: 'urgent' });
  };

  it('tickets newest first: the rows there were, once each; the new ones are newer than the first page', async () => {
    const before = await walk<TicketWire>(shop, '/tickets?limit=100', (t) => t.subject);
    expect(before).toEqual(Array.from({ length: 45 }, (_, i) => `t${String(44 - i).padStart(2, '0')}`));
    const seen = await walk<TicketWire>(shop, '/tickets?limit=7', (t) => t.subject, addTicket);
    expect(seen).toEqual(before);
  });

  it('tickets oldest first: the rows there were in order, then the ones added meanwhile, once each', async () => {
    const before = await walk<TicketWire>(shop, '/tickets?limit=100&sort=createdAt', (t) => t.subject);
    const from = added;
    const seen = await walk<TicketWire>(shop, '/tickets?limit=9&sort=createdAt', (t) => t.subject, addTicket);
    expect(seen.slice(0, before.length)).toEqual(before);
    const late = seen.slice(before.length);
    expect(late).toEqual(Array.from({ length: late.length }, (_, i) => `added${from + i}`));
    expect(late.length).toBeGreaterThan(0);
  });

  it('the open working set by priority: rows there were, once each, in priority order', async () => {
    const rank = { low: 0, normal: 1, high: 2, urgent: 3 } as const;
    const key = (t: TicketWire) => `${t.priority}/${t.id}`;
    const before = await walk<TicketWire>(shop, '/tickets?status=open&sort=-priority&limit=100', key);
    const seen = await walk<TicketWire>(shop, '/tickets?status=open&sort=-priority&limit=6', key, addTicket);
    // A ticket added meanwhile shows if it sorts after the cursor (ids break ties), else not.
    expect(seen.filter((k) => before.includes(k))).toEqual(before);
    expect(new Set(seen).size).toBe(seen.length);
    const ranks = seen.map((k) => rank[k.split('/')[0] as keyof typeof rank]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('contacts, conversations and the audit log page the same way', async () => {
    const { Contact, Conversation, AuditEntry } = ctx.app.models;
    const ws = shop.workspaceId;
    const contacts = [];
    for (let i = 0; i < 40; i++)
      contacts.push(await Contact.create({ workspaceId: ws, visitorId: `v${i}`, name: `c${i}` }));
    for (let i = 0; i < 40; i++)
      await Conversation.create({ workspaceId: ws, contactId: contacts[i]!._id, channel: 'web' });
    for (let i = 0; i < 40; i++)
      await AuditEntry.create({
        workspaceId: ws,
        actorId: shop.userId,
        actorEmail: shop.email,
        action: `a${i}`,
        targetType: 'x',
        targetId: 'y',
      });
    let n = 0;
    const more = async () => {
      const c = await Contact.create({ workspaceId: ws, visitorId: `late${n}`, name: `late${n}` });
      await Conversation.create({ workspaceId: ws, contactId: c._id, channel: 'web' });
      await AuditEntry.create({
        workspaceId: ws,
        actorId: shop.userId,
        actorEmail: shop.email,
        action: `late${n++}`,
        targetType: 'x',
        targetId: 'y',
      });
    };
    const names = await walk<{ name?: string }>(shop, '/contacts?limit=6', (c) => c.name ?? '', more);
    expect(names).toEqual(Array.from({ length: 40 }, (_, i) => `c${39 - i}`));
    const convs = await walk<{ contactId: string }>(
      shop,
      '/conversations?limit=6&sort=createdAt',
      (c) => c.contactId,
      more,
    );
    expect(convs.slice(0, 40)).toEqual(contacts.map((c) => String(c._id)));
    expect(new Set(convs).size).toBe(convs.length);
    const log = await walk<{ action: string }>(shop, '/audit?limit=100', (e) => e.action);
    expect(log.filter((a) => a.startsWith('a'))).toEqual(Array.from({ length: 40 }, (_, i) => `a${39 - i}`));
    expect(await walk<{ action: string }>(shop, '/audit?limit=6', (e) => e.action, more)).toEqual(log);
  });
});

describe('runs', () => {
  it("pages a flow's runs and the workspace's, newest first; a conversation's as a set", async () => {
    const shop = await signUp(ctx.app, 'lists-runs');
    const { FlowRun } = ctx.app.models;
    const flows = [new Types.ObjectId(), new Types.ObjectId()];
    const conversation = new Types.ObjectId();
    for (let i = 0; i < 50; i++) {
      const runId = `run-${String(i).padStart(2, '0')}`;
      // As the worker records a run: an upsert on its first flush.
      await FlowRun.updateOne(
        { workspaceId: shop.workspaceId, runId },
        {
          $set: { status: 'running', steps: 1 },
          $setOnInsert: {
            workspaceId: shop.workspaceId,
            runId,
            workflowId: `wf-${i}`,
            flowId: flows[i % 2],
            version: 1,
            startedAt: new Date(Date.now() - (50 - i) * 1000),
            ...(i % 10 === 0 ? { conversationId: conversation } : {}),
          },
        },
        { upsert: true },
      );
    }
    const ids = (n: (i: number) => boolean) =>
      Array.from({ length: 50 }, (_, i) => `run-${String(49 - i).padStart(2, '0')}`).filter((_, i) =>
        n(49 - i),
      );
    const id = (r: { id: string }) => r.id;
    expect(await walk(shop, `/runs?flowId=${String(flows[1])}&limit=7`, id)).toEqual(ids((i) => i % 2 === 1));
    expect(await walk(shop, '/runs?limit=9', id)).toEqual(ids(() => true));
    expect(await walk(shop, `/runs?conversationId=${String(conversation)}&limit=2`, id)).toEqual(
      ids((i) => i % 10 === 0),
    );
    expect(await walk(shop, '/runs?test=true', id)).toEqual([]);
  });
});

describe('filters within bounded reads', () => {
  let shop: Member;
  beforeAll(async () => {
    shop = await signUp(ctx.app, 'lists-filter');
    const { Ticket } = ctx.app.models;
    // The one match is the oldest of 700: more than one request reads (512).
    await Ticket.insertMany([
      {
        workspaceId: shop.workspaceId,
        subject: 'Needle in the haystack',
        source: 'agent',
        status: 'closed',
        idempotencyKey: `f/${shop.workspaceId}/needle`,
      },
      ...Array.from({ length: 699 }, (_, i) => ({
        workspaceId: shop.workspaceId,
        subject: `hay ${i}`,
        source: 'agent' as const,
        status: 'closed' as const,
        idempotencyKey: `f/${shop.workspaceId}/${i}`,
      })),
    ]);
  });

  it('comes back short with a cursor that searches on, and says how far it got', async () => {
    const first = await get<Page<TicketWire>>(shop, '/tickets?q=NEEDLE');
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([]);
    expect(first.body.nextCursor).not.toBeNull();
    expect(first.body.scannedTo).toMatch(/^\d{4}-/);
    const second = await get<Page<TicketWire>>(shop, `/tickets?q=NEEDLE&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((t) => t.subject)).toEqual(['Needle in the haystack']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses sorts that would read the whole history, naming querystring/sort', async () => {
    for (const url of [
      '/tickets?sort=-updatedAt',
      '/tickets?status=closed&sort=resolutionDueAt',
      '/conversations?sort=-lastMessageAt',
      '/contacts?sort=name',
    ]) {
      const res = await get<{ field: string }>(shop, url);
      expect(res.status, url).toBe(400);
      expect(res.body.field, url).toBe('querystring/sort');
    }
    expect((await get(shop, '/tickets?status=active&sort=-updatedAt')).status).toBe(200);
    expect((await get(shop, '/conversations?status=open&sort=-lastMessageAt')).status).toBe(200);
  });

  it("refuses another list's cursor, or one made for another sort or set", async () => {
    const tickets = await get<Page<TicketWire>>(shop, '/tickets?limit=2');
    const cursor = tickets.body.nextCursor!;
    for (const url of [
      `/tickets?limit=2&sort=createdAt&cursor=${cursor}`,
      `/tickets?status=active&limit=2&cursor=${cursor}`,
      `/contacts?cursor=${cursor}`,
      '/tickets?cursor=bm9wZQ',
    ]) {
      const res = await get<{ field: string }>(shop, url);
      expect(res.status, url).toBe(400);
      expect(res.body.field).toBe('querystring/cursor');
    }
  });
});

describe('contact search', () => {
  let shop: Member;
  beforeAll(async () => {
    shop = await signUp(ctx.app, 'lists-search');
    const { Contact } = ctx.app.models;
    const ws = shop.workspaceId;
    await Contact.create({ workspaceId: ws, visitorId: 'a', name: 'Ann Lee', email: 'Ann.Lee@Shop.example' });
    await Contact.create({ workspaceId: ws, visitorId: 'b', name: '张伟', phone: '+86 138-0000-0000' });
    await Contact.create({ workspaceId: ws, visitorId: 'c', name: 'Leeann Smith' });
    await Contact.create({ workspaceId: ws, visitorId: 'd', name: 'Annabel', email: 'annabel@else.example' });
    await Contact.create({ workspaceId: ws, visitorId: 'sim', name: 'Ann Sim', test: true });
  });
  const names = async (q: string, limit = 20) =>
    (
      await get<Page<{ name?: string }>>(shop, `/contacts?limit=${limit}&q=${encodeURIComponent(q)}`)
    ).body.items.map((c) => c.name);

  it('finds exact emails, phone numbers and name words first, then names that contain the text', async () => {
    expect(await names(' ANN.LEE@shop.example ')).toEqual(['Ann Lee']);
    expect(await names('+8613800000000')).toEqual(['张伟']);
    expect(await names('伟')).toEqual(['张伟']);
    // "ann": the word first, then the names containing it, newest first; never a simulation's.
    expect(await names('ann')).toEqual(['Ann Lee', 'Annabel', 'Leeann Smith']);
    expect(await names('lee ann')).toEqual([]);
    expect(await names('ann lee')).toEqual(['Ann Lee']);
  });

  it('pages through the exact matches and on into the rest, each once', async () => {
    const seen = await walk<{ name?: string }>(shop, '/contacts?limit=1&q=ann', (c) => c.name ?? '');
    expect(seen).toEqual(['Ann Lee', 'Annabel', 'Leeann Smith']);
  });

  it("counts the shop's contacts, not simulations nor contacts merged away", async () => {
    const page = await get<Page<unknown>>(shop, '/contacts');
    expect(page.body.total).toBe(4);
  });
});

describe('contact search by a whole address', () => {
  let shop: Member;
  beforeAll(async () => {
    shop = await signUp(ctx.app, 'lists-whole');
  });
  const names = async (q: string) =>
    (await get<Page<{ name?: string }>>(shop, `/contacts?q=${encodeURIComponent(q)}`)).body.items.map(
      (c) => c.name,
    );

  it('answers a whole email or phone number with its contact at once, and searches on when asked', async () => {
    const { Contact } = ctx.app.models;
    const ws = shop.workspaceId;
    await Contact.create({ workspaceId: ws, visitorId: 'a', name: 'Ann Lee', email: 'Ann.Lee@Shop.example' });
    await Contact.create({ workspaceId: ws, visitorId: 'b', name: '张伟', phone: '+86 138-0000-0000' });
    await Contact.create({
      workspaceId: ws,
      visitorId: 'e',
      name: 'Ann Lee (work)',
      email: 'x.ann.lee@shop.example',
    });
    const first = await get<Page<{ name?: string }>>(
      shop,
      `/contacts?limit=20&q=${encodeURIComponent('ann.lee@shop.example')}`,
    );
    expect(first.body.items.map((c) => c.name)).toEqual(['Ann Lee']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await get<Page<{ name?: string }>>(
      shop,
      `/contacts?limit=20&q=${encodeURIComponent('ann.lee@shop.example')}&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body.items.map((c) => c.name)).toEqual(['Ann Lee (work)']);
    expect(rest.body.nextCursor).toBeNull();
    // A fragment of an address finds what contains it on the first page.
    expect(await names('ann.lee@shop')).toEqual(['Ann Lee (work)', 'Ann Lee']);
    const phone = await get<Page<{ name?: string }>>(
      shop,
      `/contacts?q=${encodeURIComponent('+86 138 0000 0000')}`,
    );
    expect(phone.body.items.map((c) => c.name)).toEqual(['张伟']);
  });
});

describe('ticket view counts', () => {
  it('match the tickets after concurrent changes by several agents', async () => {
    const owner = await signUp(ctx.app, 'lists-counts');
    const agents = [
      owner,
      await addMember(ctx.app, owner, ['agent']),
      await addMember(ctx.app, owner, ['agent']),
    ];
    const created: TicketWire[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/tickets',
        headers: { cookie: owner.cookie },
        payload: { subject: `c${i}` },
      });
      created.push(res.json() as TicketWire);
    }
    const statuses = ['pending', 'solved', 'open', 'closed'] as const;
    await Promise.all(
      created.flatMap((t, i) =>
        agents.map((agent, j) =>
          ctx.app.inject({
            method: 'PATCH',
            url: `/tickets/${t.id}`,
            headers: { cookie: agent.cookie },
            payload:
              j === 0
                ? { status: statuses[(i + j) % 4] }
                : { assigneeId: (i + j) % 3 ? agent.userId : null, status: statuses[(i * j) % 4] },
          }),
        ),
      ),
    );
    const tickets = await ctx.app.models.Ticket.find({ workspaceId: owner.workspaceId })
      .setOptions({ [ALLOW_SCAN]: 'the test compares the counts with every ticket of its workspace' })
      .lean();
    const active = tickets.filter((t) => t.status === 'open' || t.status === 'pending');
    for (const agent of agents) {
      const counts = await get<TicketCounts>(agent, '/tickets/counts');
      expect(counts.body).toEqual({
        open: tickets.filter((t) => t.status === 'open').length,
        pending: tickets.filter((t) => t.status === 'pending').length,
        mine: active.filter((t) => String(t.assigneeId) === agent.userId).length,
        unassigned: active.filter((t) => !t.assigneeId).length,
      });
      // The view's own total agrees with its count.
      const mine = await get<Page<TicketWire>>(agent, '/tickets?status=active&assignee=me&limit=1');
      expect(mine.body.total).toBe(counts.body.mine);
    }
  });

  it('count a change whose writer died before counting it, when they are next read', async () => {
    const owner = await signUp(ctx.app, 'lists-repair');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/tickets',
      headers: { cookie: owner.cookie },
      payload: { subject: 'r' },
    });
    const id = (res.json() as TicketWire).id;
    expect((await get<TicketCounts>(owner, '/tickets/counts')).body.open).toBe(1);
    // What a process killed right after its write leaves: the change and its mark, not the count.
    const old = Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 120);
    await ctx.app.models.Ticket.collection.updateOne(
      { _id: new Types.ObjectId(id) },
      {
        $set: {
          status: 'solved',
          statusKey: `${owner.workspaceId}:solved`,
          recount: 'due',
          recountToken: old,
        },
      },
    );
    expect((await get<TicketCounts>(owner, '/tickets/counts')).body).toMatchObject({
      open: 0,
      unassigned: 0,
    });
  });
});
