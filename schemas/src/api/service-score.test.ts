import { describe, expect, it } from 'vitest';
import type { KpiReport, Kpis } from './analytics';
import {
  DEFAULT_SCORE_SETTINGS,
  attainment,
  scoreOf,
  scoreSettingsProblem,
  serviceScore,
  type ScoreSettings,
} from './service-score';

/** KPIs with the three the default score weighs set, everything else empty. */
function kpis(csat: number | null, frtMedian: number | null, resolutionRate: number | null): Kpis {
  return {
    conversationsIn: 10,
    ticketsIn: 0,
    askedForPerson: 0,
    gotPerson: 0,
    answerRate: null,
    resolved: 0,
    resolutionRate,
    botDeflected: 0,
    botDeflectionRate: null,
    firstResponse: { count: frtMedian === null ? 0 : 1, median: frtMedian, p90: frtMedian },
    resolution: { count: 0, median: null, p90: null },
    csat: { count: csat === null ? 0 : 1, sum: 0, positive: 0, average: csat, positiveShare: null },
    slaBreaches: 0,
    reopened: 0,
    reopenRate: null,
    ticketsResolved: 0,
    ticketsReopened: 0,
  };
}

describe('attainment', () => {
  it('is 100 at or beyond the target, either direction', () => {
    expect(attainment('csatAverage', 4.5, 4.5)).toBe(100);
    expect(attainment('csatAverage', 5, 4.5)).toBe(100);
    expect(attainment('firstResponseMedian', 60, 60)).toBe(100);
    expect(attainment('firstResponseMedian', 10, 60)).toBe(100);
  });
  it('falls linearly to 0 at the floor (higher is better) or at three times the target (lower)', () => {
    // CSAT: floor 1. 2.75 is half way from 1 to 4.5.
    expect(attainment('csatAverage', 2.75, 4.5)).toBeCloseTo(50);
    expect(attainment('csatAverage', 1, 4.5)).toBe(0);
    // A share: floor 0.
    expect(attainment('resolutionRate', 0.425, 0.85)).toBeCloseTo(50);
    // Lower is better: 120 s is half way from 60 s to 180 s.
    expect(attainment('firstResponseMedian', 120, 60)).toBeCloseTo(50);
    expect(attainment('firstResponseMedian', 180, 60)).toBe(0);
    expect(attainment('firstResponseMedian', 900, 60)).toBe(0);
  });
});

describe('scoreOf', () => {
  it('is 100 with every target met, and nothing pulls it down', () => {
    const s = scoreOf(kpis(4.8, 30, 0.9), DEFAULT_SCORE_SETTINGS);
    expect(s.score).toBe(100);
    expect(s.worst).toBeNull();
    expect(s.coverage).toBe(100);
    expect(s.kpis.map((k) => k.shortfall)).toEqual([0, 0, 0]);
  });

  it('weighs the attainments and names the largest weighted shortfall', () => {
    // CSAT 2.75 → 50 (weight 40: 20 points lost); FRT 90 s → 75 (weight 30: 7.5 lost); resolution met.
    const s = scoreOf(kpis(2.75, 90, 0.9), DEFAULT_SCORE_SETTINGS);
    expect(s.score).toBe(72.5);
    expect(s.worst).toBe('csatAverage');
    expect(s.kpis.map((k) => [k.kpi, k.attainment, k.shortfall])).toEqual([
      ['csatAverage', 50, 20],
      ['firstResponseMedian', 75, 7.5],
      ['resolutionRate', 100, 0],
    ]);
  });

  it('the worst is by weight, not by attainment alone', () => {
    const settings: ScoreSettings = {
      kpis: [
        { kpi: 'csatAverage', weight: 10, target: 4.5 },
        { kpi: 'resolutionRate', weight: 90, target: 0.85 },
      ],
    };
    // CSAT attains 0 (10 points lost), resolution 80 % attains 94.1 (5.3 lost): CSAT still worst.
    expect(scoreOf(kpis(1, null, 0.8), settings).worst).toBe('csatAverage');
    // Resolution at 0.425 attains 50 (45 points lost): now it is.
    expect(scoreOf(kpis(4, null, 0.425), settings).worst).toBe('resolutionRate');
  });

  it('leaves out a KPI without data and weighs the others in proportion', () => {
    // No survey answered: CSAT is null; FRT 90 s → 75 (weight 30), resolution met (30): (30·75 + 30·100) / 60.
    const s = scoreOf(kpis(null, 90, 0.9), DEFAULT_SCORE_SETTINGS);
    expect(s.score).toBe(87.5);
    expect(s.coverage).toBe(60);
    expect(s.kpis[0]).toMatchObject({ kpi: 'csatAverage', value: null, attainment: null, shortfall: null });
    expect(s.worst).toBe('firstResponseMedian');
    expect(s.kpis[1]!.shortfall).toBe(12.5);
  });

  it('is null when no weighted KPI has data', () => {
    expect(scoreOf(kpis(null, null, null), DEFAULT_SCORE_SETTINGS)).toMatchObject({
      score: null,
      coverage: 0,
      worst: null,
    });
    expect(scoreOf(null, DEFAULT_SCORE_SETTINGS).score).toBeNull();
  });
});

describe('serviceScore', () => {
  it('scores the range, each period and the period before, with the change', () => {
    const report = {
      timeZone: 'UTC',
      from: '2026-11-02',
      to: '2026-11-03',
      groupBy: 'day',
      by: 'all',
      previous: { from: '2026-10-31', to: '2026-11-01' },
      periods: [
        { start: '2026-11-02', rows: [{ value: null, kpis: kpis(4.5, 60, 0.85) }] },
        { start: '2026-11-03', rows: [] },
      ],
      previousPeriods: [],
      totals: [{ value: null, kpis: kpis(2.75, 60, 0.85), previous: kpis(4.5, 60, 0.85) }],
    } satisfies KpiReport;
    const s = serviceScore(report, DEFAULT_SCORE_SETTINGS);
    expect(s.current.score).toBe(80);
    expect(s.before.score).toBe(100);
    expect(s.change).toBe(-20);
    expect(s.periods).toEqual([
      { start: '2026-11-02', score: 100, worst: null },
      { start: '2026-11-03', score: null, worst: null },
    ]);
  });
});

describe('scoreSettingsProblem', () => {
  it('accepts the default', () => expect(scoreSettingsProblem(DEFAULT_SCORE_SETTINGS)).toBeNull());
  it('names the field of what is wrong', () => {
    const base = DEFAULT_SCORE_SETTINGS.kpis;
    expect(scoreSettingsProblem({ kpis: [{ ...base[0]!, weight: 50 }, base[1]!, base[2]!] })?.field).toBe(
      'body/kpis',
    );
    expect(
      scoreSettingsProblem({ kpis: [base[0]!, { ...base[1]!, kpi: 'csatAverage' }, base[2]!] })?.field,
    ).toBe('body/kpis/1/kpi');
    expect(scoreSettingsProblem({ kpis: [base[0]!, base[1]!, { ...base[2]!, target: 85 }] })?.field).toBe(
      'body/kpis/2/target',
    );
    expect(scoreSettingsProblem({ kpis: [{ ...base[0]!, target: 6 }, base[1]!, base[2]!] })?.field).toBe(
      'body/kpis/0/target',
    );
  });
});
