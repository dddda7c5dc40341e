import type {
  CannedReplyCreate,
  CannedReplyUpdate,
  CannedReplyWire,
  Page,
  SlaPolicyCreate,
  SlaPolicyUpdate,
  SlaPolicyWire,
} from '@kefu/schemas/api';
import { apiCall, queryString } from '../shared/http';

/** What the canned-replies and SLA-policies settings need from the API; tests pass fakes. */
export interface DeskApi {
  cannedReplies(cursor?: string): Promise<Page<CannedReplyWire>>;
  createCanned(body: CannedReplyCreate): Promise<CannedReplyWire>;
  updateCanned(id: string, change: CannedReplyUpdate): Promise<CannedReplyWire>;
  deleteCanned(id: string): Promise<void>;
  slaPolicies(): Promise<SlaPolicyWire[]>;
  createSla(body: SlaPolicyCreate): Promise<SlaPolicyWire>;
  updateSla(id: string, change: SlaPolicyUpdate): Promise<SlaPolicyWire>;
  deleteSla(id: string): Promise<void>;
}

export const CANNED_PAGE_SIZE = 50;
const enc = encodeURIComponent;

export const deskApi: DeskApi = {
  cannedReplies: (cursor) =>
    apiCall('GET', `/canned-replies${queryString({ limit: CANNED_PAGE_SIZE, cursor })}`),
  createCanned: (body) => apiCall('POST', '/canned-replies', body),
  updateCanned: (id, change) => apiCall('PATCH', `/canned-replies/${enc(id)}`, change),
  deleteCanned: async (id) => {
    await apiCall('DELETE', `/canned-replies/${enc(id)}`);
  },
  slaPolicies: async () => (await apiCall<{ items: SlaPolicyWire[] }>('GET', '/sla-policies')).items,
  createSla: (body) => apiCall('POST', '/sla-policies', body),
  updateSla: (id, change) => apiCall('PATCH', `/sla-policies/${enc(id)}`, change),
  deleteSla: async (id) => {
    await apiCall('DELETE', `/sla-policies/${enc(id)}`);
  },
};
