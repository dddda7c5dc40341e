import type { Kpis } from '@kefu/schemas/api';
import { mergeHistogram, quantile, type Histogram } from '../models/kpi-histogram';

/** One dimension value's sums over some days, as the buckets hold them (kpi-facts.ts). */
export type KpiSums = Record<string, number> & { frt?: Histogram; rt?: Histogram };
type Stored = Record<string, number | Histogram>;

/** Adds a bucket's sums for one dimension value into `into`. */
export function addSums(into: Stored, from: Stored | undefined): Stored {
  for (const [field, v] of Object.entries(from ?? {})) {
    if (typeof v === 'number') into[field] = ((into[field] as number | undefined) ?? 0) + v;
    else into[field] = mergeHistogram((into[field] as Histogram | undefined) ?? {}, v);
  }
  return into;
}

const ratio = (a: number, b: number) => (b ? a / b : null);

/** The KPIs of summed buckets (docs/analytics.md says what each means). */
export function figuresOf(sums: Stored): Kpis {
  const n = (f: string) => (typeof sums[f] === 'number' ? (sums[f] as number) : 0);
  const hist = (f: string) => (sums[f] as Histogram | undefined) ?? {};
  const durations = (f: string, countField: string) => ({
    count: n(countField),
    median: quantile(hist(f), 0.5),
    p90: quantile(hist(f), 0.9),
  });
  const csatCount = n('csatCount');
  return {
    conversationsIn: n('conversationsIn'),
    ticketsIn: n('ticketsIn'),
    askedForPerson: n('asked'),
    gotPerson: n('answered'),
    answerRate: ratio(n('answered'), n('asked')),
    resolved: n('resolved'),
    resolutionRate: ratio(n('resolved'), n('conversationsIn')),
    botDeflected: n('botDeflected'),
    botDeflectionRate: ratio(n('botDeflected'), n('conversationsIn')),
    firstResponse: durations('frt', 'firstResponses'),
    resolution: durations('rt', 'resolved'),
    csat: {
      count: csatCount,
      sum: n('csatSum'),
      positive: n('csatPositive'),
      average: ratio(n('csatSum'), csatCount),
      positiveShare: ratio(n('csatPositive'), csatCount),
    },
    slaBreaches: n('slaBreaches'),
    reopened: n('reopened'),
    reopenRate: ratio(n('reopened'), n('resolved')),
    ticketsResolved: n('ticketsResolved'),
    ticketsReopened: n('ticketsReopened'),
    complaintsByCause: { ...(hist('complaints') as Record<string, number>) },
    conversationsInByHour: Array.from(
      { length: 24 },
      (_, h) => hist('inHour')[`h${String(h).padStart(2, '0')}`] ?? 0,
    ),
    onlineSeconds: n('onlineSeconds'),
    handleSeconds: n('handleSeconds'),
    occupancy: ratio(n('handleSeconds'), n('onlineSeconds')),
  };
}
