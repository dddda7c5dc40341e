import type { FromSchema } from 'json-schema-to-ts';
import type { KpiReport, Kpis } from './analytics';

/**
 * The service score (效果评估): owners weight some KPIs of GET /analytics/kpis and give each a
 * target; the score is the weighted attainment of those targets, 0–100. One definition here, used
 * by the API (GET /analytics/score), the console's panel and the weekly PDF, so all three agree.
 * docs/analytics.md "Service score" says the same in words.
 */

type Direction = 'higher' | 'lower';
interface ScoreKpi {
  /** Which way is better. */
  better: Direction;
  /** What the figure and its target are in. */
  unit: 'rating' | 'share' | 'seconds';
  /** The figure in a period's KPIs; null when it has no data there. */
  read(k: Kpis): number | null;
  /** Smallest and largest target an owner may set. */
  min: number;
  max: number;
  /** Higher-is-better only: the value that attains 0 (the worst the figure can be). */
  floor?: number;
}

/** The KPIs a score can weigh: the figures of GET /analytics/kpis that have a "better" direction. */
export const SCORE_KPIS = {
  csatAverage: { better: 'higher', unit: 'rating', read: (k) => k.csat.average, min: 1, max: 5, floor: 1 },
  csatPositiveShare: {
    better: 'higher',
    unit: 'share',
    read: (k) => k.csat.positiveShare,
    min: 0,
    max: 1,
    floor: 0,
  },
  resolutionRate: {
    better: 'higher',
    unit: 'share',
    read: (k) => k.resolutionRate,
    min: 0,
    max: 1,
    floor: 0,
  },
  answerRate: { better: 'higher', unit: 'share', read: (k) => k.answerRate, min: 0, max: 1, floor: 0 },
  botDeflectionRate: {
    better: 'higher',
    unit: 'share',
    read: (k) => k.botDeflectionRate,
    min: 0,
    max: 1,
    floor: 0,
  },
  firstResponseMedian: {
    better: 'lower',
    unit: 'seconds',
    read: (k) => k.firstResponse.median,
    min: 1,
    max: 30 * 86_400,
  },
  firstResponseP90: {
    better: 'lower',
    unit: 'seconds',
    read: (k) => k.firstResponse.p90,
    min: 1,
    max: 30 * 86_400,
  },
  resolutionMedian: {
    better: 'lower',
    unit: 'seconds',
    read: (k) => k.resolution.median,
    min: 1,
    max: 30 * 86_400,
  },
  resolutionP90: {
    better: 'lower',
    unit: 'seconds',
    read: (k) => k.resolution.p90,
    min: 1,
    max: 30 * 86_400,
  },
  reopenRate: { better: 'lower', unit: 'share', read: (k) => k.reopenRate, min: 0.001, max: 1 },
} as const satisfies Record<string, ScoreKpi>;

export type ScoreKpiName = keyof typeof SCORE_KPIS;
export const SCORE_KPI_NAMES = Object.keys(SCORE_KPIS) as ScoreKpiName[];

/** A lower-is-better KPI attains 0 at this many times its target. */
export const LOWER_ZERO_AT = 3;

export const scoreSettingsSchema = {
  type: 'object',
  title: 'ScoreSettings',
  required: ['kpis'],
  additionalProperties: false,
  properties: {
    kpis: {
      type: 'array',
      minItems: 1,
      maxItems: SCORE_KPI_NAMES.length,
      description: 'The weighted KPIs; weights sum to 100, each KPI at most once',
      items: {
        type: 'object',
        required: ['kpi', 'weight', 'target'],
        additionalProperties: false,
        properties: {
          kpi: { type: 'string', enum: SCORE_KPI_NAMES },
          weight: { type: 'integer', minimum: 1, maximum: 100, description: 'Percent of the score' },
          target: {
            type: 'number',
            minimum: 0,
            description: 'Ratings 1–5, shares 0–1, durations in seconds',
          },
        },
      },
    },
  },
} as const;
export type ScoreSettings = FromSchema<typeof scoreSettingsSchema>;
export type ScoreTarget = ScoreSettings['kpis'][number];

/** A new workspace's score: CSAT 40 % (average 4.5), first response 30 % (median ≤ 60 s), resolution 30 % (≥ 85 %). */
export const DEFAULT_SCORE_SETTINGS: ScoreSettings = {
  kpis: [
    { kpi: 'csatAverage', weight: 40, target: 4.5 },
    { kpi: 'firstResponseMedian', weight: 30, target: 60 },
    { kpi: 'resolutionRate', weight: 30, target: 0.85 },
  ],
};

/**
 * What is wrong with settings the schema accepted, naming the field as the API's error does
 * (`body/kpis/1/target`), or null. The console checks with it before saving.
 */
export function scoreSettingsProblem(s: ScoreSettings): { field: string; message: string } | null {
  const seen = new Set<string>();
  for (const [i, t] of s.kpis.entries()) {
    if (seen.has(t.kpi)) return { field: `body/kpis/${i}/kpi`, message: `${t.kpi} is weighted twice` };
    seen.add(t.kpi);
    const def: ScoreKpi = SCORE_KPIS[t.kpi];
    if (t.target < def.min || t.target > def.max)
      return {
        field: `body/kpis/${i}/target`,
        message: `The target of ${t.kpi} must be from ${def.min} to ${def.max} (${def.unit})`,
      };
  }
  const sum = s.kpis.reduce((a, t) => a + t.weight, 0);
  if (sum !== 100) return { field: 'body/kpis', message: `The weights sum to ${sum}; they must sum to 100` };
  return null;
}

export const scoreQuerySchema = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: {
    from: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'First day (workspace time zone)',
    },
    to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Last day, inclusive' },
    groupBy: { type: 'string', enum: ['day', 'week'], default: 'day' },
  },
} as const;
export type ScoreQuery = FromSchema<typeof scoreQuerySchema>;

const nullableNumber = { type: ['number', 'null'] } as const;
const scoreOfSchema = {
  type: 'object',
  required: ['score', 'coverage', 'worst', 'kpis'],
  additionalProperties: false,
  properties: {
    score: { ...nullableNumber, description: '0–100; null when no weighted KPI has data' },
    coverage: { type: 'number', description: 'Percent of the weight whose KPIs had data' },
    worst: {
      type: ['string', 'null'],
      description:
        'The KPI that pulls the score down most (largest weighted shortfall); null when none falls short',
    },
    kpis: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kpi', 'weight', 'target', 'value', 'attainment', 'shortfall'],
        additionalProperties: false,
        properties: {
          kpi: { type: 'string' },
          weight: { type: 'number' },
          target: { type: 'number' },
          value: { ...nullableNumber, description: 'The KPI; null without data' },
          attainment: { ...nullableNumber, description: '0–100 against the target' },
          shortfall: { ...nullableNumber, description: 'Points of the score lost to this KPI' },
        },
      },
    },
  },
} as const;
export type ScoreOf = FromSchema<typeof scoreOfSchema>;

export const scoreReportSchema = {
  type: 'object',
  title: 'ScoreReport',
  required: ['from', 'to', 'groupBy', 'previous', 'settings', 'current', 'before', 'change', 'periods'],
  additionalProperties: false,
  properties: {
    from: { type: 'string' },
    to: { type: 'string' },
    groupBy: { type: 'string', enum: ['day', 'week'] },
    previous: {
      type: 'object',
      required: ['from', 'to'],
      additionalProperties: false,
      properties: { from: { type: 'string' }, to: { type: 'string' } },
    },
    settings: scoreSettingsSchema,
    current: scoreOfSchema,
    before: { ...scoreOfSchema, description: 'The period as long just before the range' },
    change: { ...nullableNumber, description: 'current − before, in points; null if either is null' },
    periods: {
      type: 'array',
      items: {
        type: 'object',
        required: ['start', 'score', 'worst'],
        additionalProperties: false,
        properties: { start: { type: 'string' }, score: nullableNumber, worst: { type: ['string', 'null'] } },
      },
    },
  },
} as const;
export type ScoreReport = FromSchema<typeof scoreReportSchema>;

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * 0–100: how far a value attains its target. Higher-is-better: 100 at or above the target, 0 at
 * the KPI's floor (0 for shares, 1 for a CSAT average), linear between. Lower-is-better: 100 at or
 * below the target, 0 at LOWER_ZERO_AT × the target and beyond, linear between.
 */
export function attainment(kpi: ScoreKpiName, value: number, target: number): number {
  const def: ScoreKpi = SCORE_KPIS[kpi];
  if (def.better === 'higher') {
    if (value >= target) return 100;
    const floor = def.floor ?? 0;
    return Math.max(0, (100 * (value - floor)) / (target - floor));
  }
  if (value <= target) return 100;
  const zeroAt = LOWER_ZERO_AT * target;
  return Math.max(0, (100 * (zeroAt - value)) / (zeroAt - target));
}

/**
 * The score of one period's KPIs (null: no data at all). A KPI without data (null: no survey
 * answered, no first response…) is left out and the others' weights count in proportion
 * (`coverage` says how much weight had data); with none, the score is null.
 */
export function scoreOf(kpis: Kpis | null, settings: ScoreSettings): ScoreOf {
  const rows = settings.kpis.map((t) => {
    const value = kpis ? SCORE_KPIS[t.kpi].read(kpis) : null;
    return { ...t, value, attainment: value === null ? null : attainment(t.kpi, value, t.target) };
  });
  const weighed = rows.reduce((a, r) => a + (r.attainment === null ? 0 : r.weight), 0);
  const score = weighed
    ? rows.reduce((a, r) => a + (r.attainment === null ? 0 : r.weight * r.attainment), 0) / weighed
    : null;
  let worst: string | null = null;
  let most = 0;
  const out = rows.map((r) => {
    const shortfall = r.attainment === null ? null : (r.weight * (100 - r.attainment)) / weighed;
    if (shortfall !== null && shortfall > most) [worst, most] = [r.kpi, shortfall];
    return {
      kpi: r.kpi,
      weight: r.weight,
      target: r.target,
      value: r.value,
      attainment: r.attainment === null ? null : round1(r.attainment),
      shortfall: shortfall === null ? null : round1(shortfall),
    };
  });
  return { score: score === null ? null : round1(score), coverage: round1(weighed), worst, kpis: out };
}

/** The workspace's row of a report's period (the report must be asked without `by`). */
const wholeOf = (rows: { value: string | null; kpis: Kpis }[]) =>
  rows.find((r) => r.value === null)?.kpis ?? null;

/** The score of a KPI report: the range, each of its periods (the trend) and the period before. */
export function serviceScore(report: KpiReport, settings: ScoreSettings): ScoreReport {
  const totals = report.totals.find((t) => t.value === null);
  const current = scoreOf(totals?.kpis ?? null, settings);
  const before = scoreOf(totals?.previous ?? null, settings);
  return {
    from: report.from,
    to: report.to,
    groupBy: report.groupBy,
    previous: report.previous,
    settings,
    current,
    before,
    change: current.score === null || before.score === null ? null : round1(current.score - before.score),
    periods: report.periods.map((p) => {
      const s = scoreOf(wholeOf(p.rows), settings);
      return { start: p.start, score: s.score, worst: s.worst };
    }),
  };
}
