import type { FlowDraft } from '@kefu/schemas';
import type { FlowSummary, FlowVersionSummary, FunnelReport } from '@kefu/schemas/api';
import { apiCall, queryString } from '../shared/http';

export interface FunnelQuestion {
  flowId: string;
  version: number;
  from: string;
  to: string;
}

/** What the funnel page needs from the API; tests pass fakes. */
export interface FunnelApi {
  flows(): Promise<FlowSummary[]>;
  /** A flow's published versions, newest first. */
  versions(flowId: string): Promise<number[]>;
  funnel(q: FunnelQuestion): Promise<FunnelReport>;
  /** The version's nodes, for their names in the table. */
  draft(flowId: string, version: number): Promise<FlowDraft>;
}

export const funnelApi: FunnelApi = {
  flows: async () => (await apiCall<{ items: FlowSummary[] }>('GET', '/flows')).items,
  versions: async (flowId) =>
    (await apiCall<{ items: FlowVersionSummary[] }>('GET', `/flows/${flowId}/versions`)).items
      .map((v) => v.version)
      .sort((a, b) => b - a),
  funnel: (q) => apiCall('GET', `/analytics/funnel${queryString({ ...q })}`),
  draft: async (flowId, version) =>
    (await apiCall<{ draft: FlowDraft }>('GET', `/flows/${flowId}/versions/${version}`)).draft,
};

/** The designer, read-only on the version, with the funnel as heat on its canvas. */
export const funnelCanvasHref = (q: FunnelQuestion) =>
  `/designer/#/flow/${q.flowId}/funnel/${q.version}${queryString({ from: q.from, to: q.to })}`;
