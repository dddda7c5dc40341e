import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDraft, WidgetServerFrame } from '@kefu/schemas';
import type { ErrorBody } from '@kefu/schemas';
import type { InboxMessage, Page, SensitiveScreening, SensitiveWords } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { publishFlow } from './support/publish-flow';
import { callApi, signUpShop, type Shop } from './support/shop';
import { WidgetSocket, isBotText } from './support/widget-socket';

/**
 * The owner's sensitive words on real messages through the widget and the inbox: masked, blocked
 * or flagged per category, through evasions, and read by a flow's condition (docs/sensitive-words.md).
 */
const list: SensitiveWords = {
  categories: [
    { key: 'abuse', name: 'Abuse', action: 'mask' },
    { key: 'fraud', name: 'Fraud', action: 'block' },
    { key: 'competitor', name: 'Competitors', action: 'flag' },
  ],
  words: [
    { text: '傻逼', category: 'abuse' },
    { text: 'fuck', category: 'abuse' },
    { text: '刷单', category: 'fraud' },
    { text: '淘宝', category: 'competitor' },
  ],
};

/** Every customer message: a polite answer to abuse, a plain one otherwise. */
const politeness: FlowDraft = {
  schemaVersion: 1,
  name: 'Keep it polite',
  kind: 'auto-reply',
  nodes: [
    { id: 'start', type: 'message-received', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'abusive',
      type: 'condition',
      config: {
        rule: { all: [{ fact: 'message', path: '$.sensitive', operator: 'contains', value: 'abuse' }] },
      },
      position: { x: 0, y: 140 },
    },
    {
      id: 'polite',
      type: 'send-message',
      config: { text: 'Please keep it polite' },
      position: { x: -160, y: 280 },
    },
    {
      id: 'thanks',
      type: 'send-message',
      config: { text: 'Thanks for your message' },
      position: { x: 160, y: 280 },
    },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'abusive' },
    { source: 'abusive', sourcePort: 'true', target: 'polite' },
    { source: 'abusive', sourcePort: 'false', target: 'thanks' },
  ],
};

type Ack = Extract<WidgetServerFrame, { type: 'ack' }>;
type Refusal = Extract<WidgetServerFrame, { type: 'error' }>;

describe('sensitive words', () => {
  let product: RunningProduct;
  let shop: Shop;
  let socket: WidgetSocket;
  let conversationId: string;
  let sent = 0;

  beforeAll(async () => {
    product = await startProduct();
    shop = await signUpShop(product.url, 'sensitive');
    await publishFlow(product.url, shop, politeness);
  });
  afterAll(async () => {
    await socket?.close();
    await product?.stop();
  });

  async function say(text: string): Promise<Ack | Refusal> {
    const clientMessageId = `sensitive-msg-${++sent}`;
    const from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId, text });
    return (await socket.next(
      (f) => (f.type === 'ack' || f.type === 'error') && f.clientMessageId === clientMessageId,
      from,
    )) as Ack | Refusal;
  }
  const stored = async () =>
    (
      await callApi<Page<InboxMessage>>(
        product.url,
        shop,
        'GET',
        `/conversations/${conversationId}/messages?limit=100`,
      )
    ).body.items;

  it('refuses a list that contradicts itself, naming the field, and keeps the old one', async () => {
    const twice = await callApi<ErrorBody>(product.url, shop, 'PUT', '/workspace/sensitive-words', {
      categories: [list.categories[0], list.categories[0]],
      words: [],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.field).toBe('body/categories/1/key');
    const orphan = await callApi<ErrorBody>(product.url, shop, 'PUT', '/workspace/sensitive-words', {
      categories: [list.categories[0]],
      words: [{ text: '刷单', category: 'fraud' }],
    });
    expect(orphan.body.field).toBe('body/words/0/category');
    const symbols = await callApi<ErrorBody>(product.url, shop, 'PUT', '/workspace/sensitive-words', {
      categories: [list.categories[0]],
      words: [{ text: ' ** ', category: 'abuse' }],
    });
    expect(symbols.body.field).toBe('body/words/0/text');
    const badAction = await callApi<ErrorBody>(product.url, shop, 'PUT', '/workspace/sensitive-words', {
      categories: [{ key: 'abuse', name: 'Abuse', action: 'shout' }],
      words: [],
    });
    expect(badAction.status).toBe(400);
    expect(badAction.body.field).toMatch(/categories\/0\/action/);
    expect(
      (await callApi<SensitiveWords>(product.url, shop, 'GET', '/workspace/sensitive-words')).body,
    ).toEqual({
      categories: [],
      words: [],
    });
  });

  it('stores the list once per word, audits the change, and says what it does to a message', async () => {
    const put = await callApi<SensitiveWords>(product.url, shop, 'PUT', '/workspace/sensitive-words', {
      ...list,
      words: [...list.words, { text: 'ＦＵＣＫ', category: 'abuse' }],
    });
    expect(put.status).toBe(200);
    expect(put.body.words).toEqual(list.words);
    const check = await callApi<SensitiveScreening>(
      product.url,
      shop,
      'POST',
      '/workspace/sensitive-words/check',
      {
        text: '傻 逼，淘宝更便宜',
      },
    );
    expect(check.body).toMatchObject({
      text: '＊ ＊，淘宝更便宜',
      blocked: null,
      categories: ['abuse', 'competitor'],
    });
    const audit = await callApi<{ items: { action: string }[] }>(product.url, shop, 'GET', '/audit');
    expect(audit.body.items.map((e) => e.action)).toContain('sensitive-words.update');
  });

  it('masks a customer message through evasions, and the flow reads the category', async () => {
    socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-sensitive-1', shop.publicKey);
    conversationId = session.conversationId;
    const from = socket.frames.length;
    const ack = (await say('你个 傻.逼，ｆ ｕ ｃ ｋ')) as Ack;
    expect(ack.type).toBe('ack');
    expect(ack.message.text).toBe('你个 ＊.＊，＊ ＊ ＊ ＊');
    await socket.next(isBotText(/Please keep it polite/), from);
    const [message] = (await stored()).filter((m) => m.author === 'customer');
    expect(message).toMatchObject({ text: '你个 ＊.＊，＊ ＊ ＊ ＊', sensitive: ['abuse'] });
  });

  it('refuses a blocked customer message with its category and stores nothing', async () => {
    const refusal = (await say('帮我 刷-单 好吗')) as Refusal;
    expect(refusal).toMatchObject({
      type: 'error',
      statusCode: 422,
      code: 'KEFU_ERR_SENSITIVE',
      field: 'text',
    });
    expect(refusal.message).toMatch(/fraud/);
    expect((await stored()).some((m) => m.text.includes('单'))).toBe(false);
  });

  it('keeps a flagged message as written, marked, and the flow sees no abuse', async () => {
    const from = socket.frames.length;
    const ack = (await say('淘宝上更便宜')) as Ack;
    expect(ack.message.text).toBe('淘宝上更便宜');
    await socket.next(isBotText(/Thanks for your message/), from);
    const flagged = (await stored()).find((m) => m.text === '淘宝上更便宜');
    expect(flagged?.sensitive).toEqual(['competitor']);
  });

  it("refuses an agent's blocked reply with the word, and sends a masked one masked", async () => {
    const blocked = await callApi<ErrorBody>(
      product.url,
      shop,
      'POST',
      `/conversations/${conversationId}/messages`,
      {
        clientMessageId: 'agent-reply-1',
        text: '我们不做刷 单',
      },
    );
    expect(blocked.status).toBe(422);
    expect(blocked.body).toMatchObject({ code: 'KEFU_ERR_SENSITIVE', field: 'body/text' });
    expect(blocked.body.message).toMatch(/刷单.*fraud/);
    const from = socket.frames.length;
    const masked = await callApi<InboxMessage>(
      product.url,
      shop,
      'POST',
      `/conversations/${conversationId}/messages`,
      {
        clientMessageId: 'agent-reply-2',
        text: 'Sorry, no FUCK here',
      },
    );
    expect(masked.status).toBe(200);
    expect(masked.body).toMatchObject({ text: 'Sorry, no ＊＊＊＊ here', sensitive: ['abuse'] });
    const pushed = await socket.next((f) => f.type === 'message' && f.message.author === 'agent', from);
    expect(pushed.type === 'message' && pushed.message.text).toBe('Sorry, no ＊＊＊＊ here');
  });
});
