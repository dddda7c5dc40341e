import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport, Kpis } from '@kefu/schemas/api';
import { generateMonth } from '@kefu/runtime/generate-month';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

/**
 * The service KPIs the API answers from its rollups equal the KPIs recomputed here, independently,
 * from the raw records of a generated month (conversations, agent messages, survey answers,
 * tickets). Counts equal exactly; medians and p90s within the histogram's bin (docs/analytics.md:
 * 4.43 %, plus rounding to whole seconds). N is 500, not the 5,000 the generator makes for the
 * benchmark, to keep the test near a minute on a slow machine (about 0.13 s per conversation);
 * KEFU_KPI_N=5000 runs the full month.
 */
const N = Number(process.env.KEFU_KPI_N ?? 500);
const ZONE = 'Asia/Shanghai';
// UTC midnight is 08:00 in Shanghai: 30 days from it stay inside October there.
const START = '2026-10-01';
const FROM = '2026-10-01';
const TO = '2026-10-31';

let ctx: AccessApp;
let owner: Member;
let analyst: Member;
let agent: Member;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'kpis');
  analyst = await addMember(ctx.app, owner, ['analyst']);
  agent = await addMember(ctx.app, owner, ['agent']);
  await ctx.models.Workspace.updateOne({ _id: owner.workspaceId }, { $set: { timeZone: ZONE } });
  await generateMonth(ctx.app.models, {
    workspaceId: owner.workspaceId,
    conversations: N,
    start: START,
    days: 30,
  });
}, 600_000);
afterAll(async () => await ctx?.stop());

const get = async <T>(who: Member, url: string) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  return { status: res.statusCode, body: JSON.parse(res.body) as T };
};

// ---- The recomputation: straightforward code over the raw records, not the rollup code. ----

type Sums = {
  conversationsIn: number;
  ticketsIn: number;
  asked: number;
  answered: number;
  resolved: number;
  botDeflected: number;
  reopened: number;
  csatCount: number;
  csatSum: number;
  csatPositive: number;
  slaBreaches: number;
  ticketsResolved: number;
  ticketsReopened: number;
  frt: number[];
  rt: number[];
};
const emptySums = (): Sums => ({
  conversationsIn: 0,
  ticketsIn: 0,
  asked: 0,
  answered: 0,
  resolved: 0,
  botDeflected: 0,
  reopened: 0,
  csatCount: 0,
  csatSum: 0,
  csatPositive: 0,
  slaBreaches: 0,
  ticketsResolved: 0,
  ticketsReopened: 0,
  frt: [],
  rt: [],
});

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const dayOf = (d: Date) => dayFormat.format(d);
const secs = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 1000;

/** figures[day][dimension value] */
type Figures = Map<string, Map<string, Sums>>;

async function recompute(workspaceId: string): Promise<Figures> {
  const m = ctx.models;
  const scan = { allowScan: 'the test recomputes the KPIs from every raw record' };
  const [conversations, messages, surveys, tickets] = await Promise.all([
    m.Conversation.find({ workspaceId }).setOptions(scan).lean(),
    m.Message.find({ workspaceId, author: 'agent' }).setOptions(scan).lean(),
    m.SurveyResponse.find({ workspaceId }).setOptions(scan).lean(),
    m.Ticket.find({ workspaceId }).setOptions(scan).lean(),
  ]);
  const firstAgentMessage = new Map<string, { at: Date; agentId: string }>();
  for (const msg of messages) {
    const key = String(msg.conversationId);
    const seen = firstAgentMessage.get(key);
    if (!seen || msg.createdAt < seen.at)
      firstAgentMessage.set(key, { at: msg.createdAt, agentId: String(msg.agentId) });
  }
  const figures: Figures = new Map();
  const add = (day: string, dims: (string | null)[], f: (s: Sums) => void) => {
    const byDim = figures.get(day) ?? new Map<string, Sums>();
    figures.set(day, byDim);
    for (const dim of dims) {
      if (!dim) continue;
      const s = byDim.get(dim) ?? emptySums();
      byDim.set(dim, s);
      f(s);
    }
  };
  const convInfo = new Map<string, { day: string; dims: (string | null)[] }>();
  for (const c of conversations) {
    if (c.test) continue;
    const day = dayOf(c.createdAt);
    const base = [
      'all',
      `channel:${c.channel}`,
      c.flowRun?.flowId ? `flow:${c.flowRun.flowId}:${c.flowRun.version}` : null,
    ];
    const team = c.teamId ? `team:${c.teamId}` : null;
    // The agent who took it: its assignee, or (reopened: unassigned since) who replied.
    const agentId = c.assignee?.agentId
      ? String(c.assignee.agentId)
      : firstAgentMessage.get(String(c._id))?.agentId;
    const agentDim = agentId ? `agent:${agentId}` : null;
    const asked = Boolean(c.teamId || c.handoff?.at || agentId);
    add(day, base, (s) => s.conversationsIn++);
    if (asked) {
      add(day, [...base, team], (s) => s.asked++);
      add(day, [team], (s) => s.conversationsIn++);
    }
    if (asked && agentId) {
      add(day, [...base, team, agentDim], (s) => s.answered++);
      add(day, [agentDim], (s) => s.conversationsIn++);
    }
    const reply = firstAgentMessage.get(String(c._id));
    if (reply) add(day, [...base, team, agentDim], (s) => s.frt.push(secs(c.createdAt, reply.at)));
    if (c.firstResolvedAt)
      add(day, [...base, team, agentDim], (s) => {
        s.resolved++;
        s.rt.push(secs(c.createdAt, c.firstResolvedAt!));
        if (!asked) s.botDeflected++;
      });
    // Reopened: back in the team's queue, unassigned.
    if (c.reopenedAt) add(day, [...base, team], (s) => s.reopened++);
    convInfo.set(String(c._id), { day, dims: [...base, team, agentDim] });
  }
  for (const r of surveys) {
    const c = convInfo.get(String(r.conversationId));
    if (!c) continue;
    add(c.day, c.dims, (s) => {
      s.csatCount++;
      s.csatSum += r.rating;
      if (r.rating >= 4) s.csatPositive++;
    });
  }
  for (const t of tickets) {
    const dims = ['all', t.teamId ? `team:${t.teamId}` : null, t.assigneeId ? `agent:${t.assigneeId}` : null];
    add(dayOf(t.createdAt), dims, (s) => {
      s.ticketsIn++;
      if (t.solvedAt || t.closedAt || t.reopenedAt) s.ticketsResolved++;
      if (t.reopenedAt) s.ticketsReopened++;
      s.slaBreaches += (t.firstResponseLate ? 1 : 0) + (t.resolutionLate ? 1 : 0);
    });
  }
  return figures;
}

/** The nearest-rank quantile: the ceil(q·n)-th smallest. */
function exactQuantile(values: number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

function sumOver(figures: Figures, days: string[], dim: string): Sums {
  const total = emptySums();
  for (const day of days) {
    const s = figures.get(day)?.get(dim);
    if (!s) continue;
    for (const k of Object.keys(total) as (keyof Sums)[]) {
      if (k === 'frt' || k === 'rt') total[k].push(...s[k]);
      else total[k] += s[k];
    }
  }
  return total;
}

const ratio = (a: number, b: number) => (b ? a / b : null);

/** Compares the API's figures with the recomputed sums; returns the differences found. */
function differences(where: string, got: Kpis, want: Sums): string[] {
  const out: string[] = [];
  const same = (name: string, a: unknown, b: unknown) => {
    if (a !== b) out.push(`${where} ${name}: API ${String(a)}, recomputed ${String(b)}`);
  };
  same('conversationsIn', got.conversationsIn, want.conversationsIn);
  same('ticketsIn', got.ticketsIn, want.ticketsIn);
  same('askedForPerson', got.askedForPerson, want.asked);
  same('gotPerson', got.gotPerson, want.answered);
  same('answerRate', got.answerRate, ratio(want.answered, want.asked));
  same('resolved', got.resolved, want.resolved);
  same('resolutionRate', got.resolutionRate, ratio(want.resolved, want.conversationsIn));
  same('botDeflected', got.botDeflected, want.botDeflected);
  same('botDeflectionRate', got.botDeflectionRate, ratio(want.botDeflected, want.conversationsIn));
  same('csat.count', got.csat.count, want.csatCount);
  same('csat.sum', got.csat.sum, want.csatSum);
  same('csat.positive', got.csat.positive, want.csatPositive);
  same('csat.average', got.csat.average, ratio(want.csatSum, want.csatCount));
  same('csat.positiveShare', got.csat.positiveShare, ratio(want.csatPositive, want.csatCount));
  same('slaBreaches', got.slaBreaches, want.slaBreaches);
  same('reopened', got.reopened, want.reopened);
  same('reopenRate', got.reopenRate, ratio(want.reopened, want.resolved));
  same('ticketsResolved', got.ticketsResolved, want.ticketsResolved);
  same('ticketsReopened', got.ticketsReopened, want.ticketsReopened);
  same('firstResponse.count', got.firstResponse.count, want.frt.length);
  same('resolution.count', got.resolution.count, want.rt.length);
  const near = (name: string, a: number | null, values: number[], q: number) => {
    const exact = exactQuantile(values, q);
    if (exact === null || a === null) return same(name, a, exact);
    // The documented bin error (2^(1/16) - 1) plus the rounding to whole seconds.
    if (Math.abs(a - exact) > exact * 0.0443 + 1) out.push(`${where} ${name}: API ${a}, recomputed ${exact}`);
  };
  near('firstResponse.median', got.firstResponse.median, want.frt, 0.5);
  near('firstResponse.p90', got.firstResponse.p90, want.frt, 0.9);
  near('resolution.median', got.resolution.median, want.rt, 0.5);
  near('resolution.p90', got.resolution.p90, want.rt, 0.9);
  return out;
}

const daysOf = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
const dimOf = (by: string, value: string | null) => (value === null ? 'all' : `${by}:${value}`);

describe('service KPIs: the rollups equal a recomputation from the raw records', () => {
  it('per day, for the whole workspace, with the previous period beside it', async () => {
    const figures = await recompute(owner.workspaceId);
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
    }))
      expect(n, name).toBeGreaterThan(0);
    expect(k.gotPerson).toBeLessThan(k.askedForPerson);
    // Nothing was generated before October: the previous period is empty.
    expect(total.previous.conversationsIn).toBe(0);
  });

  for (const by of ['team', 'agent', 'channel', 'flow'] as const)
    it(`per week and per ${by}`, async () => {
      const figures = await recompute(owner.workspaceId);
      const res = await get<KpiReport>(owner, `/analytics/kpis?from=${FROM}&to=${TO}&groupBy=week&by=${by}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const diffs: string[] = [];
      const monthDays = daysOf(FROM, TO);
      for (const period of res.body.periods) {
        const days = monthDays.filter((d) => {
          const weekday = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
          const monday = new Date(Date.parse(`${d}T00:00:00Z`) - weekday * 86_400_000)
            .toISOString()
            .slice(0, 10);
          return monday === period.start;
        });
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
