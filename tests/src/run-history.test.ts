import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFlowDraft, publishSeedFlow } from '@kefu/runtime';
import type { Page, Run, RunTimeline } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop, type Shop } from './support/shop';
import { WidgetSocket, isBotText } from './support/widget-socket';

// Run history end to end: a real conversation on the real worker, then the analysts' API.
describe('run history', () => {
  let product: RunningProduct;
  let shopA: Shop;
  let shopB: Shop;

  const get = async <T>(shop: Shop | null, path: string) => callApi<T>(product.url, shop, 'GET', path);

  beforeAll(async () => {
    product = await startProduct();
    [shopA, shopB] = [await signUpShop(product.url, 'runs-a'), await signUpShop(product.url, 'runs-b')];
    await publishSeedFlow(product.models, shopA.workspaceId, demoFlowDraft);
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('records every step once, in order, with its port and timing, while the run waits', async () => {
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-run-history', shopA.publicKey);
    await socket.next(isBotText(/Welcome/));
    socket.send({ type: 'message', clientMessageId: 'run-history-1', text: 'hi' });
    await socket.next(isBotText(/"hi"/));

    // History is written in the background once the run waits again.
    let runs: Page<Run> = { items: [], nextCursor: null };
    await expect
      .poll(async () => ((runs = (await get<Page<Run>>(shopA, '/runs')).body), runs.items[0]?.steps))
      .toBe(5);
    expect(runs.items).toHaveLength(1);
    const run = runs.items[0]!;
    expect(run).toMatchObject({
      conversationId: session.conversationId,
      version: 1,
      status: 'running',
      currentNodeId: 'wait',
      // What the run explorer filters by, recorded with the run.
      channel: 'web',
    });

    const { status, body } = await get<RunTimeline>(shopA, `/runs/${run.id}`);
    expect(status).toBe(200);
    expect(body.steps.map((s) => [s.step, s.nodeId, s.nodeType, s.port])).toEqual([
      [1, 'start', 'conversation-started', 'next'],
      [2, 'welcome', 'send-message', 'next'],
      [3, 'wait', 'wait-for-reply', 'received'],
      [4, 'answer', 'answer-from-knowledge-base', 'not-found'],
      [5, 'auto-reply', 'send-message', 'next'],
    ]);
    for (const s of body.steps) expect(Date.parse(s.leftAt)).toBeGreaterThanOrEqual(Date.parse(s.enteredAt));
    await socket.close();
  });

  it('filters runs and pages through them with the list convention', async () => {
    const run = (await get<Page<Run>>(shopA, '/runs')).body.items[0]!;
    expect((await get<Page<Run>>(shopA, `/runs?flowId=${run.flowId}&version=1`)).body.items).toHaveLength(1);
    expect((await get<Page<Run>>(shopA, '/runs?status=completed')).body.items).toHaveLength(0);
    expect(
      (await get<Page<Run>>(shopA, `/runs?conversationId=${run.conversationId}`)).body.items,
    ).toHaveLength(1);
    expect((await get<Page<Run>>(shopA, '/runs?from=2099-01-01T00:00:00Z')).body.items).toHaveLength(0);
    const bad = await get<{ code: string; field: string }>(shopA, '/runs?status=sleeping');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'KEFU_ERR_VALIDATION', field: expect.stringContaining('status') });
  });

  it("never shows one workspace's runs to another, nor to anyone signed out", async () => {
    const run = (await get<Page<Run>>(shopA, '/runs')).body.items[0]!;
    expect((await get<Page<Run>>(shopB, '/runs')).body.items).toEqual([]);
    expect((await get(shopB, `/runs/${run.id}`)).status).toBe(404);
    expect((await get(null, '/runs')).status).toBe(401);
  });
});
