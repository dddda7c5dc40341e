import type { KpiQuery, KpiReport } from '@kefu/schemas/api';
import { kpiNotedModels, type Models } from '../models';
import type { KpiBucketDoc } from '../models/kpi-bucket';
import { applyDueKpis } from '../models/kpi-noted';
import { addDays, daysBetween, toTime, weekStart } from './kpi-days';
import { addSums, figuresOf } from './kpi-figures';

type Stored = Record<string, never>;
type Row = { value: string | null; kpis: ReturnType<typeof figuresOf> };
const DAY_MS = 86_400_000;
/** Due documents of each model a read of the KPIs notes itself (each a few store round trips). */
const READ_APPLIES = 25;

/**
 * GET /analytics/kpis: the day buckets of the range and of the period as long just before it,
 * read a month per lookup, summed per period and dimension value. Never reads a conversation.
 * `query.from`/`to` are checked by the route (real days, in order, at most KPI_MAX_DAYS).
 */
export async function kpiReport(models: Models, workspaceId: string, query: KpiQuery): Promise<KpiReport> {
  const { from, to, groupBy = 'day' } = query;
  // The worker applies due documents every few seconds; a few more are applied here before the
  // figures are read, at most READ_APPLIES of each model, so the read stays bounded. Beyond that
  // (a burst, the worker down) the figures lag until the worker catches up.
  await applyDueKpis(kpiNotedModels(models), { workspaceId, limit: READ_APPLIES });

  const length = Math.round((toTime(to) - toTime(from)) / DAY_MS) + 1;
  const previous = { from: addDays(from, -length), to: addDays(from, -1) };
  const months = [...new Set(daysBetween(previous.from, to).map((d) => d.slice(0, 7)))];
  const [workspace, ...monthly] = await Promise.all([
    models.Workspace.findOne({ _id: workspaceId }, { timeZone: 1 }).lean(),
    ...months.map((m) =>
      models.KpiBucket.find({ workspaceId, month: `${workspaceId}:${m}` }).lean<KpiBucketDoc[]>(),
    ),
  ]);
  const byDay = new Map<string, Record<string, Stored>>();
  for (const bucket of monthly.flat()) byDay.set(bucket.day, (bucket.dims ?? {}) as Record<string, Stored>);

  const by = query.by ?? 'all';
  const valueOf = (dim: string): string | null | undefined =>
    by === 'all'
      ? dim === 'all'
        ? null
        : undefined
      : dim.startsWith(`${by}:`)
        ? dim.slice(by.length + 1)
        : undefined;

  /** Sums per period start and dimension value over the days. */
  const sum = (days: string[]) => {
    const periods = new Map<string, Map<string | null, Stored>>();
    const totals = new Map<string | null, Stored>();
    for (const day of days) {
      const start = groupBy === 'week' ? weekStart(day) : day;
      const period = periods.get(start) ?? new Map<string | null, Stored>();
      periods.set(start, period);
      for (const [dim, sums] of Object.entries(byDay.get(day) ?? {})) {
        const value = valueOf(dim);
        if (value === undefined) continue;
        period.set(value, addSums(period.get(value) ?? {}, sums) as Stored);
        totals.set(value, addSums(totals.get(value) ?? {}, sums) as Stored);
      }
    }
    return { periods, totals };
  };
  const rowsOf = (m: Map<string | null, Stored>): Row[] =>
    [...m]
      .sort(([a], [b]) => String(a).localeCompare(String(b)))
      .map(([value, s]) => ({ value, kpis: figuresOf(s) }));
  const periodsOf = (p: Map<string, Map<string | null, Stored>>) =>
    [...p].map(([start, m]) => ({ start, rows: rowsOf(m) }));

  const now = sum(daysBetween(from, to));
  const before = sum(daysBetween(previous.from, previous.to));
  const values = [
    ...new Set([...(by === 'all' ? [null] : []), ...now.totals.keys(), ...before.totals.keys()]),
  ].sort((a, b) => String(a).localeCompare(String(b)));
  return {
    timeZone: workspace?.timeZone ?? 'UTC',
    from,
    to,
    groupBy,
    by,
    previous,
    periods: periodsOf(now.periods),
    previousPeriods: periodsOf(before.periods),
    totals: values.map((value) => ({
      value,
      kpis: figuresOf(now.totals.get(value) ?? {}),
      previous: figuresOf(before.totals.get(value) ?? {}),
    })),
  };
}
