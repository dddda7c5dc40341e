import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Run, RunStep, RunTimeline } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { publishFlow } from './support/publish-flow';
import { callApi, signUpShop, type Shop } from './support/shop';
import { whyArticles, whyFlow } from './support/why-flow';
import { WidgetSocket, isBotText } from './support/widget-socket';

// The why-trace end to end: a real conversation on the real worker passes a condition and a
// knowledge-base step; the runs API returns, per step, the rule with the values it saw, the branch
// not taken, and the knowledge base's confidence against the threshold.
describe('why-trace of a run', () => {
  let product: RunningProduct;
  let shop: Shop;

  beforeAll(async () => {
    product = await startProduct();
    shop = await signUpShop(product.url, 'why');
    for (const article of whyArticles)
      expect((await callApi(product.url, shop, 'POST', '/kb/articles', article)).status).toBe(201);
    await publishFlow(product.url, shop, whyFlow);
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('records the rule, the values it saw, the branch not taken and the knowledge-base confidence with its threshold', async () => {
    const socket = await WidgetSocket.open(product.wsUrl);
    try {
      await socket.hello('visitor-why', shop.publicKey);
      socket.send({ type: 'message', clientMessageId: 'why-trace-1', text: 'what are your hours on sunday' });
      await socket.next(isBotText(/A teammate will answer you shortly/));
    } finally {
      await socket.close();
    }

    let runs: Page<Run> = { items: [], nextCursor: null };
    await expect
      .poll(async () => {
        runs = (await callApi<Page<Run>>(product.url, shop, 'GET', '/runs')).body;
        return runs.items[0]?.steps ?? 0;
      })
      .toBeGreaterThanOrEqual(5);
    const { status, body } = await callApi<RunTimeline>(
      product.url,
      shop,
      'GET',
      `/runs/${runs.items[0]!.id}`,
    );
    expect(status).toBe(200);
    const at = (nodeId: string): RunStep => body.steps.find((s) => s.nodeId === nodeId)!;

    const condition = at('vip');
    expect(condition.port).toBe('false');
    expect(condition.why).toMatchObject({
      kind: 'condition',
      result: false,
      rule: {
        match: 'all',
        result: false,
        conditions: [
          { fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip', result: false },
          {
            fact: 'message',
            path: '$.text',
            operator: 'containsText',
            value: 'hours',
            saw: 'what are your hours on sunday',
            result: true,
          },
        ],
      },
      notTaken: [{ port: 'true', reason: 'rule-false' }],
    });

    const faq = at('faq');
    expect(faq.port).toBe('not-found');
    expect(faq.why).toMatchObject({
      kind: 'knowledge',
      outcome: 'below-threshold',
      query: 'what are your hours on sunday',
      threshold: 0.99,
      best: { question: 'What are your opening hours?' },
      notTaken: [{ port: 'answered', reason: 'below-threshold' }],
    });
    const why = faq.why as Extract<RunStep['why'], { kind: 'knowledge' }>;
    expect(why.confidence).toBeGreaterThan(0);
    expect(why.confidence).toBeLessThan(0.99);
    // Steps that decide nothing carry no why.
    expect(at('start').why).toBeUndefined();
  });

  it('keeps old-style steps readable: a step stored without a why comes back without one', async () => {
    const run = (await callApi<Page<Run>>(product.url, shop, 'GET', '/runs')).body.items[0]!;
    await product.models.RunStep.updateOne(
      { workspaceId: shop.workspaceId, runId: run.id, nodeId: 'vip' },
      { $unset: { why: 1 } },
    );
    const { status, body } = await callApi<RunTimeline>(product.url, shop, 'GET', `/runs/${run.id}`);
    expect(status).toBe(200);
    expect(body.steps.find((s) => s.nodeId === 'vip')).toMatchObject({
      port: 'false',
      decision: 'rule false',
    });
    expect(body.steps.find((s) => s.nodeId === 'vip')?.why).toBeUndefined();
  });
});
