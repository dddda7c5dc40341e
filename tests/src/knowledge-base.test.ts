import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSeedFlow } from '@kefu/runtime';
import type { FlowDraft } from '@kefu/schemas';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop, type Shop } from './support/shop';
import { WidgetSocket } from './support/widget-socket';

// The knowledge-base bot end to end on real servers: an owner imports articles over the API, a
// published flow answers from them in the widget, and says "Did you mean" when it is unsure.
describe('knowledge-base bot', () => {
  let product: RunningProduct;
  let shop: Shop;
  const call = async <T>(method: string, path: string, body?: unknown) =>
    callApi<T>(product.url, shop, method, path, body);

  const flow: FlowDraft = {
    schemaVersion: 1,
    name: 'FAQ bot',
    kind: 'auto-reply',
    nodes: [
      { id: 'start', type: 'conversation-started', config: {} },
      { id: 'hello', type: 'send-message', config: { text: 'Hi! Ask me anything about your order.' } },
      { id: 'wait', type: 'wait-for-reply', config: {} },
      { id: 'faq', type: 'answer-from-knowledge-base', config: {} },
      { id: 'human', type: 'send-message', config: { text: 'A teammate will answer you shortly.' } },
    ],
    edges: [
      { source: 'start', sourcePort: 'next', target: 'hello' },
      { source: 'hello', sourcePort: 'next', target: 'wait' },
      { source: 'wait', sourcePort: 'received', target: 'faq' },
      { source: 'faq', sourcePort: 'answered', target: 'wait' },
      { source: 'faq', sourcePort: 'not-found', target: 'human' },
      { source: 'human', sourcePort: 'next', target: 'wait' },
    ],
  };

  beforeAll(async () => {
    product = await startProduct();
    shop = await signUpShop(product.url, 'kb');
    await publishSeedFlow(product.models, shop.workspaceId, flow);
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('imports the good rows of a CSV and reports each bad one', async () => {
    const csv = [
      'question,phrasings,answer,tags,locale',
      'How long does delivery take?,When will my order arrive?|How many days for shipping,Orders arrive in 2-3 working days.,shipping,en',
      '退货怎么办理？,怎么退货|可以退吗,收货后7天内可在订单页申请退货。,returns,zh-CN',
      'Do you ship abroad?,International shipping,,shipping,en',
      'Which payment methods do you accept?,Can I pay by card,"Cards, Alipay and WeChat Pay.",payment,en',
      'How long does delivery take?,dup,Again.,shipping,en',
    ].join('\n');
    const { status, body } = await call<{
      imported: number;
      problems: Array<{ row: number; code: string; field?: string }>;
    }>('POST', '/kb/import', { format: 'csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(status).toBe(200);
    expect(body.imported).toBe(3);
    expect(body.problems).toEqual([
      expect.objectContaining({ row: 4, code: 'empty-answer' }),
      expect.objectContaining({ row: 6, code: 'duplicate' }),
    ]);
    const list = await call<{ items: Array<{ question: string }> }>('GET', '/kb/articles?q=delivery');
    expect(list.body.items.map((a) => a.question)).toEqual(['How long does delivery take?']);
    // The console's language filter: exactly one locale.
    const chinese = await call<{ items: Array<{ question: string }> }>('GET', '/kb/articles?locale=zh-CN');
    expect(chinese.body.items.map((a) => a.question)).toEqual(['退货怎么办理？']);
  });

  it('answers a customer in the widget from the knowledge base', async () => {
    const socket = await WidgetSocket.open(product.wsUrl);
    await socket.hello('visitor-kb-1', shop.publicKey);
    await socket.next((f) => f.type === 'message' && f.message.text.startsWith('Hi! Ask me'));
    const from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId: 'kb-question-1', text: 'when will my order arrive' });
    const answer = await socket.next(
      (f) => f.type === 'message' && f.message.text === 'Orders arrive in 2-3 working days.',
      from,
    );
    if (answer.type !== 'message') throw new Error('unreachable');
    expect(answer.message.kbArticleId).toMatch(/^[0-9a-f]{24}$/);

    // The customer says it did not help (twice: counted once); feedback on a greeting is refused.
    socket.send({ type: 'feedback', messageId: answer.message.id, helpful: false });
    socket.send({ type: 'feedback', messageId: answer.message.id, helpful: false });
    const greeting = socket.pushed('bot')[0]!;
    const before = socket.frames.length;
    socket.send({ type: 'feedback', messageId: greeting.id, helpful: false });
    expect(await socket.next((f) => f.type === 'error', before)).toMatchObject({
      code: 'KEFU_ERR_NOT_FOUND',
      field: '/messageId',
    });
    await expect
      .poll(async () => (await call<Array<{ kind: string }>>('GET', '/kb/gaps?kind=unhelpful')).body)
      .toEqual([
        expect.objectContaining({
          kind: 'unhelpful',
          text: 'when will my order arrive',
          articleId: answer.message.kbArticleId,
          count: 1,
        }),
      ]);
    const zh = socket.frames.length;
    socket.send({ type: 'message', clientMessageId: 'kb-question-2', text: '我想退货' });
    await socket.next((f) => f.type === 'message' && f.message.text.includes('7天内'), zh);
    await socket.close();
  });

  it('offers the closest questions as buttons when unsure, and lists the question for the owner', async () => {
    // An owner who wants the bot to be very sure before it answers.
    const settings = await call('PUT', '/kb/settings', {
      threshold: 0.99,
      synonyms: [['delivery', 'shipping']],
    });
    expect(settings.status).toBe(200);
    const socket = await WidgetSocket.open(product.wsUrl);
    await socket.hello('visitor-kb-2', shop.publicKey);
    await socket.next((f) => f.type === 'message' && f.message.text.startsWith('Hi! Ask me'));
    const from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId: 'kb-unsure-1', text: 'shipping time?' });
    const suggestion = await socket.next(
      (f) => f.type === 'message' && f.message.author === 'bot' && Boolean(f.message.quickReplies?.length),
      from,
    );
    expect(suggestion.type === 'message' && suggestion.message.quickReplies?.map((q) => q.label)).toContain(
      'How long does delivery take?',
    );
    await socket.next(
      (f) => f.type === 'message' && f.message.text === 'A teammate will answer you shortly.',
      from,
    );
    await socket.close();

    const gaps = await call<Array<{ text: string; count: number; kind: string }>>(
      'GET',
      '/kb/gaps?kind=unanswered',
    );
    expect(gaps.body).toEqual([
      expect.objectContaining({ kind: 'unanswered', text: 'shipping time?', count: 1 }),
    ]);
  });

  it('exports articles as CSV with formula-leading cells neutralised, and imports the export back unchanged', async () => {
    const other = await signUpShop(product.url, 'kb-export');
    const article = {
      question: '=HYPERLINK("http://x","refund")',
      phrasings: ['@here refund'],
      answer: '- open Orders\n- press Return',
      tags: ['+vip'],
      locale: 'en',
    };
    expect((await callApi(product.url, other, 'POST', '/kb/articles', article)).status).toBe(201);
    const res = await fetch(`${product.url}/kb/export?format=csv`, { headers: { cookie: other.cookie } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).toContain(`,'@here refund,"'- open Orders`);
    expect(csv).toContain(`,'+vip,`);
    // Into another shop: in the same one every question is already there (a duplicate).
    const copy = await signUpShop(product.url, 'kb-reimport');
    const { body } = await callApi<{ imported: number; problems: unknown[] }>(
      product.url,
      copy,
      'POST',
      '/kb/import',
      {
        format: 'csv',
        contentBase64: Buffer.from(csv).toString('base64'),
      },
    );
    expect(body).toEqual({ imported: 1, problems: [] });
    const list = await callApi<{ items: Array<Record<string, unknown>> }>(
      product.url,
      copy,
      'GET',
      '/kb/articles',
    );
    expect(list.body.items).toEqual([expect.objectContaining(article)]);
  });
  it('streams a knowledge base larger than one batch, every article once', async () => {
    const shop = await signUpShop(product.url, 'kb-big-export');
    const many = Array.from({ length: 1100 }, (_, i) => ({
      question: `Question number ${i}?`,
      answer: `Answer ${i}.`,
      locale: 'en',
    }));
    const imported = await callApi<{ imported: number }>(product.url, shop, 'POST', '/kb/import', {
      format: 'json',
      contentBase64: Buffer.from(JSON.stringify(many)).toString('base64'),
    });
    expect(imported.body.imported).toBe(1100);
    const res = await fetch(`${product.url}/kb/export?format=json`, { headers: { cookie: shop.cookie } });
    expect(res.status).toBe(200);
    // Written as it is read (chunked), not built whole and then sent with a length.
    expect(res.headers.get('content-length')).toBeNull();
    const { articles } = (await res.json()) as { articles: Array<{ id: string; question: string }> };
    expect(articles).toHaveLength(1100);
    expect(new Set(articles.map((a) => a.id)).size).toBe(1100);
    expect(new Set(articles.map((a) => a.question))).toEqual(new Set(many.map((a) => a.question)));
  });
});
