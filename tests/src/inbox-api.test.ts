import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { offerConversation } from '@kefu/runtime/routing';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

/**
 * The inbox API on the real database and Temporal (no worker: these conversations have no run, so
 * the signals find nobody, as for a conversation whose flow ended). The whole journey with a flow
 * run, the widget and the agent socket is in inbox.test.ts.
 */
let ctx: AccessApp;
let owner: Member;
let ana: Member;
let bo: Member;
let other: Member;
let supportId: string;
let billingId: string;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'inbox');
  ana = await addMember(ctx.app, owner, ['agent'], 'ana');
  bo = await addMember(ctx.app, owner, ['agent'], 'bo');
  other = await signUp(ctx.app, 'other-inbox');
  supportId = (
    await call(owner, 'POST', '/teams', { key: 'support', name: 'Support', members: [ana.userId, bo.userId] })
  ).json().id;
  billingId = (
    await call(owner, 'POST', '/teams', { key: 'billing', name: 'Billing', members: [bo.userId] })
  ).json().id;
  // Ana takes one chat at a time.
  expect((await call(ana, 'PATCH', '/agents/me', { presence: 'online', maxConcurrent: 1 })).statusCode).toBe(
    200,
  );
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

/** A customer's open conversation waiting in a team's queue, with one message from them. */
async function queued(teamId: string, name = 'Lin'): Promise<string> {
  const { Contact, Conversation, Message } = ctx.models;
  const contact = await Contact.create({
    workspaceId: owner.workspaceId,
    visitorId: `v-${Math.random()}`,
    name,
  });
  const conversation = await Conversation.create({
    workspaceId: owner.workspaceId,
    contactId: contact._id,
    channel: 'web',
    teamId,
  });
  await Message.create({
    workspaceId: owner.workspaceId,
    conversationId: conversation._id,
    author: 'customer',
    text: 'Where is my parcel?',
    idempotencyKey: `seed/${String(conversation._id)}`,
  });
  return String(conversation._id);
}

const ids = (list: { id: string }[]) => list.map((c) => c.id);

describe('the agent inbox API', () => {
  it("lists my teams' queue, takes a chat into mine, and refuses a second one at capacity", async () => {
    const first = await queued(supportId);
    const second = await queued(supportId);
    const billing = await queued(billingId);
    const inbox = (await call(ana, 'GET', '/inbox')).json();
    expect(ids(inbox.queue)).toEqual(expect.arrayContaining([first, second]));
    expect(ids(inbox.queue)).not.toContain(billing);
    expect(inbox.queue.find((c: { id: string }) => c.id === first)).toMatchObject({
      contact: { name: 'Lin' },
      unread: 1,
      lastMessage: { author: 'customer', text: 'Where is my parcel?' },
    });

    const taken = await call(ana, 'POST', `/conversations/${first}/accept`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ id: first, assigneeId: ana.userId, status: 'open' });
    // Accepting again is harmless; taking another chat is not, at capacity 1.
    expect((await call(ana, 'POST', `/conversations/${first}/accept`)).statusCode).toBe(200);
    const full = await call(ana, 'POST', `/conversations/${second}/accept`);
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'KEFU_ERR_CONFLICT', field: 'params/id' });
    expect(full.json().message).toMatch(/capacity/);
    // Someone else's chat cannot be taken, and another team's queue is not mine.
    expect((await call(bo, 'POST', `/conversations/${first}/accept`)).statusCode).toBe(409);
    expect((await call(ana, 'POST', `/conversations/${billing}/accept`)).statusCode).toBe(403);

    const after = (await call(ana, 'GET', '/inbox')).json();
    expect(ids(after.mine)).toEqual([first]);
    expect(ids(after.queue)).not.toContain(first);
    expect((await call(ana, 'GET', '/agents/me')).json().load).toBe(1);
  });

  it('stores a reply once per clientMessageId, refuses empty or oversized text naming the field, and only lets the assignee reply', async () => {
    const id = await queued(supportId);
    await call(bo, 'POST', `/conversations/${id}/accept`);
    const reply = { clientMessageId: 'reply-0001', text: 'It left our warehouse today.' };
    const sent = await call(bo, 'POST', `/conversations/${id}/messages`, reply);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({
      author: 'agent',
      agentId: bo.userId,
      text: reply.text,
      clientMessageId: 'reply-0001',
    });
    const again = await call(bo, 'POST', `/conversations/${id}/messages`, reply);
    expect(again.json().id).toBe(sent.json().id);

    const empty = await call(bo, 'POST', `/conversations/${id}/messages`, {
      clientMessageId: 'reply-0002',
      text: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('body/text');
    const huge = await call(bo, 'POST', `/conversations/${id}/messages`, {
      clientMessageId: 'reply-0003',
      text: 'x'.repeat(4001),
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().field).toBe('body/text');
    const noId = await call(bo, 'POST', `/conversations/${id}/messages`, { text: 'hi' });
    expect(noId.statusCode).toBe(400);
    expect(noId.json().field).toBe('body/clientMessageId');
    // Ana is in the team but the chat is Bo's.
    expect(
      (
        await call(ana, 'POST', `/conversations/${id}/messages`, {
          clientMessageId: 'reply-0004',
          text: 'me too',
        })
      ).statusCode,
    ).toBe(403);

    const page = (await call(bo, 'GET', `/conversations/${id}/messages`)).json();
    expect(page.items.map((m: { author: string }) => m.author)).toEqual(['customer', 'agent']);
    expect(page.nextCursor).toBeNull();
  });

  it('keeps notes out of the messages, and marks a conversation read', async () => {
    const id = await queued(supportId);
    expect(
      (await call(bo, 'GET', '/inbox')).json().queue.find((c: { id: string }) => c.id === id).unread,
    ).toBe(1);
    const note = await call(bo, 'POST', `/conversations/${id}/notes`, {
      text: 'VIP, be nice',
      clientMessageId: 'note-00001',
    });
    expect(note.statusCode, note.body).toBe(200);
    await call(bo, 'POST', `/conversations/${id}/notes`, {
      text: 'VIP, be nice',
      clientMessageId: 'note-00001',
    });
    const notes = (await call(ana, 'GET', `/conversations/${id}/notes`)).json();
    expect(notes.items).toEqual([expect.objectContaining({ text: 'VIP, be nice', authorId: bo.userId })]);
    const messages = (await call(ana, 'GET', `/conversations/${id}/messages`)).json();
    expect(messages.items.map((m: { text: string }) => m.text)).not.toContain('VIP, be nice');

    const read = await call(bo, 'POST', `/conversations/${id}/read`);
    expect(read.json()).toMatchObject({ conversationId: id, unread: 0 });
    expect(
      (await call(bo, 'GET', '/inbox')).json().queue.find((c: { id: string }) => c.id === id).unread,
    ).toBe(0);
    // Read marks are each agent's own.
    expect(
      (await call(ana, 'GET', '/inbox')).json().queue.find((c: { id: string }) => c.id === id).unread,
    ).toBe(1);
  });

  it('marking read 20 times at once answers 2xx every time and leaves one mark at the latest position', async () => {
    // Regression: concurrent marks raced the upsert's insert and 14 of 105 answered 500 (E11000).
    for (let round = 0; round < 3; round++) {
      const id = await queued(supportId);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => call(bo, 'POST', `/conversations/${id}/read`)),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
      const marks = await ctx.models.ReadMark.find({ workspaceId: owner.workspaceId, conversationId: id })
        .setOptions({ allowScan: 'a test counting the marks of one conversation' })
        .lean();
      expect(marks).toHaveLength(1);
      const latest = Math.max(...answers.map((a) => Date.parse(a.json().readAt)));
      expect(marks[0]!.readAt.getTime()).toBe(latest);
      expect(String(marks[0]!.userId)).toBe(bo.userId);
    }
  });

  it('resolves once (freeing capacity), reopens into the queue, and audits an owner doing it', async () => {
    const mine = (await call(ana, 'GET', '/inbox')).json().mine as { id: string }[];
    const id = mine[0]!.id;
    const resolved = await call(ana, 'POST', `/conversations/${id}/resolve`);
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'closed', assigneeId: ana.userId });
    expect((await call(ana, 'GET', '/agents/me')).json().load).toBe(0);
    const twice = await call(ana, 'POST', `/conversations/${id}/resolve`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'KEFU_ERR_CONFLICT', field: 'params/id' });
    expect(
      (await call(ana, 'POST', `/conversations/${id}/messages`, { clientMessageId: 'late-0001', text: 'hi' }))
        .statusCode,
    ).toBe(409);

    const reopened = await call(owner, 'POST', `/conversations/${id}/reopen`);
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().status).toBe('open');
    expect(reopened.json().assigneeId).toBeUndefined();
    expect(ids((await call(ana, 'GET', '/inbox')).json().queue)).toContain(id);
    expect((await call(owner, 'POST', `/conversations/${id}/reopen`)).statusCode).toBe(409);
    const audit = (await call(owner, 'GET', '/audit')).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('conversation.reopen');
  });

  it('transfers to an agent with room (not to one at capacity) or back to a team queue', async () => {
    const id = await queued(supportId);
    await call(bo, 'POST', `/conversations/${id}/accept`);
    const blocker = await queued(supportId);
    await call(ana, 'POST', `/conversations/${blocker}/accept`);
    const toFull = await call(bo, 'POST', `/conversations/${id}/transfer`, { agentId: ana.userId });
    expect(toFull.statusCode).toBe(409);
    expect(toFull.json().field).toBe('body/agentId');
    await call(ana, 'POST', `/conversations/${blocker}/resolve`);

    const moved = await call(bo, 'POST', `/conversations/${id}/transfer`, { agentId: ana.userId });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().assigneeId).toBe(ana.userId);
    expect((await call(ana, 'GET', '/agents/me')).json().load).toBe(1);

    const back = await call(ana, 'POST', `/conversations/${id}/transfer`, { teamId: billingId });
    expect(back.json()).toMatchObject({ teamId: billingId });
    expect(back.json().assigneeId).toBeUndefined();
    expect((await call(ana, 'GET', '/agents/me')).json().load).toBe(0);
    expect(ids((await call(bo, 'GET', '/inbox')).json().queue)).toContain(id);

    const both = await call(bo, 'POST', `/conversations/${id}/transfer`, {
      agentId: ana.userId,
      teamId: supportId,
    });
    expect(both.statusCode).toBe(400);
    const nobody = await call(bo, 'POST', `/conversations/${id}/transfer`, { agentId: other.userId });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().field).toBe('body/agentId');
  });

  it("answers 404 for another workspace's conversation, whatever the action", async () => {
    const id = await queued(supportId);
    for (const [method, url, body] of [
      ['GET', `/conversations/${id}/messages`],
      ['POST', `/conversations/${id}/messages`, { clientMessageId: 'cross-0001', text: 'hello' }],
      ['POST', `/conversations/${id}/notes`, { text: 'peek' }],
      ['POST', `/conversations/${id}/accept`],
      ['POST', `/conversations/${id}/resolve`],
      ['POST', `/conversations/${id}/read`],
    ] as const) {
      const res = await call(other, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(ids((await call(other, 'GET', '/inbox')).json().queue)).not.toContain(id);
  });

  it("takes over a teammate's pending offer from the queue: the offer is the taker's, the teammate's capacity comes back", async () => {
    await call(bo, 'PATCH', '/agents/me', { presence: 'online', maxConcurrent: 5 });
    await call(ana, 'PATCH', '/agents/me', { presence: 'away' });
    const id = await queued(supportId);
    const boLoad = async () => (await call(bo, 'GET', '/agents/me')).json().load as number;
    const before = await boLoad();
    const made = await offerConversation(ctx.models, {
      workspaceId: owner.workspaceId,
      conversationId: id,
      teamRef: 'support',
      strategy: 'least-loaded',
      skills: [],
      timeoutMs: 60_000,
      idempotencyKey: `take-over/${id}`,
    });
    if (!('offerId' in made)) throw new Error('no offer made');
    const offer = await ctx.models.Offer.findOne({
      _id: made.offerId,
      workspaceId: owner.workspaceId,
    }).orFail();
    expect(String(offer.agentId)).toBe(bo.userId);
    expect(await boLoad()).toBe(before + 1);

    const taken = await call(ana, 'POST', `/conversations/${id}/accept`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().assigneeId).toBe(ana.userId);
    const after = await ctx.models.Offer.findOne({
      _id: made.offerId,
      workspaceId: owner.workspaceId,
    }).orFail();
    expect(after.status).toBe('accepted');
    expect(String(after.agentId)).toBe(ana.userId);
    expect(await boLoad()).toBe(before);
    expect((await call(ana, 'GET', '/agents/me')).json().load).toBe(1);
    // Bo's late answer finds no offer of his.
    expect((await call(bo, 'POST', `/offers/${made.offerId}/accept`)).statusCode).toBe(404);
    // Resolving gives Ana's slot (held under the offer's key) back.
    await call(ana, 'POST', `/conversations/${id}/resolve`);
    expect((await call(ana, 'GET', '/agents/me')).json().load).toBe(0);
  });

  it('lets owners write canned replies, agents search them and fill in the variables', async () => {
    const made = await call(owner, 'POST', '/canned-replies', {
      shortcut: 'hello',
      title: 'Greeting',
      text: 'Hi {{contact.name}}, this is {{agent.name}}. <b>Thanks</b> for waiting!',
      tags: ['greeting'],
    });
    expect(made.statusCode, made.body).toBe(200);
    await call(owner, 'POST', '/canned-replies', {
      shortcut: 'refund',
      title: 'Refund policy',
      text: 'Refunds take 5 days.',
    });
    expect(
      (await call(owner, 'POST', '/canned-replies', { shortcut: 'hello', title: 'x', text: 'y' })).json(),
    ).toMatchObject({
      statusCode: 409,
      field: 'body/shortcut',
    });
    expect(
      (await call(ana, 'POST', '/canned-replies', { shortcut: 'mine', title: 'x', text: 'y' })).statusCode,
    ).toBe(403);

    const found = (await call(ana, 'GET', '/canned-replies?q=REFUND')).json();
    expect(found.items.map((c: { shortcut: string }) => c.shortcut)).toEqual(['refund']);
    expect((await call(ana, 'GET', '/canned-replies?q=(')).statusCode).toBe(200);

    const id = await queued(supportId, 'Lin Wei');
    const rendered = await call(ana, 'POST', `/canned-replies/${made.json().id}/render`, {
      conversationId: id,
    });
    expect(rendered.json().text).toBe('Hi Lin Wei, this is ana member. <b>Thanks</b> for waiting!');
    const elsewhere = await call(other, 'POST', `/canned-replies/${made.json().id}/render`, {
      conversationId: id,
    });
    expect(elsewhere.statusCode).toBe(404);
  });
});
