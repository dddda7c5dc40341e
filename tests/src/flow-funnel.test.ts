import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunnelNode, FunnelReport } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { funnelFlow, talkToFunnel } from './support/funnel-flow';
import { publishFlow } from './support/publish-flow';
import { callApi, signUpShop, type Shop } from './support/shop';

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
    await talkToFunnel(product.wsUrl, shop.publicKey, 'funnel');

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
    // A flush counts its funnel before it writes its run document: wait for those too.
    await expect
      .poll(() =>
        product.models.FlowRun.countDocuments({ workspaceId: shop.workspaceId, flowId, version }).setOptions({
          allowScan: 'the test waits for its six runs',
        }),
      )
      .toBe(6);

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
