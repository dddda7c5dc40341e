import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WidgetSocket } from '../support/widget-socket';
import { freePort } from '../../../scripts/lib/servers';
import { signUp, startAccessApp, type AccessApp, type Member } from './access-app';

/** The widget endpoint's limits: new connections per address, and frames per socket. */
let ctx: AccessApp;
let shop: Member;
let url: string;

beforeAll(async () => {
  ctx = await startAccessApp({ widgetPerMinute: 3, widgetFramesPer10s: 5 });
  shop = await signUp(ctx.app, 'limits');
  const port = await freePort();
  await ctx.app.listen({ host: '127.0.0.1', port });
  url = `ws://127.0.0.1:${port}/ws/widget`;
});
afterAll(async () => await ctx?.stop());

describe('widget limits', () => {
  it('answers frames over the budget with an error frame and keeps the socket open', async () => {
    const socket = await WidgetSocket.open(url);
    await socket.hello('visitor-limit-1', shop.publicKey);
    for (let i = 0; i < 6; i++)
      socket.send({ type: 'hello', workspace: shop.publicKey, visitorId: 'visitor-limit-1' });
    const limited = await socket.next((f) => f.type === 'error' && f.code === 'KEFU_ERR_RATE_LIMITED');
    expect(limited).toMatchObject({ statusCode: 429 });
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    await socket.close();
  });

  it('refuses new connections from one address over the limit', async () => {
    // The first test used one connection; two more are allowed, the next is refused at the upgrade.
    const open = [await WidgetSocket.open(url), await WidgetSocket.open(url)];
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve('opened'));
      ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.once('error', (err) => resolve(err.message));
    });
    expect(refused).toBe('429');
    await Promise.all(open.map((s) => s.close()));
  });
});
