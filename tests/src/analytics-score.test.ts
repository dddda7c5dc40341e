import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCORE_SETTINGS, type ScoreReport, type ScoreSettings } from '@kefu/schemas/api';
import { generateMonth } from '@kefu/runtime/generate-month';
import { applyDueKpis, kpiNotedModels } from '@kefu/runtime/models';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

/**
 * The service score's settings (owners change them, analysts read them, agents are refused; every
 * change audited; bad weights and targets refused naming the field) and GET /analytics/score on a
 * small generated fortnight, checked against the KPI report it is computed from.
 */
let ctx: AccessApp;
let owner: Member;
let analyst: Member;
let agent: Member;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'score');
  analyst = await addMember(ctx.app, owner, ['analyst']);
  agent = await addMember(ctx.app, owner, ['agent']);
  await generateMonth(ctx.app.models, {
    workspaceId: owner.workspaceId,
    conversations: 60,
    start: '2026-11-02',
    days: 14,
  });
  // What the worker's applier does every few seconds (this test runs no worker): until nothing is due,
  // so the score and the KPIs it is compared with read the same rollups.
  const kpiModels = kpiNotedModels(ctx.app.models);
  while ((await applyDueKpis(kpiModels, { workspaceId: owner.workspaceId })) > 0);
}, 300_000);
afterAll(async () => await ctx?.stop());

const call = async (who: Member, method: 'GET' | 'PUT', url: string, payload?: unknown) => {
  const res = await ctx.app.inject({
    method,
    url,
    headers: { cookie: who.cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
};

const mine: ScoreSettings = {
  kpis: [
    { kpi: 'csatAverage', weight: 50, target: 4.2 },
    { kpi: 'firstResponseP90', weight: 20, target: 300 },
    { kpi: 'resolutionRate', weight: 20, target: 0.8 },
    { kpi: 'reopenRate', weight: 10, target: 0.05 },
  ],
};

describe('score settings', () => {
  it('a new workspace has the default', async () => {
    expect(await call(analyst, 'GET', '/analytics/score-settings')).toEqual({
      status: 200,
      body: DEFAULT_SCORE_SETTINGS,
    });
  });

  it('owners change them, audited; analysts then read the change', async () => {
    expect(await call(owner, 'PUT', '/analytics/score-settings', mine)).toEqual({ status: 200, body: mine });
    expect((await call(analyst, 'GET', '/analytics/score-settings')).body).toEqual(mine);
    const audit = await call(owner, 'GET', '/audit?action=analytics.score-settings.update');
    expect(audit.status).toBe(200);
    const entry = audit.body.items[0];
    expect(entry).toMatchObject({
      action: 'analytics.score-settings.update',
      target: { type: 'score-settings', id: owner.workspaceId },
    });
    expect(JSON.stringify(entry.after)).toContain('reopenRate 10% target 0.05');
  });

  it('refuses analysts and agents the change, and agents the read', async () => {
    const before = (await call(owner, 'GET', '/analytics/score-settings')).body;
    for (const who of [analyst, agent]) {
      const res = await call(who, 'PUT', '/analytics/score-settings', DEFAULT_SCORE_SETTINGS);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'KEFU_ERR_FORBIDDEN' });
    }
    expect((await call(agent, 'GET', '/analytics/score-settings')).status).toBe(403);
    expect((await call(agent, 'GET', '/analytics/score?from=2026-11-02&to=2026-11-08')).status).toBe(403);
    expect((await call(owner, 'GET', '/analytics/score-settings')).body).toEqual(before);
  });

  it('refuses bad settings naming the field, and keeps the old ones', async () => {
    const k = mine.kpis;
    const cases: [unknown, string][] = [
      [{ kpis: [{ ...k[0], weight: 40 }, k[1], k[2], k[3]] }, 'body/kpis'],
      [{ kpis: [k[0], { ...k[1], kpi: 'csatAverage' }, k[2], k[3]] }, 'body/kpis/1/kpi'],
      [{ kpis: [k[0], k[1], { ...k[2], target: 80 }, k[3]] }, 'body/kpis/2/target'],
      [{ kpis: [{ ...k[0], target: 0.5 }, k[1], k[2], k[3]] }, 'body/kpis/0/target'],
      [{ kpis: [{ ...k[0], kpi: 'happiness' }] }, 'body/kpis/0/kpi'],
      [{ kpis: [{ ...k[0], weight: 0 }] }, 'body/kpis/0/weight'],
      [{ kpis: [] }, 'body/kpis'],
    ];
    for (const [body, field] of cases) {
      const res = await call(owner, 'PUT', '/analytics/score-settings', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body, JSON.stringify(body)).toMatchObject({
        statusCode: 400,
        code: 'KEFU_ERR_VALIDATION',
        field,
      });
    }
    expect((await call(owner, 'GET', '/analytics/score-settings')).body).toEqual(mine);
  });
});

describe('GET /analytics/score', () => {
  it('scores each week of the range and the period before, from the same KPIs', async () => {
    await call(owner, 'PUT', '/analytics/score-settings', DEFAULT_SCORE_SETTINGS);
    const res = await call(analyst, 'GET', '/analytics/score?from=2026-11-09&to=2026-11-15&groupBy=day');
    expect(res.status).toBe(200);
    const score = res.body as ScoreReport;
    expect(score.previous).toEqual({ from: '2026-11-02', to: '2026-11-08' });
    expect(score.periods.map((p) => p.start)).toHaveLength(7);
    expect(score.current.score).not.toBeNull();
    expect(score.before.score).not.toBeNull();
    expect(score.change).toBeCloseTo(score.current.score! - score.before.score!, 0);

    // The attainments are of the very figures GET /analytics/kpis answers.
    const kpis = (await call(analyst, 'GET', '/analytics/kpis?from=2026-11-09&to=2026-11-15')).body;
    const total = kpis.totals.find((t: { value: null }) => t.value === null).kpis;
    expect(score.current.kpis.map((k) => k.value)).toEqual([
      total.csat.average,
      total.firstResponse.median,
      total.resolutionRate,
    ]);
    const weighted = score.current.kpis.reduce((a, k) => a + k.weight * k.attainment!, 0) / 100;
    expect(score.current.score).toBeCloseTo(weighted, 0);
    if (score.current.score! < 100) {
      const worst = [...score.current.kpis].sort((a, b) => b.shortfall! - a.shortfall!)[0]!;
      expect(score.current.worst).toBe(worst.kpi);
    }
  });

  it('a range without data has no score rather than 0', async () => {
    const res = await call(owner, 'GET', '/analytics/score?from=2025-01-06&to=2025-01-12&groupBy=week');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ current: { score: null, coverage: 0, worst: null }, change: null });
    expect(res.body.periods).toEqual([{ start: '2025-01-06', score: null, worst: null }]);
  });

  it('refuses a range that is not one, naming the field', async () => {
    for (const [q, field] of [
      ['from=2026-11-31&to=2026-12-01', 'querystring/from'],
      ['from=2026-11-09&to=2026-11-01', 'querystring/to'],
      ['from=2024-01-01&to=2026-01-01', 'querystring/to'],
      ['from=2026-11-09', 'querystring/to'],
    ]) {
      const res = await call(owner, 'GET', `/analytics/score?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body, q).toMatchObject({ field });
    }
  });
});
