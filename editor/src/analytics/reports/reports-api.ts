import type { WeeklyReportWire } from '@kefu/schemas/api';
import { apiCall } from '../../shared/http';

/** The weekly PDF reports; tests pass fakes. */
export interface ReportsApi {
  list(): Promise<WeeklyReportWire[]>;
  generate(week?: string): Promise<{ id: string; week: string }>;
}

export const reportsApi: ReportsApi = {
  list: async () => (await apiCall<{ items: WeeklyReportWire[] }>('GET', '/analytics/reports')).items,
  generate: (week) => apiCall('POST', '/analytics/reports', week ? { week } : {}),
};

export const reportPdfHref = (id: string) => `/analytics/reports/${encodeURIComponent(id)}/pdf`;
