import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

/** POST /conversations/:id/read on the real store: the happy path and every unhappy one. */
let ctx: AccessApp;
let owner: Member;
let ana: Member;
let other: Member;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'read-mark');
  ana = await addMember(ctx.app, owner, ['agent'], 'ana');
  other = await signUp(ctx.app, 'other-read-mark');
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

async function conversation(status: 'open' | 'closed' = 'open'): Promise<string> {
  const { Contact, Conversation, Message } = ctx.models;
  const contact = await Contact.create({
    workspaceId: owner.workspaceId,
    visitorId: `v-${Math.random()}`,
    name: 'Lin',
  });
  const c = await Conversation.create({
    workspaceId: owner.workspaceId,
    contactId: contact._id,
    channel: 'web',
    status,
  });
  await Message.create({
    workspaceId: owner.workspaceId,
    conversationId: c._id,
    author: 'customer',
    text: 'Hello?',
    idempotencyKey: `seed/${String(c._id)}`,
  });
  return String(c._id);
}

describe('marking a conversation read', () => {
  it('answers 200 the first time and again when already read', async () => {
    const id = await conversation();
    const first = await call(owner, 'POST', `/conversations/${id}/read`);
    expect(first.statusCode, first.body).toBe(200);
    const again = await call(owner, 'POST', `/conversations/${id}/read`);
    expect(again.statusCode, again.body).toBe(200);
    const agent = await call(ana, 'POST', `/conversations/${id}/read`);
    expect(agent.statusCode, agent.body).toBe(200);
  });

  it('a bot-handled and a closed conversation', async () => {
    for (const id of [await conversation(), await conversation('closed')]) {
      const res = await call(owner, 'POST', `/conversations/${id}/read`);
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('a JSON content type with an empty body is a 400 in the error shape, not a 500', async () => {
    const id = await conversation();
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/conversations/${id}/read`,
      headers: { cookie: owner.cookie, 'content-type': 'application/json' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'KEFU_ERR_BAD_JSON' });
  });

  it('unknown, malformed and other workspace ids', async () => {
    const id = await conversation();
    expect((await call(owner, 'POST', `/conversations/0123456789abcdef01234567/read`)).statusCode).toBe(404);
    const bad = await call(owner, 'POST', `/conversations/nope/read`);
    expect(bad.statusCode, bad.body).toBe(400);
    const res = await call(other, 'POST', `/conversations/${id}/read`);
    expect(res.statusCode, res.body).toBe(404);
  });
});
