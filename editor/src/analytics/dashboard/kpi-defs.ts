import type { KpiItemKpi, Kpis } from '@kefu/schemas/api';

export type KpiFormat = 'count' | 'seconds' | 'rate' | 'score';

/**
 * The figures the dashboard shows, in order: how each is read from the API's Kpis, how it is
 * written, which way is better (null: more conversations is neither), and which list the
 * drill-down opens (a rate opens its numerator: resolution rate → the conversations resolved).
 */
export interface KpiDef {
  key: KpiKey;
  value(k: Kpis): number | null;
  format: KpiFormat;
  better: 'up' | 'down' | null;
  drill: KpiItemKpi;
  /** Shown as a headline card (the others are table columns and chart lines only). */
  headline: boolean;
}

export const KPI_KEYS = [
  'conversationsIn',
  'ticketsIn',
  'firstResponseMedian',
  'firstResponseP90',
  'resolutionMedian',
  'resolutionP90',
  'resolutionRate',
  'answerRate',
  'botDeflectionRate',
  'csatAverage',
  'csatPositive',
  'slaBreaches',
  'reopenRate',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export const KPI_DEFS: readonly KpiDef[] = [
  {
    key: 'conversationsIn',
    value: (k) => k.conversationsIn,
    format: 'count',
    better: null,
    drill: 'conversationsIn',
    headline: true,
  },
  {
    key: 'ticketsIn',
    value: (k) => k.ticketsIn,
    format: 'count',
    better: null,
    drill: 'ticketsIn',
    headline: true,
  },
  {
    key: 'firstResponseMedian',
    value: (k) => k.firstResponse.median,
    format: 'seconds',
    better: 'down',
    drill: 'firstResponse',
    headline: true,
  },
  {
    key: 'firstResponseP90',
    value: (k) => k.firstResponse.p90,
    format: 'seconds',
    better: 'down',
    drill: 'firstResponse',
    headline: false,
  },
  {
    key: 'resolutionMedian',
    value: (k) => k.resolution.median,
    format: 'seconds',
    better: 'down',
    drill: 'resolution',
    headline: true,
  },
  {
    key: 'resolutionP90',
    value: (k) => k.resolution.p90,
    format: 'seconds',
    better: 'down',
    drill: 'resolution',
    headline: false,
  },
  {
    key: 'resolutionRate',
    value: (k) => k.resolutionRate,
    format: 'rate',
    better: 'up',
    drill: 'resolved',
    headline: true,
  },
  {
    key: 'answerRate',
    value: (k) => k.answerRate,
    format: 'rate',
    better: 'up',
    drill: 'gotPerson',
    headline: true,
  },
  {
    key: 'botDeflectionRate',
    value: (k) => k.botDeflectionRate,
    format: 'rate',
    better: 'up',
    drill: 'botDeflected',
    headline: true,
  },
  {
    key: 'csatAverage',
    value: (k) => k.csat.average,
    format: 'score',
    better: 'up',
    drill: 'csat',
    headline: true,
  },
  {
    key: 'csatPositive',
    value: (k) => k.csat.positiveShare,
    format: 'rate',
    better: 'up',
    drill: 'csat',
    headline: false,
  },
  {
    key: 'slaBreaches',
    value: (k) => k.slaBreaches,
    format: 'count',
    better: 'down',
    drill: 'slaBreaches',
    headline: true,
  },
  {
    key: 'reopenRate',
    value: (k) => k.reopenRate,
    format: 'rate',
    better: 'down',
    drill: 'reopened',
    headline: true,
  },
];
export const kpiDef = (key: KpiKey): KpiDef => KPI_DEFS.find((d) => d.key === key)!;

/** The change from the previous period, and whether that is better or worse for this KPI. */
export interface Change {
  /** Rates: percentage points; the rest: relative (0.12 = +12 %). null: from 0, or nothing to compare with. */
  delta: number | null;
  direction: 'up' | 'down' | 'same' | null;
  verdict: 'better' | 'worse' | 'neutral';
}

export function changeOf(def: KpiDef, now: number | null, before: number | null): Change {
  if (now === null || before === null) return { delta: null, direction: null, verdict: 'neutral' };
  const diff = now - before;
  const delta = def.format === 'rate' ? diff * 100 : before === 0 ? null : diff / before;
  const direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'same';
  const verdict =
    def.better === null || direction === 'same' ? 'neutral' : direction === def.better ? 'better' : 'worse';
  return { delta, direction, verdict };
}

/** How many items a drill-down lists for a row's figures: the count the figure is made of. */
export function drillCount(def: KpiDef, k: Kpis): number {
  const counts: Record<KpiDef['drill'], number> = {
    conversationsIn: k.conversationsIn,
    ticketsIn: k.ticketsIn,
    askedForPerson: k.askedForPerson,
    gotPerson: k.gotPerson,
    resolved: k.resolved,
    resolution: k.resolution.count,
    botDeflected: k.botDeflected,
    firstResponse: k.firstResponse.count,
    csat: k.csat.count,
    slaBreaches: k.slaBreaches,
    reopened: k.reopened,
    ticketsResolved: k.ticketsResolved,
    ticketsReopened: k.ticketsReopened,
  };
  return counts[def.drill];
}
