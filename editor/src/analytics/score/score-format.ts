import { SCORE_KPIS, type ScoreKpiName } from '@kefu/schemas/api';

/** A score KPI's value or target as people read it: shares in %, durations in s / min / h. */
export function showKpiValue(kpi: string, n: number | null): string {
  if (n === null) return '—';
  const unit = SCORE_KPIS[kpi as ScoreKpiName]?.unit;
  if (unit === 'share') return `${+(n * 100).toFixed(1)}\u00a0%`;
  if (unit === 'seconds')
    return n < 120
      ? `${n}\u00a0s`
      : n < 7200
        ? `${Math.round(n / 60)}\u00a0min`
        : `${+(n / 3600).toFixed(1)}\u00a0h`;
  return n.toFixed(2);
}

/** Shares are edited as percents; the API keeps them as 0–1. */
export const toEdited = (kpi: ScoreKpiName, target: number) =>
  SCORE_KPIS[kpi].unit === 'share' ? +(target * 100).toFixed(2) : target;
export const fromEdited = (kpi: ScoreKpiName, value: number) =>
  SCORE_KPIS[kpi].unit === 'share' ? value / 100 : value;
