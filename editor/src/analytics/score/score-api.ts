import type { ScoreQuery, ScoreReport, ScoreSettings } from '@kefu/schemas/api';
import { apiCall, queryString } from '../../shared/http';

/** What the score panel and its settings need from the API; tests pass fakes. */
export interface ScoreApi {
  score(query: ScoreQuery): Promise<ScoreReport>;
  settings(): Promise<ScoreSettings>;
  saveSettings(settings: ScoreSettings): Promise<ScoreSettings>;
}

export const scoreApi: ScoreApi = {
  score: (query) => apiCall('GET', `/analytics/score${queryString(query)}`),
  settings: () => apiCall('GET', '/analytics/score-settings'),
  saveSettings: (settings) => apiCall('PUT', '/analytics/score-settings', settings),
};
