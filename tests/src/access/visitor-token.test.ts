import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetServerFrame } from '@kefu/schemas';
import { WidgetSocket } from '../support/widget-socket';
import { freePort } from '../../../scripts/lib/servers';
import { signUp, startAccessApp, type AccessApp, type Member } from './access-app';

/**
 * Widget visitors: the session frame issues a token bound to one workspace and one contact; a
 * hello that presents it must match both. Two workspaces, no flows (no run is started).
 */
type Session = Extract<WidgetServerFrame, { type: 'session' }>;
let ctx: AccessApp;
let url: string;
let shopA: Member;
let shopB: Member;
const sockets: WidgetSocket[] = [];

beforeAll(async () => {
  ctx = await startAccessApp();
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

async function hello(socket: WidgetSocket, frame: Record<string, unknown>) {
  const from = socket.frames.length;
  socket.send({ type: 'hello', ...frame });
  return await socket.next((f) => f.type === 'session' || f.type === 'error', from);
}

describe('widget visitor tokens', () => {
  it('are issued with the session and resume the same conversation when presented', async () => {
    const first = (await hello(await open(), {
      workspace: shopA.publicKey,
      visitorId: 'visitor-aaaa-1',
    })) as Session;
    expect(first.type).toBe('session');
    expect(first.visitorToken).toMatch(/^v1\./);
    const again = (await hello(await open(), {
      workspace: shopA.publicKey,
      visitorId: 'visitor-aaaa-1',
      visitorToken: first.visitorToken,
    })) as Session;
    expect(again.type).toBe('session');
    expect(again.conversationId).toBe(first.conversationId);
  });

  it('are refused for another workspace, another visitor, or when altered', async () => {
    const a = (await hello(await open(), {
      workspace: shopA.publicKey,
      visitorId: 'visitor-aaaa-2',
    })) as Session;
    const token = a.visitorToken!;
    for (const frame of [
      { workspace: shopB.publicKey, visitorId: 'visitor-aaaa-2', visitorToken: token },
      { workspace: shopA.publicKey, visitorId: 'visitor-aaaa-3', visitorToken: token },
      {
        workspace: shopA.publicKey,
        visitorId: 'visitor-aaaa-2',
        visitorToken: token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      },
    ]) {
      const socket = await open();
      const answer = await hello(socket, frame);
      expect(answer).toMatchObject({
        type: 'error',
        statusCode: 401,
        code: 'KEFU_ERR_UNAUTHORIZED',
        field: '/visitorToken',
      });
      // Refused visitors have no session: they cannot send.
      const from = socket.frames.length;
      socket.send({ type: 'message', clientMessageId: 'client-msg-1', text: 'hello?' });
      expect(await socket.next((f) => f.type === 'error', from)).toMatchObject({
        code: 'KEFU_ERR_NO_SESSION',
      });
    }
    const contactsOfB = await ctx.models.Contact.countDocuments({ workspaceId: shopB.workspaceId });
    expect(contactsOfB).toBe(0);
  });

  it('grant nothing outside the widget', async () => {
    const a = (await hello(await open(), {
      workspace: shopA.publicKey,
      visitorId: 'visitor-aaaa-4',
    })) as Session;
    for (const path of ['/session', '/contacts', '/conversations']) {
      const res = await ctx.app.inject({
        url: path,
        headers: { authorization: `Bearer ${a.visitorToken}`, cookie: `kefu_session=${a.visitorToken}` },
      });
      expect(res.statusCode, path).toBe(401);
    }
  });
});
