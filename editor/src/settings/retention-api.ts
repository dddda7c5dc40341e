import type { RetentionSettings } from '@kefu/schemas/api';
import { apiCall } from '../shared/http';

/** What the retention settings need from the API (runtime/src/routes/workspace/retention.ts); tests pass fakes. */
export interface RetentionApi {
  get(): Promise<RetentionSettings>;
  save(settings: RetentionSettings): Promise<RetentionSettings>;
}

export const retentionApi: RetentionApi = {
  get: () => apiCall('GET', '/workspace/retention'),
  save: (settings) => apiCall('PUT', '/workspace/retention', settings),
};
