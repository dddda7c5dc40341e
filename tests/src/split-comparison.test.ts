import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SplitReport } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { publishFlow } from './support/publish-flow';
import { callApi, signUpShop, type Shop } from './support/shop';
import { splitFlow } from './support/split-flow';
import { recountSplit, reportedOutcomes } from './support/split-recount';
import { WidgetSocket, isBotText } from './support/widget-socket';

/**
 * The random-split comparison end to end: conversations on the real worker pass an A/B greeting,
 * then are closed by the bot, handed to a team or rated; GET /analytics/splits gives per branch
 * exactly what a recount of the raw records gives (runs' steps, conversations, survey answers).
 */
const N = 24;
const intent = (i: number) => (['person please', 'bye', 'rate'] as const)[i % 3]!;
const rating = (i: number) => (i % 5) + 1;

describe('random split comparison', () => {
  let product: RunningProduct;
  let shop: Shop;
  let flow: { flowId: string; version: number };
  const today = new Date().toISOString().slice(0, 10);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const splits = (q: string) => callApi<SplitReport>(product.url, shop, 'GET', `/analytics/splits?${q}`);

  beforeAll(async () => {
    product = await startProduct();
    shop = await signUpShop(product.url, 'split');
    expect(
      (await callApi(product.url, shop, 'POST', '/teams', { key: 'support', name: 'Support' })).status,
    ).toBe(201);
    flow = await publishFlow(product.url, shop, splitFlow);
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('counts each branch once: conversations, bot resolved, handed to a person, CSAT — equal to a recount', async () => {
    for (let i = 0; i < N; i++) {
      const socket = await WidgetSocket.open(product.wsUrl);
      try {
        await socket.hello(`visitor-split-${i}`, shop.publicKey);
        await socket.next(isBotText(/^Greeting [AB]/));
        socket.send({ type: 'message', clientMessageId: `split-msg-${i}`, text: intent(i) });
        if (intent(i) === 'person please') await socket.next(isBotText(/A teammate will answer/));
        else if (intent(i) === 'bye') await socket.next(isBotText(/^Bye/));
        else {
          await socket.next(isBotText(/How did we do/));
          socket.send({ type: 'message', clientMessageId: `split-rating-${i}`, text: String(rating(i)) });
          await socket.next(isBotText(/^Bye/));
        }
      } finally {
        await socket.close();
      }
    }

    // The recount, from the raw records: the branch from the run's own step at the split node.
    const m = product.models;
    const scan = { allowScan: 'the test recounts the split from every raw record' };
    const recount = async () => {
      const [steps, runs, conversations, answers] = await Promise.all([
        m.RunStep.find({ workspaceId: shop.workspaceId, nodeId: 'greeting' }).setOptions(scan).lean(),
        m.FlowRun.find({ workspaceId: shop.workspaceId }).setOptions(scan).lean(),
        m.Conversation.find({ workspaceId: shop.workspaceId }).setOptions(scan).lean(),
        m.SurveyResponse.find({ workspaceId: shop.workspaceId }).setOptions(scan).lean(),
      ]);
      const conversationOfRun = new Map(runs.map((r) => [r.runId, String(r.conversationId)]));
      const branchOf = new Map(steps.map((s) => [conversationOfRun.get(s.runId)!, String(s.port)]));
      const ended = runs.filter((r) => r.status !== 'running').length;
      const branches = recountSplit(['a', 'b'], conversations, answers, (c) => branchOf.get(String(c._id)));
      return { seen: branchOf.size, ended, branches };
    };
    // The worker writes a run's steps after its replies: wait until every run has ended and is stored.
    await expect
      .poll(async () => {
        const r = await recount();
        return [r.seen, r.ended];
      })
      .toEqual([N, N]);
    const expected = (await recount()).branches;
    // Both branches got traffic (24 fair coin flips), and the outcomes are what the customers asked for.
    expect(expected.every((b) => b.conversations > 0)).toBe(true);
    expect(expected.reduce((s, b) => s + b.handedToPerson, 0)).toBe(N / 3);
    expect(expected.reduce((s, b) => s + b.botResolved, 0)).toBe((2 * N) / 3);
    expect(expected.reduce((s, b) => s + b.csatCount, 0)).toBe(N / 3);

    const query = `flowId=${flow.flowId}&version=${flow.version}&from=${day(-1)}&to=${day(1)}`;
    await expect
      .poll(async () => {
        const { body } = await splits(query);
        return body.splits?.[0] && reportedOutcomes(body.splits[0]);
      })
      .toEqual(expected);

    const { status, body } = await splits(query);
    expect(status).toBe(200);
    expect(body.splits).toHaveLength(1);
    const [control, other] = body.splits[0]!.branches;
    expect(body.splits[0]).toMatchObject({ nodeId: 'greeting', label: 'Greeting A/B' });
    expect(control).toMatchObject({ port: 'a', label: 'Short', weight: 50, vsControl: null });
    expect(other!.vsControl!.botResolvedRate).toMatchObject({
      diff: other!.outcomes.botResolvedRate! - control!.outcomes.botResolvedRate!,
    });
    // 24 conversations are fewer than the minimum per branch: nothing is called more than chance.
    expect(other!.enough).toBe(false);
    expect(other!.vsControl!.botResolvedRate?.significant ?? false).toBe(false);

    // The range is the day the conversations came in: a range before today holds none of them.
    const before = await splits(
      `flowId=${flow.flowId}&version=${flow.version}&from=${day(-3)}&to=${day(-2)}`,
    );
    expect(before.body.splits[0]!.branches.map((b) => b.conversations)).toEqual([0, 0]);
    expect(before.body.splits[0]!.branches[1]!.vsControl!.botResolvedRate).toBeNull();
    expect(today).toBe(day(0));
  });

  it('refuses bad questions in the one error shape, naming the field', async () => {
    const base = `flowId=${flow.flowId}&version=${flow.version}`;
    const cases: [string, number, string][] = [
      [`version=1&from=${today}&to=${today}`, 400, 'querystring/flowId'],
      [`flowId=nope&version=1&from=${today}&to=${today}`, 400, 'querystring/flowId'],
      [`flowId=${flow.flowId}&version=0&from=${today}&to=${today}`, 400, 'querystring/version'],
      [`${base}&from=2026-02-30&to=${today}`, 400, 'querystring/from'],
      [`${base}&from=${today}&to=2020-01-01`, 400, 'querystring/to'],
      [`${base}&from=2020-01-01&to=2026-01-01`, 400, 'querystring/to'],
      [`flowId=${flow.flowId}&version=99&from=${today}&to=${today}`, 404, 'querystring/version'],
      [`flowId=${'0'.repeat(24)}&version=1&from=${today}&to=${today}`, 404, 'querystring/version'],
    ];
    for (const [q, status, field] of cases) {
      const res = await callApi<{ statusCode: number; code: string; field: string }>(
        product.url,
        shop,
        'GET',
        `/analytics/splits?${q}`,
      );
      expect({ q, status: res.status, field: res.body.field }).toEqual({ q, status, field });
      expect(res.body.statusCode).toBe(status);
    }
  });
});
