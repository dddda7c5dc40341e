import type { FlowDetail, FlowSummary, RunListQuery, RunPage, TeamWire } from '@kefu/schemas/api';
import { apiCall, queryString } from '../shared/http';

export const RUNS_PAGE_SIZE = 50;

/** What the run explorer filters by: the list's query without its paging. */
export type RunFilter = Omit<RunListQuery, 'limit' | 'cursor' | 'sort' | 'test'>;

/** What the run explorer needs from the API; tests pass fakes. */
export interface RunsApi {
  list(filter: RunFilter, cursor?: string): Promise<RunPage>;
  flows(): Promise<FlowSummary[]>;
  teams(): Promise<TeamWire[]>;
  /** A flow's nodes (its draft's), offered for the ending-node filter. */
  nodes(flowId: string): Promise<{ id: string; type: string }[]>;
}

export const runsApi: RunsApi = {
  list: (filter, cursor) =>
    apiCall('GET', `/runs${queryString({ ...filter, cursor, limit: RUNS_PAGE_SIZE })}`),
  flows: async () => (await apiCall<{ items: FlowSummary[] }>('GET', '/flows')).items,
  teams: async () => (await apiCall<{ items: TeamWire[] }>('GET', '/teams?limit=100')).items,
  nodes: async (flowId) =>
    (await apiCall<FlowDetail>('GET', `/flows/${flowId}`)).draft.nodes.map((n) => ({
      id: n.id,
      type: n.type,
    })),
};

/** The run viewer in the designer, on the version the run ran on (read-only for analysts). */
export const runViewerHref = (flowId: string, runId: string) =>
  `/designer/#/flow/${flowId}/run/${encodeURIComponent(runId)}`;
