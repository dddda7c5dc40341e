import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetServerFrame } from '@kefu/schemas';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop, type Shop } from './support/shop';
import { lineDraft, publishFlow } from './support/publish-flow';
import { WidgetSocket, isBotText } from './support/widget-socket';

type Ack = Extract<WidgetServerFrame, { type: 'ack' }>;

// Several live message-received flows on the real API, worker and Temporal: each conversation gets
// the first flow (by the lineup's order) whose entry filter takes it.
describe('several live flows per trigger', () => {
  let product: RunningProduct;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => await product?.stop());

  const api = <T>(shop: Shop, method: string, path: string, body?: unknown) =>
    callApi<T>(product.url, shop, method, path, body);

  /** A message-received flow that answers "<label>: <text>", published, with an entry filter. */
  async function answering(shop: Shop, label: string, entry: Record<string, unknown>) {
    const { flowId } = await publishFlow(
      product.url,
      shop,
      lineDraft(label, [
        { id: 'msg', type: 'message-received', config: {} },
        { id: 'reply', type: 'send-message', config: { text: `${label}: {{message.text}}` } },
        { id: 'done', type: 'end', config: {} },
      ]),
    );
    const set = await api(shop, 'PUT', `/flows/${flowId}/entry`, entry);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    return flowId;
  }

  async function send(socket: WidgetSocket, clientMessageId: string, text: string): Promise<Ack> {
    const from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId, text });
    const answer = await socket.next(
      (f) => f.type === 'error' || (f.type === 'ack' && f.clientMessageId === clientMessageId),
      from,
    );
    if (answer.type !== 'ack') throw new Error(`message refused: ${JSON.stringify(answer)}`);
    return answer;
  }

  /** A new widget visitor says `text`; resolves with the bot's answer to it. */
  async function chat(shop: Shop, visitor: string, text: string): Promise<string> {
    const socket = await WidgetSocket.open(product.wsUrl);
    try {
      await socket.hello(visitor, shop.publicKey);
      const from = socket.frames.length;
      await send(socket, `${visitor}-1`, text);
      const reply = await socket.next(isBotText(new RegExp(`: ${text}$`)), from);
      return (reply as { message: { text: string } }).message.text;
    } finally {
      await socket.close();
    }
  }

  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  const allWeek = days.map((day) => ({ day, open: '00:00', close: '23:59' }));
  // A fixed-offset zone where it is about midday now, far from the minute the week leaves closed
  // (Etc/GMT zones invert the sign: Etc/GMT-8 is UTC+8).
  const offset = 12 - new Date().getUTCHours();
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;

  it('gives out-of-hours chats to the out-of-hours flow and the others to the in-hours flow', async () => {
    const shop = await signUpShop(product.url, 'hours-lineup');
    const closed = await answering(shop, 'Closed desk', { hours: 'closed' });
    const open = await answering(shop, 'Open desk', { hours: 'open' });
    const lineups = await api<{ items: { trigger: string; flows: { id: string }[] }[] }>(
      shop,
      'GET',
      '/flow-lineups',
    );
    expect(lineups.body.items.find((l) => l.trigger === 'message-received')!.flows.map((f) => f.id)).toEqual([
      closed,
      open,
    ]);

    let put = await api(shop, 'PUT', '/workspace/business-hours', {
      timeZone: zone,
      schedule: [],
      holidays: [],
    });
    expect(put.status).toBe(200);
    expect(await chat(shop, 'night-owl', 'anyone there')).toBe('Closed desk: anyone there');

    put = await api(shop, 'PUT', '/workspace/business-hours', {
      timeZone: zone,
      schedule: allWeek,
      holidays: [],
    });
    expect(put.status).toBe(200);
    expect(await chat(shop, 'day-visitor', 'hello shop')).toBe('Open desk: hello shop');
  });

  it('lets the order decide when both flows take a message, and the other keeps working when one is unpublished', async () => {
    const shop = await signUpShop(product.url, 'order-lineup');
    const everyone = await answering(shop, 'General desk', {});
    const web = await answering(shop, 'Web desk', { channels: ['web'] });
    const email = await answering(shop, 'Email desk', { channels: ['email'] });
    // Both the general and the web flow take a web chat: the first in the order answers.
    expect(await chat(shop, 'visitor-1', 'first try')).toBe('General desk: first try');

    const moved = await api<{ flows: { id: string }[] }>(
      shop,
      'POST',
      '/flow-lineups/message-received/moves',
      {
        flowId: web,
        position: 0,
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.flows.map((f) => f.id)).toEqual([web, everyone, email]);
    expect(await chat(shop, 'visitor-2', 'second try')).toBe('Web desk: second try');

    const off = await api(shop, 'POST', `/flows/${web}/unpublish`);
    expect(off.status).toBe(200);
    expect(await chat(shop, 'visitor-3', 'third try')).toBe('General desk: third try');
    // The email flow never took a web chat.
    const emailed = await product.models.FlowRun.countDocuments({
      workspaceId: shop.workspaceId,
      flowId: email,
    });
    expect(emailed).toBe(0);
  });

  it('keeps a conversation with its running run: the reply to a question goes to the flow that asked', async () => {
    const shop = await signUpShop(product.url, 'running-keeps');
    const { flowId: asking } = await publishFlow(
      product.url,
      shop,
      lineDraft('Order lookup', [
        { id: 'msg', type: 'message-received', config: { keywords: ['order'] } },
        {
          id: 'ask',
          type: 'ask-question',
          config: { question: 'Which order number?', answerType: 'number', saveAs: 'order', maxAttempts: 1 },
          port: 'answered',
        },
        { id: 'reply', type: 'send-message', config: { text: 'Looking up {{vars.order}}' } },
        { id: 'done', type: 'end', config: {} },
      ]),
    );
    await answering(shop, 'Everything else', {});
    await api(shop, 'POST', '/flow-lineups/message-received/moves', { flowId: asking, position: 0 });
    const socket = await WidgetSocket.open(product.wsUrl);
    await socket.hello('visitor-asker', shop.publicKey);
    await send(socket, 'asker-msg-1', 'where is my order');
    await socket.next(isBotText(/Which order number\?/));
    // The general flow would take "12345678" too, but the asking run keeps the conversation.
    await send(socket, 'asker-msg-2', '12345678');
    await socket.next(isBotText(/Looking up 12345678/));
    // Once that run has ended, the next message picks by order and filters again.
    await expect
      .poll(async () => {
        const c = await product.models.Conversation.findOne({ workspaceId: shop.workspaceId }).lean();
        return c?.flowRun?.status;
      })
      .not.toBe('running');
    await send(socket, 'asker-msg-3', 'thanks');
    await socket.next(isBotText(/^Everything else: thanks$/));
    await socket.close();
  });
});
