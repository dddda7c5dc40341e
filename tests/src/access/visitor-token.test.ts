import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetServerFrame } from '@kefu/schemas';
import { WidgetSocket } from '../support/widget-socket';
import { freePort } from '../../../scripts/lib/servers';
import { signUp, startAccessApp, type AccessApp, type Member } from './access-app';

/**
 * Widget visitors: only a valid, unexpired token of this workspace and visitor resumes a
 * conversation. Anything else (no token, another visitor's, altered, expired) is answered as a new
 * visitor under a new visitorId, with nothing of the old one. Two workspaces, no flows (no run is
 * started), over a real socket.
 */
type Session = Extract<WidgetServerFrame, { type: 'session' }>;
const cookieSecret = 'visitor-token-test-secret-'.padEnd(40, 'x');
let ctx: AccessApp;
let url: string;
let shopA: Member;
let shopB: Member;
const sockets: WidgetSocket[] = [];

beforeAll(async () => {
  ctx = await startAccessApp({ cookieSecret, visitorTokenDays: 30 });
  shopA = await signUp(ctx.app, 'widget-a');
  shopB = await signUp(ctx.app, 'widget-b');
  const port = await freePort();
  await ctx.app.listen({ host: '127.0.0.1', port });
  url = `ws://127.0.0.1:${port}/ws/widget`;
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await ctx?.stop();
});

async function open() {
  const socket = await WidgetSocket.open(url);
  sockets.push(socket);
  return socket;
}

async function hello(frame: Record<string, unknown>, socket?: WidgetSocket) {
  const s = socket ?? (await open());
  const from = s.frames.length;
  s.send({ type: 'hello', ...frame });
  const answer = await s.next((f) => f.type === 'session' || f.type === 'error', from);
  if (answer.type !== 'session') throw new Error(`hello refused: ${JSON.stringify(answer)}`);
  return answer;
}

/** A visitor with one stored message in their conversation, and the token of their last session. */
async function visitorWithHistory(visitorId: string, workspace = shopA.publicKey) {
  const socket = await open();
  const session = await hello({ workspace, visitorId }, socket);
  expect(session.visitorId).toBe(visitorId);
  socket.send({ type: 'message', clientMessageId: `${visitorId}-m1`, text: `private to ${visitorId}` });
  await socket.next((f) => f.type === 'ack');
  await socket.close();
  return session;
}

/** The expiry a v2 token carries (seconds since the epoch). */
const expiryOf = (token: string) => Number(token.split('.')[3]);

function expectFresh(answer: Session, victim: Session) {
  expect(answer.visitorId).not.toBe(victim.visitorId);
  expect(answer.conversationId).not.toBe(victim.conversationId);
  expect(answer.messages).toEqual([]);
}

describe('widget visitor tokens', () => {
  it('resume the same conversation, with its history, when presented', async () => {
    const first = await visitorWithHistory('visitor-aaaa-1');
    expect(first.visitorToken).toMatch(/^v2\./);
    const again = await hello({
      workspace: shopA.publicKey,
      visitorId: 'visitor-aaaa-1',
      visitorToken: first.visitorToken,
    });
    expect(again.visitorId).toBe('visitor-aaaa-1');
    expect(again.conversationId).toBe(first.conversationId);
    expect(again.messages.map((m) => m.text)).toEqual(['private to visitor-aaaa-1']);
  });

  it('are needed to resume: without one, or with another visitor’s, an altered or an expired one, a known id starts afresh', async () => {
    const victim = await visitorWithHistory('visitor-victim-1');
    const other = await visitorWithHistory('visitor-other-1');
    const claims = { workspaceId: shopA.workspaceId, contactId: (await contactOf(shopA, victim.visitorId))! };
    const expired = ctx.app.visitorTokens.issue(claims, victim.visitorId, new Date(Date.now() - 1000));
    const altered = victim.visitorToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    // A later expiry written into a token by hand is not signed.
    const extended = expired.replace(/\.(\d+)\./, (_m, exp: string) => `.${Number(exp) + 86_400 * 365}.`);
    for (const visitorToken of [undefined, other.visitorToken, altered, expired, extended, 'v2.garbage']) {
      const answer = await hello({
        workspace: shopA.publicKey,
        visitorId: victim.visitorId,
        ...(visitorToken ? { visitorToken } : {}),
      });
      expectFresh(answer, victim);
      // The new identity is a working one: its own token resumes it.
      const back = await hello({
        workspace: shopA.publicKey,
        visitorId: answer.visitorId,
        visitorToken: answer.visitorToken,
      });
      expect(back.conversationId).toBe(answer.conversationId);
    }
    // The victim, with their own token, still has their conversation.
    const mine = await hello({
      workspace: shopA.publicKey,
      visitorId: victim.visitorId,
      visitorToken: victim.visitorToken,
    });
    expect(mine.conversationId).toBe(victim.conversationId);
    expect(mine.messages.map((m) => m.text)).toEqual(['private to visitor-victim-1']);
  });

  it('open one conversation when two tabs of a returning visitor say hello at once', async () => {
    const first = await visitorWithHistory('visitor-tabs-1');
    // Their chat was closed (as a close step or an agent closes it); they come back in two tabs.
    await ctx.models.Conversation.updateOne(
      { _id: first.conversationId, workspaceId: shopA.workspaceId },
      { $set: { status: 'closed' }, $unset: { inboxKey: 1 } },
    );
    for (let round = 0; round < 3; round++) {
      const tabs = await Promise.all(
        [0, 1, 2].map(() =>
          hello({
            workspace: shopA.publicKey,
            visitorId: 'visitor-tabs-1',
            visitorToken: first.visitorToken,
          }),
        ),
      );
      const ids = new Set(tabs.map((t) => t.conversationId));
      expect(ids.size).toBe(1);
      expect(ids.has(first.conversationId)).toBe(false);
      expect(tabs.map((t) => t.visitorId)).toEqual(Array(3).fill('visitor-tabs-1'));
      await ctx.models.Conversation.updateOne(
        { _id: [...ids][0], workspaceId: shopA.workspaceId },
        { $set: { status: 'closed' }, $unset: { inboxKey: 1 } },
      );
    }
    const contact = await ctx.models.Contact.findOne({
      workspaceId: shopA.workspaceId,
      visitorId: 'visitor-tabs-1',
    }).lean();
    expect(
      await ctx.models.Conversation.countDocuments({
        workspaceId: shopA.workspaceId,
        contactId: contact!._id,
      }),
    ).toBe(4);
  });

  it('of one workspace resume nothing in another', async () => {
    const a = await visitorWithHistory('visitor-aaaa-2');
    const inB = await hello({
      workspace: shopB.publicKey,
      visitorId: 'visitor-aaaa-2',
      visitorToken: a.visitorToken,
    });
    expect(inB.conversationId).not.toBe(a.conversationId);
    expect(inB.messages).toEqual([]);
    expect(await contactOf(shopB, 'visitor-aaaa-2')).not.toBe(await contactOf(shopA, 'visitor-aaaa-2'));
  });

  it('are renewed on every hello: the renewed token lasts the full lifetime and resumes', async () => {
    const first = await visitorWithHistory('visitor-rotate-1');
    const contactId = (await contactOf(shopA, 'visitor-rotate-1'))!;
    const soon = new Date(Date.now() + 3_600_000);
    const short = ctx.app.visitorTokens.issue(
      { workspaceId: shopA.workspaceId, contactId },
      'visitor-rotate-1',
      soon,
    );
    const renewed = await hello({
      workspace: shopA.publicKey,
      visitorId: 'visitor-rotate-1',
      visitorToken: short,
    });
    expect(renewed.conversationId).toBe(first.conversationId);
    expect(renewed.visitorToken).not.toBe(short);
    expect(expiryOf(renewed.visitorToken) * 1000).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const again = await hello({
      workspace: shopA.publicKey,
      visitorId: 'visitor-rotate-1',
      visitorToken: renewed.visitorToken,
    });
    expect(again.conversationId).toBe(first.conversationId);
    expect(again.messages).toHaveLength(1);
  });

  it('from before expiry (v1) resume only a conversation still open, and are replaced by a v2 token', async () => {
    const live = await visitorWithHistory('visitor-legacy-1');
    const liveToken = v1Token(
      shopA.workspaceId,
      (await contactOf(shopA, 'visitor-legacy-1'))!,
      'visitor-legacy-1',
    );
    const resumed = await hello({
      workspace: shopA.publicKey,
      visitorId: 'visitor-legacy-1',
      visitorToken: liveToken,
    });
    expect(resumed.conversationId).toBe(live.conversationId);
    expect(resumed.visitorToken).toMatch(/^v2\./);

    const dormant = await visitorWithHistory('visitor-legacy-2');
    await ctx.models.Conversation.updateOne(
      { _id: dormant.conversationId, workspaceId: shopA.workspaceId },
      { $set: { status: 'closed' } },
    );
    const oldToken = v1Token(
      shopA.workspaceId,
      (await contactOf(shopA, 'visitor-legacy-2'))!,
      'visitor-legacy-2',
    );
    const answer = await hello({
      workspace: shopA.publicKey,
      visitorId: 'visitor-legacy-2',
      visitorToken: oldToken,
    });
    expectFresh(answer, dormant);
  });

  it('grant nothing outside the widget', async () => {
    const a = await hello({ workspace: shopA.publicKey, visitorId: 'visitor-aaaa-4' });
    for (const path of ['/session', '/contacts', '/conversations']) {
      const res = await ctx.app.inject({
        url: path,
        headers: { authorization: `Bearer ${a.visitorToken}`, cookie: `kefu_session=${a.visitorToken}` },
      });
      expect(res.statusCode, path).toBe(401);
    }
  });
});

async function contactOf(shop: Member, visitorId: string) {
  const contact = await ctx.models.Contact.findOne(
    { workspaceId: shop.workspaceId, visitorId },
    { _id: 1 },
  ).lean();
  return contact ? String(contact._id) : undefined;
}

/** A token as the API signed them before tokens expired: `v1.<workspace>.<contact>.<mac>`. */
function v1Token(workspaceId: string, contactId: string, visitorId: string) {
  const key = createHmac('sha256', cookieSecret).update('kefu:visitor-token').digest();
  const body = `v1.${workspaceId}.${contactId}`;
  return `${body}.${createHmac('sha256', key).update(`${body}|${visitorId}`).digest('base64url')}`;
}
