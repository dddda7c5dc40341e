import type {
  Page,
  TicketBulk,
  TicketBulkResult,
  TicketComment,
  TicketCounts,
  TicketDetail,
  TicketUpdate,
  TicketWire,
} from '@kefu/schemas/api';
import { apiCall, queryString } from '../shared/http';

/** The list's filters, search, sort and page, as GET /tickets takes them. */
export interface TicketQuery {
  /** A status, or `active` (open or pending). */
  status?: string;
  priority?: string;
  assignee?: string;
  teamId?: string;
  tag?: string;
  q?: string;
  breached?: 'true';
  sort: string;
  cursor?: string;
}

/** The seam between the ticket screens and the network (schemas/src/api/tickets.ts). */
export interface TicketsApi {
  list(query: TicketQuery): Promise<Page<TicketWire>>;
  /** The views' counts, from counters the server keeps. */
  counts(): Promise<TicketCounts>;
  get(id: string): Promise<TicketDetail>;
  update(id: string, change: TicketUpdate): Promise<void>;
  comment(id: string, comment: TicketComment): Promise<void>;
  bulk(change: TicketBulk): Promise<TicketBulkResult>;
}

export const PAGE_SIZE = 25;

export function createHttpTicketsApi(): TicketsApi {
  return {
    async list(query) {
      return await apiCall<Page<TicketWire>>('GET', `/tickets${queryString({ ...query, limit: PAGE_SIZE })}`);
    },
    async counts() {
      return await apiCall<TicketCounts>('GET', '/tickets/counts');
    },
    async get(id) {
      return await apiCall<TicketDetail>('GET', `/tickets/${id}`);
    },
    async update(id, change) {
      await apiCall('PATCH', `/tickets/${id}`, change);
    },
    async comment(id, comment) {
      await apiCall('POST', `/tickets/${id}/comments`, comment);
    },
    async bulk(change) {
      return await apiCall<TicketBulkResult>('POST', '/tickets/bulk', change);
    },
  };
}
