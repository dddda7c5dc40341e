import type {
  AnalyticsPeople,
  FlowSummary,
  KpiItemsPage,
  KpiItemsQuery,
  KpiQuery,
  KpiReport,
  TeamWire,
} from '@kefu/schemas/api';
import { apiCall, queryString } from '../../shared/http';

export const DRILL_PAGE_SIZE = 50;

/** What the KPI dashboard needs from the API; tests pass fakes. */
export interface KpiApi {
  report(query: KpiQuery): Promise<KpiReport>;
  items(query: Omit<KpiItemsQuery, 'cursor' | 'limit'>, cursor?: string): Promise<KpiItemsPage>;
  teams(): Promise<TeamWire[]>;
  people(): Promise<AnalyticsPeople['items']>;
  flows(): Promise<FlowSummary[]>;
}

export const kpiApi: KpiApi = {
  report: (query) => apiCall('GET', `/analytics/kpis${queryString({ ...query })}`),
  items: (query, cursor) =>
    apiCall('GET', `/analytics/kpis/items${queryString({ ...query, cursor, limit: DRILL_PAGE_SIZE })}`),
  teams: async () => (await apiCall<{ items: TeamWire[] }>('GET', '/teams?limit=100')).items,
  people: async () => (await apiCall<AnalyticsPeople>('GET', '/analytics/people')).items,
  flows: async () => (await apiCall<{ items: FlowSummary[] }>('GET', '/flows')).items,
};
