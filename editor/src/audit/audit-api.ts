import type { AuditEntry, AuditFilter, Page, User } from '@kefu/schemas/api';
import { apiCall, queryString } from '../shared/http';

export const AUDIT_PAGE_SIZE = 50;

/** What the audit log screen needs from the API; tests pass fakes. */
export interface AuditApi {
  list(filter: AuditFilter, cursor?: string): Promise<Page<AuditEntry>>;
  /** The people whose changes can be picked as a filter. */
  users(): Promise<User[]>;
  /** The CSV of what the filter selects, downloaded by the browser (a link, not a fetch). */
  exportUrl(filter: AuditFilter): string;
}

export const auditApi: AuditApi = {
  list: (filter, cursor) =>
    apiCall('GET', `/audit${queryString({ ...filter, cursor, limit: AUDIT_PAGE_SIZE })}`),
  users: async () => (await apiCall<{ items: User[] }>('GET', '/users?limit=100')).items,
  exportUrl: (filter) => `/audit/export${queryString({ ...filter })}`,
};
