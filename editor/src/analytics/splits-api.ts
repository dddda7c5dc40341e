import type { FlowSummary, SplitQuery, SplitReport } from '@kefu/schemas/api';
import { apiCall, queryString } from '../shared/http';

/** What the random-split comparison needs from the API; tests pass fakes. */
export interface SplitsApi {
  report(query: SplitQuery): Promise<SplitReport>;
  flows(): Promise<FlowSummary[]>;
}

export const splitsApi: SplitsApi = {
  report: (query) => apiCall('GET', `/analytics/splits${queryString(query)}`),
  flows: async () => (await apiCall<{ items: FlowSummary[] }>('GET', '/flows')).items,
};
