import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDraft } from '@kefu/schemas';
import type { FunnelNode, FunnelReport } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { publishFlow } from './support/publish-flow';
import { callApi, signUpShop, type Shop } from './support/shop';
import { WidgetSocket, isBotText } from './support/widget-socket';

/**
 * Start → wait for the first message → condition (asks about hours?) → a random split into two
 * replies and the End; otherwise a follow-up question that waits (nobody answers it here).
 */
const funnelFlow: FlowDraft = {
  schemaVersion: 1,
  name: 'Funnel',
  kind: 'auto-reply',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
    { id: 'wait', type: 'wait-for-reply', config: {}, position: { x: 0, y: 160 } },
    {
      id: 'hours',
      type: 'condition',
      config: {
        rule: { all: [{ fact: 'message', path: '$.text', operator: 'containsText', value: 'hours' }] },
      },
      position: { x: 280, y: 160 },
    },
    {
      id: 'split',
      type: 'random-split',
      config: {
        branches: [
          { port: 'a', label: 'A', weight: 50 },
          { port: 'b', label: 'B', weight: 50 },
        ],
      },
      position: { x: 560, y: 60 },
    },
    {
      id: 'reply-a',
      type: 'send-message',
      config: { text: 'Branch A: open 9 to 6.' },
      position: { x: 840, y: 0 },
    },
    {
      id: 'reply-b',
      type: 'send-message',
      config: { text: 'Branch B: open nine to six.' },
      position: { x: 840, y: 120 },
    },
    { id: 'end', type: 'end', config: {}, position: { x: 1120, y: 60 } },
    {
      id: 'more',
      type: 'send-message',
      config: { text: 'Tell me more, please.' },
      position: { x: 560, y: 300 },
    },
    { id: 'wait-more', type: 'wait-for-reply', config: {}, position: { x: 840, y: 300 } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'wait' },
    { source: 'wait', sourcePort: 'received', target: 'hours' },
    { source: 'hours', sourcePort: 'true', target: 'split' },
    { source: 'hours', sourcePort: 'false', target: 'more' },
    { source: 'split', sourcePort: 'a', target: 'reply-a' },
    { source: 'split', sourcePort: 'b', target: 'reply-b' },
    { source: 'reply-a', sourcePort: 'next', target: 'end' },
    { source: 'reply-b', sourcePort: 'next', target: 'end' },
    { source: 'more', sourcePort: 'next', target: 'wait-more' },
    { source: 'wait-more', sourcePort: 'received', target: 'end' },
  ],
};

const DAY_MS = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

// The funnel end to end: real conversations run on the real worker; the figures the API reads from
// the rollups equal a recount from the RunStep and FlowRun documents by the test's own code.
describe('flow funnel', () => {
  let product: RunningProduct;
  let shop: Shop;
  let flowId: string;
  let version: number;
  const from = day(Date.now() - DAY_MS);
  const to = day(Date.now() + DAY_MS);

  beforeAll(async () => {
    product = await startProduct();
    shop = await signUpShop(product.url, 'funnel');
    ({ flowId, version } = await publishFlow(product.url, shop, funnelFlow));
  });
  afterAll(async () => {
    await product?.stop();
  });

  const funnel = (query: string) =>
    callApi<FunnelReport & { field?: string }>(product.url, shop, 'GET', `/analytics/funnel?${query}`);

  it('counts each run once per node and equals a recount from the runs and their steps', async () => {
    const talks = [
      { text: 'what are your hours', reply: /Branch [AB]/ },
      { text: 'opening hours please', reply: /Branch [AB]/ },
      { text: 'hours on sunday?', reply: /Branch [AB]/ },
      { text: 'your hours', reply: /Branch [AB]/ },
      { text: 'where is my parcel', reply: /Tell me more/ },
      { text: 'I want a refund', reply: /Tell me more/ },
    ];
    for (const [i, talk] of talks.entries()) {
      const socket = await WidgetSocket.open(product.wsUrl);
      try {
        await socket.hello(`visitor-funnel-${i}`, shop.publicKey);
        socket.send({ type: 'message', clientMessageId: `funnel-${i}`, text: talk.text });
        await socket.next(isBotText(talk.reply));
      } finally {
        await socket.close();
      }
    }

    const query = `flowId=${flowId}&version=${version}&from=${from}&to=${to}`;
    // History is written in the background: poll until every run is in (four ended, two waiting).
    let report!: FunnelReport;
    await expect
      .poll(async () => {
        report = (await funnel(query)).body;
        const at = (id: string) => report.nodes.find((n) => n.nodeId === id);
        return [report.runs, at('end')?.finished ?? 0, at('wait-more')?.waiting ?? 0];
      })
      .toEqual([6, 4, 2]);

    // The recount, from the raw documents.
    const scan = { allowScan: "the test recounts the funnel from the runs' documents" };
    const runs = await product.models.FlowRun.find({ workspaceId: shop.workspaceId, flowId, version })
      .setOptions(scan)
      .lean();
    const steps = await product.models.RunStep.find({ workspaceId: shop.workspaceId })
      .setOptions(scan)
      .sort({ runId: 1, step: 1 })
      .lean();
    const expected = new Map<
      string,
      Omit<FunnelNode, 'time'> & { durations: number[]; runIds: Set<string> }
    >();
    const of = (nodeId: string) => {
      const n = expected.get(nodeId) ?? {
        nodeId,
        entered: 0,
        visits: 0,
        left: {} as Record<string, number>,
        finished: 0,
        dropped: 0,
        failed: 0,
        waiting: 0,
        durations: [] as number[],
        runIds: new Set<string>(),
      };
      expected.set(nodeId, n);
      return n;
    };
    for (const s of steps) {
      const n = of(s.nodeId);
      n.visits++;
      n.runIds.add(s.runId);
      if (s.port) n.left[s.port] = (n.left[s.port] ?? 0) + 1;
      n.durations.push((s.leftAt.getTime() - s.enteredAt.getTime()) / 1000);
    }
    for (const r of runs) {
      if (r.status === 'running' && r.currentNodeId) {
        of(r.currentNodeId).waiting++;
        of(r.currentNodeId).runIds.add(r.runId);
      }
      const ended = r.endNodeId ?? r.failure?.nodeId;
      if (r.status === 'completed' && ended) {
        if (['end', 'close-conversation'].includes(funnelFlow.nodes.find((n) => n.id === ended)!.type))
          of(ended).finished++;
        else of(ended).dropped++;
      }
      if (r.status === 'failed' && ended) {
        of(ended).dropped++;
        of(ended).failed++;
      }
    }
    expect(runs).toHaveLength(6);
    expect(report.runs).toBe(runs.length);
    for (const n of expected.values()) {
      const got = report.nodes.find((g) => g.nodeId === n.nodeId);
      expect(got, n.nodeId).toMatchObject({
        entered: n.runIds.size,
        visits: n.visits,
        left: n.left,
        finished: n.finished,
        dropped: n.dropped,
        failed: n.failed,
        waiting: n.waiting,
      });
      expect(got!.time.count).toBe(n.durations.length);
      // Quantiles come from log-scale bins: within 4.43 % of the exact nearest-rank value, plus rounding.
      const sorted = [...n.durations].sort((a, b) => a - b);
      // A node runs only wait in so far has no time yet.
      if (!sorted.length) expect(got!.time).toEqual({ count: 0, median: null, p90: null });
      if (sorted.length)
        for (const [q, key] of [
          [0.5, 'median'],
          [0.9, 'p90'],
        ] as const) {
          const exact = sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
          const figure = got!.time[key]!;
          expect(figure, `${n.nodeId} ${key}`).toBeGreaterThanOrEqual(exact < 1 ? 0 : exact / 1.0443 - 0.5);
          expect(figure, `${n.nodeId} ${key}`).toBeLessThanOrEqual(exact < 1 ? 1 : exact * 1.0443 + 0.5);
        }
    }
    expect(report.nodes.map((n) => n.nodeId).sort()).toEqual([...expected.keys()].sort());
    // The shape of the flow: every run passed the condition; the split took the four that asked.
    const at = (id: string) => report.nodes.find((n) => n.nodeId === id)!;
    expect(at('hours')).toMatchObject({ entered: 6, left: { true: 4, false: 2 } });
    expect((at('split').left.a ?? 0) + (at('split').left.b ?? 0)).toBe(4);
  });

  it('answers a range with no runs, and another version, with zeros', async () => {
    const { status, body } = await funnel(
      `flowId=${flowId}&version=${version}&from=2020-01-01&to=2020-01-31`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ runs: 0, nodes: [] });
  });

  it('refuses bad questions in the one error shape, naming the field', async () => {
    const cases: Array<[string, number, string]> = [
      [`version=${version}&from=${from}&to=${to}`, 400, 'querystring/flowId'],
      [`flowId=nope&version=${version}&from=${from}&to=${to}`, 400, 'querystring/flowId'],
      [`flowId=${flowId}&version=0&from=${from}&to=${to}`, 400, 'querystring/version'],
      [`flowId=${flowId}&version=${version}&from=2026-02-30&to=${to}`, 400, 'querystring/from'],
      [`flowId=${flowId}&version=${version}&from=${to}&to=${from}`, 400, 'querystring/to'],
      [`flowId=${flowId}&version=${version}&from=2020-01-01&to=2026-01-01`, 400, 'querystring/to'],
      [`flowId=${'a'.repeat(24)}&version=${version}&from=${from}&to=${to}`, 404, 'querystring/flowId'],
      [`flowId=${flowId}&version=99&from=${from}&to=${to}`, 404, 'querystring/version'],
    ];
    for (const [query, status, field] of cases) {
      const res = await funnel(query);
      expect({ query, status: res.status, field: res.body.field }).toEqual({ query, status, field });
    }
    expect((await callApi(product.url, null, 'GET', `/analytics/funnel?flowId=${flowId}`)).status).toBe(401);
  });
});
