import { vi } from 'vitest';
import {
  DEFAULT_SCORE_SETTINGS,
  scoreSettingsProblem,
  type ScoreReport,
  type ScoreSettings,
} from '@kefu/schemas/api';
import { ApiError } from '../../shared/http';
import type { ScoreApi } from './score-api';

/** A score report as the API answers one: CSAT short of its target, the rest met. */
export function sampleScore(settings: ScoreSettings = DEFAULT_SCORE_SETTINGS): ScoreReport {
  return {
    from: '2026-11-02',
    to: '2026-11-29',
    groupBy: 'week',
    previous: { from: '2026-10-05', to: '2026-11-01' },
    settings,
    current: {
      score: 72.5,
      coverage: 100,
      worst: 'csatAverage',
      kpis: [
        { kpi: 'csatAverage', weight: 40, target: 4.5, value: 2.75, attainment: 50, shortfall: 20 },
        { kpi: 'firstResponseMedian', weight: 30, target: 60, value: 90, attainment: 75, shortfall: 7.5 },
        { kpi: 'resolutionRate', weight: 30, target: 0.85, value: 0.9, attainment: 100, shortfall: 0 },
      ],
    },
    before: { score: 80, coverage: 100, worst: 'csatAverage', kpis: [] },
    change: -7.5,
    periods: [
      { start: '2026-11-02', score: 70, worst: 'csatAverage' },
      { start: '2026-11-09', score: 75, worst: 'csatAverage' },
      { start: '2026-11-16', score: null, worst: null },
      { start: '2026-11-23', score: 72, worst: 'csatAverage' },
    ],
  };
}

/** An in-memory score API that checks settings as the API does. */
export function fakeScoreApi() {
  let stored: ScoreSettings = DEFAULT_SCORE_SETTINGS;
  const api = {
    score: vi.fn(async () => sampleScore(stored)),
    settings: vi.fn(async () => stored),
    saveSettings: vi.fn(async (s: ScoreSettings) => {
      const problem = scoreSettingsProblem(s);
      if (problem) throw new ApiError(400, 'KEFU_ERR_VALIDATION', problem.message, problem.field);
      stored = s;
      return s;
    }),
  } satisfies ScoreApi;
  return { api, stored: () => stored };
}
