import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport, SplitReport } from '@kefu/schemas/api';
import { applyDueKpis, kpiNotedModels } from '@kefu/runtime/models';
import { generateMonth } from '@kefu/runtime/generate-month';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';
import {
  daysOf,
  differences,
  dimOf,
  recompute as recomputeIn,
  sumOver,
  weekOf,
} from './support/kpi-recompute';
import { recountSplit, reportedOutcomes } from './support/split-recount';

/**
 * The service KPIs the API answers from its rollups equal the KPIs recomputed here, independently,
 * from the raw records of a generated month (conversations, agent messages, survey answers,
 * tickets, agents' presence spans). Counts equal exactly; medians and p90s within the histogram's bin (docs/analytics.md:
 * 4.43 %, plus rounding to whole seconds). The month: PLAYED conversations played write by write
 * (the models' update hooks mark them; the rollups are applied as the worker applies them), then
 * BATCH written each as its final state through insertMany (the batch path of the rollups). Each
 * conversation ran through the flow's random split; its branches' outcomes are recounted too.
 * KEFU_KPI_N / KEFU_KPI_PLAYED change the sizes.
 */
const BATCH = Number(process.env.KEFU_KPI_N ?? 5000);
const PLAYED = Number(process.env.KEFU_KPI_PLAYED ?? 300);
const N = BATCH + PLAYED;
const ZONE = 'Asia/Shanghai';
// UTC midnight is 08:00 in Shanghai: 30 days from it stay inside October there.
const START = '2026-10-01';
const FROM = '2026-10-01';
const TO = '2026-10-31';

let ctx: AccessApp;
let owner: Member;
let analyst: Member;
let agent: Member;
let flowId: string;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'kpis');
  analyst = await addMember(ctx.app, owner, ['analyst']);
  agent = await addMember(ctx.app, owner, ['agent']);
  await ctx.models.Workspace.updateOne({ _id: owner.workspaceId }, { $set: { timeZone: ZONE } });
  const started = performance.now();
  ({ flowId } = await generateMonth(ctx.app.models, {
    workspaceId: owner.workspaceId,
    conversations: N,
    played: PLAYED,
    start: START,
    days: 30,
  }));
  // What the worker's applier does every few seconds (the test runs no worker): until nothing is due.
  const kpiModels = kpiNotedModels(ctx.app.models);
  const generated = performance.now();
  while ((await applyDueKpis(kpiModels, { workspaceId: owner.workspaceId })) > 0);
  console.log(
    `generated ${BATCH} in batch + ${PLAYED} played in ${((generated - started) / 1000).toFixed(0)} s, ` +
      `their rollups applied in ${((performance.now() - generated) / 1000).toFixed(0)} s more`,
  );
}, 900_000);
afterAll(async () => await ctx?.stop());

const get = async <T>(who: Member, url: string) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  return { status: res.statusCode, body: JSON.parse(res.body) as T };
};

describe('service KPIs: the rollups equal a recomputation from the raw records', () => {
  it('per day, for the whole workspace, with the previous period beside it', async () => {
    const figures = await recomputeIn(ctx.models, owner.workspaceId, ZONE);
    const res = await get<KpiReport>(analyst, `/analytics/kpis?from=${FROM}&to=${TO}&groupBy=day`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      timeZone: ZONE,
      by: 'all',
      previous: { from: '2026-08-31', to: '2026-09-30' },
    });
    expect(res.body.periods).toHaveLength(31);
    const diffs: string[] = [];
    for (const period of res.body.periods)
      for (const row of period.rows)
        diffs.push(...differences(`${period.start} all`, row.kpis, sumOver(figures, [period.start], 'all')));
    const total = res.body.totals.find((t) => t.value === null)!;
    diffs.push(...differences('total', total.kpis, sumOver(figures, daysOf(FROM, TO), 'all')));
    expect(diffs).toEqual([]);
    expect(total.kpis.conversationsIn).toBe(N);
    // A month with every kind of event in it, spread over its days: the comparison is not of zeros.
    expect(res.body.periods.filter((p) => p.rows[0]?.kpis.conversationsIn).length).toBeGreaterThan(25);
    const k = total.kpis;
    for (const [name, n] of Object.entries({
      ticketsIn: k.ticketsIn,
      gotPerson: k.gotPerson,
      firstResponses: k.firstResponse.count,
      resolved: k.resolved,
      botDeflected: k.botDeflected,
      csat: k.csat.count,
      slaBreaches: k.slaBreaches,
      reopened: k.reopened,
      ticketsReopened: k.ticketsReopened,
      complaintCauses: Object.keys(k.complaintsByCause ?? {}).length,
      busiestHours: k.conversationsInByHour?.filter(Boolean).length ?? 0,
      onlineSeconds: k.onlineSeconds ?? 0,
      handleSeconds: k.handleSeconds ?? 0,
    }))
      expect(n, name).toBeGreaterThan(0);
    expect(k.gotPerson).toBeLessThan(k.askedForPerson);
    // Nothing was generated before October: the previous period is empty.
    expect(total.previous.conversationsIn).toBe(0);
  });

  for (const by of ['team', 'agent', 'channel', 'flow'] as const)
    it(`per week and per ${by}`, async () => {
      const figures = await recomputeIn(ctx.models, owner.workspaceId, ZONE);
      const res = await get<KpiReport>(owner, `/analytics/kpis?from=${FROM}&to=${TO}&groupBy=week&by=${by}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const diffs: string[] = [];
      const monthDays = daysOf(FROM, TO);
      for (const period of res.body.periods) {
        const days = monthDays.filter((d) => weekOf(d) === period.start);
        for (const row of period.rows)
          diffs.push(
            ...differences(
              `${period.start} ${by} ${row.value}`,
              row.kpis,
              sumOver(figures, days, dimOf(by, row.value)),
            ),
          );
      }
      for (const t of res.body.totals)
        diffs.push(
          ...differences(`total ${by} ${t.value}`, t.kpis, sumOver(figures, monthDays, dimOf(by, t.value))),
        );
      // Every value the raw records have is in the answer.
      const wanted = new Set(
        [...figures.values()].flatMap((m) => [...m.keys()]).filter((d) => d.startsWith(`${by}:`)),
      );
      expect(new Set(res.body.totals.map((t) => dimOf(by, t.value)))).toEqual(wanted);
      expect(diffs).toEqual([]);
    });
});

describe("the month's random split: each branch's outcomes equal a recount", () => {
  for (const version of [1, 2])
    it(`version ${version}: conversations, bot resolved, handed to a person, CSAT per branch`, async () => {
      const scan = { allowScan: 'the test recounts the split from every raw record' };
      const [conversations, answers] = await Promise.all([
        ctx.models.Conversation.find({ workspaceId: owner.workspaceId }).setOptions(scan).lean(),
        ctx.models.SurveyResponse.find({ workspaceId: owner.workspaceId }).setOptions(scan).lean(),
      ]);
      const branch = `${flowId}:${version}:greeting:`;
      const expected = recountSplit(['a', 'b'], conversations, answers, (c) =>
        ((c as { splits?: string[] }).splits ?? []).find((x) => x.startsWith(branch))?.slice(branch.length),
      );
      // A split of thousands, with every outcome in both branches: the comparison is not of zeros.
      for (const b of expected)
        for (const [k, n] of Object.entries(b)) if (k !== 'port') expect(n, k).toBeGreaterThan(0);

      const res = await get<SplitReport>(
        analyst,
        `/analytics/splits?flowId=${flowId}&version=${version}&from=${FROM}&to=${TO}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.splits.map((s) => s.nodeId)).toEqual(['greeting']);
      expect(reportedOutcomes(res.body.splits[0]!)).toEqual(expected);
    });
});

describe('GET /analytics/kpis: who and what', () => {
  it('refuses agents', async () => {
    const res = await get<{ code: string }>(agent, `/analytics/kpis?from=${FROM}&to=${TO}`);
    expect(res.status).toBe(403);
  });

  it('refuses a range over 366 days, naming the field', async () => {
    const res = await get<{ field: string }>(analyst, '/analytics/kpis?from=2025-01-01&to=2026-01-02');
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('querystring/to');
    const ok = await get(analyst, '/analytics/kpis?from=2025-01-01&to=2026-01-01');
    expect(ok.status).toBe(200);
  });

  it('refuses a range that ends before it starts, or a day that does not exist', async () => {
    expect((await get<{ field: string }>(analyst, `/analytics/kpis?from=${TO}&to=${FROM}`)).body.field).toBe(
      'querystring/to',
    );
    expect(
      (await get<{ field: string }>(analyst, '/analytics/kpis?from=2026-02-30&to=2026-03-01')).body.field,
    ).toBe('querystring/from');
  });
});
