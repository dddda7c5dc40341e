import type { KpiReport, Kpis } from '@kefu/schemas/api';
import type { Models } from '@kefu/runtime/models';

/**
 * The service KPIs recomputed from the raw records (conversations, agent messages, survey answers,
 * tickets, presence spans) by straightforward code of the tests' own, not the rollup code: the recompute test and
 * the fault test compare the API's figures with these (docs/analytics.md).
 */
export type Sums = {
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
  /** Conversations in by hour of day in the workspace's zone (workspace, channel, flow only). */
  inHour: number[];
  /** Tickets tagged complaint:<cause>, per cause. */
  complaints: Record<string, number>;
  /** Seconds online (closed presence spans), per day in the zone (workspace, agent only). */
  onlineSeconds: number;
  /** Seconds from assignment to first resolution, on the resolution's day (workspace, agent only). */
  handleSeconds: number;
};
export const emptySums = (): Sums => ({
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
  inHour: Array.from({ length: 24 }, () => 0),
  complaints: {},
  onlineSeconds: 0,
  handleSeconds: 0,
});

const secs = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 1000;

/** figures[day][dimension value] */
export type Figures = Map<string, Map<string, Sums>>;

export async function recompute(m: Models, workspaceId: string, zone: string): Promise<Figures> {
  const dayFormat = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const dayOf = (d: Date) => dayFormat.format(d);
  const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' });
  const hourOf = (d: Date) => Number(hourFormat.format(d));
  const scan = { allowScan: 'the test recomputes the KPIs from every raw record' };
  const [conversations, messages, surveys, tickets, spans] = await Promise.all([
    m.Conversation.find({ workspaceId }).setOptions(scan).lean(),
    m.Message.find({ workspaceId, author: 'agent' }).setOptions(scan).lean(),
    m.SurveyResponse.find({ workspaceId }).setOptions(scan).lean(),
    m.Ticket.find({ workspaceId }).setOptions(scan).lean(),
    m.PresenceSpan.find({ workspaceId }).setOptions(scan).lean(),
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
    add(day, base, (s) => {
      s.conversationsIn++;
      s.inHour[hourOf(c.createdAt)]!++;
    });
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
  // Handling time: whole seconds from the assignment to the first resolution, on the resolution's day.
  for (const c of conversations) {
    if (c.test || !c.firstResolvedAt || !c.assignee?.agentId || !c.assignee.at) continue;
    const handle = wholeSeconds(c.firstResolvedAt) - wholeSeconds(c.assignee.at);
    if (handle >= 0)
      add(
        dayOf(c.firstResolvedAt),
        ['all', `agent:${c.assignee.agentId}`],
        (s) => (s.handleSeconds += handle),
      );
  }
  // Online time: each closed span's overlap with each day of the zone, a day's bounds from the zone's offset.
  const dayStart = dayStartIn(zone);
  for (const span of spans) {
    if (!span.to) continue;
    const from = wholeSeconds(span.from);
    const to = wholeSeconds(span.to);
    for (const day of daysOf(dayOf(span.from), dayOf(span.to))) {
      const overlap = Math.min(to, dayStart(nextDay(day))) - Math.max(from, dayStart(day));
      if (overlap > 0) add(day, ['all', `agent:${span.userId}`], (s) => (s.onlineSeconds += overlap));
    }
  }
  for (const t of tickets) {
    const dims = ['all', t.teamId ? `team:${t.teamId}` : null, t.assigneeId ? `agent:${t.assigneeId}` : null];
    add(dayOf(t.createdAt), dims, (s) => {
      s.ticketsIn++;
      if (t.solvedAt || t.closedAt || t.reopenedAt) s.ticketsResolved++;
      if (t.reopenedAt) s.ticketsReopened++;
      s.slaBreaches += (t.firstResponseLate ? 1 : 0) + (t.resolutionLate ? 1 : 0);
      const causes = new Set(t.tags.filter((g) => g.startsWith('complaint:')).map((g) => g.slice(10)));
      for (const cause of causes) s.complaints[cause] = (s.complaints[cause] ?? 0) + 1;
    });
  }
  return figures;
}

const wholeSeconds = (d: Date) => Math.floor(d.getTime() / 1000);
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The epoch second a day (`YYYY-MM-DD`) begins in `zone`: its UTC midnight less the zone's offset there. */
function dayStartIn(zone: string): (day: string) => number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offset = (at: number) => {
    const p = Object.fromEntries(f.formatToParts(new Date(at * 1000)).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) / 1000 - at;
  };
  return (day) => {
    const utc = Date.parse(`${day}T00:00:00Z`) / 1000;
    // Twice: the offset at the local midnight, not at UTC midnight (they differ across a DST change).
    return utc - offset(utc - offset(utc));
  };
}

/** The nearest-rank quantile: the ceil(q·n)-th smallest. */
export function exactQuantile(values: number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

export function sumOver(figures: Figures, days: string[], dim: string): Sums {
  const total = emptySums();
  for (const day of days) {
    const s = figures.get(day)?.get(dim);
    if (!s) continue;
    for (const k of Object.keys(total) as (keyof Sums)[]) {
      if (k === 'frt' || k === 'rt') total[k].push(...s[k]);
      else if (k === 'complaints')
        for (const [cause, n] of Object.entries(s.complaints))
          total.complaints[cause] = (total.complaints[cause] ?? 0) + n;
      else if (k === 'inHour') s.inHour.forEach((n, h) => (total.inHour[h]! += n));
      else total[k] += s[k];
    }
  }
  return total;
}

export const ratio = (a: number, b: number) => (b ? a / b : null);

/** Compares the API's figures with the recomputed sums; returns the differences found. */
export function differences(where: string, got: Kpis, want: Sums): string[] {
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
  const sorted = (o: Record<string, number> | undefined) => JSON.stringify(Object.entries(o ?? {}).sort());
  same('complaintsByCause', sorted(got.complaintsByCause), sorted(want.complaints));
  same('conversationsInByHour', JSON.stringify(got.conversationsInByHour), JSON.stringify(want.inHour));
  same('onlineSeconds', got.onlineSeconds, want.onlineSeconds);
  same('handleSeconds', got.handleSeconds, want.handleSeconds);
  same('occupancy', got.occupancy, ratio(want.handleSeconds, want.onlineSeconds));
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

export const daysOf = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
export const dimOf = (by: string, value: string | null) => (value === null ? 'all' : `${by}:${value}`);

/** Every difference between the API's figures and the recomputation: per day for the workspace, per week per dimension. */
export async function allDifferences(
  read: (url: string) => Promise<KpiReport>,
  figures: Figures,
  from: string,
  to: string,
): Promise<string[]> {
  const diffs: string[] = [];
  const monthDays = daysOf(from, to);
  const daily = await read(`/analytics/kpis?from=${from}&to=${to}&groupBy=day`);
  for (const period of daily.periods)
    for (const row of period.rows)
      diffs.push(...differences(`${period.start} all`, row.kpis, sumOver(figures, [period.start], 'all')));
  for (const t of daily.totals)
    diffs.push(...differences('total', t.kpis, sumOver(figures, monthDays, 'all')));
  for (const by of ['team', 'agent', 'channel', 'flow'] as const) {
    const weekly = await read(`/analytics/kpis?from=${from}&to=${to}&groupBy=week&by=${by}`);
    for (const period of weekly.periods) {
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
    for (const t of weekly.totals)
      diffs.push(
        ...differences(`total ${by} ${t.value}`, t.kpis, sumOver(figures, monthDays, dimOf(by, t.value))),
      );
  }
  return diffs;
}

/** The Monday of a day's week. */
export function weekOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return new Date(Date.parse(`${day}T00:00:00Z`) - weekday * 86_400_000).toISOString().slice(0, 10);
}
