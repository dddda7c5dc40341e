import type { FlowSummary, RunListQuery, RunPage, TeamWire } from '@kefu/schemas/api';
import { apiCall, queryString } from '../shared/http';

export const RUNS_PAGE_SIZE = 50;

/** What the run explorer filters by: the list's query without its paging. */
export type RunFilter = Omit<RunListQuery, 'limit' | 'cursor' | 'sort' | 'test'>;

/** What the run explorer needs from the API; tests pass fakes. */
export interface RunsApi {
  list(filter: RunFilter, cursor?: string): Promise<RunPage>;
  flows(): Promise<FlowSummary[]>;
  teams(): Promise<TeamWire[]>;
}

export const runsApi: RunsApi = {
  list: (filter, cursor) =>
    apiCall('GET', `/runs${queryString({ ...filter, cursor, limit: RUNS_PAGE_SIZE })}`),
  flows: async () => (await apiCall<{ items: FlowSummary[] }>('GET', '/flows')).items,
  teams: async () => (await apiCall<{ items: TeamWire[] }>('GET', '/teams?limit=100')).items,
};

/** The run viewer in the designer, on the version the run ran on (read-only for analysts). */
export const runViewerHref = (flowId: string, runId: string) =>
  `/designer/#/flow/${flowId}/run/${encodeURIComponent(runId)}`;
