import type {
  KbArticleBody,
  KbArticlePatch,
  KbArticleWire,
  KbImportReportWire,
  Page,
} from '@kefu/schemas/api';
import { apiCall, queryString } from '../shared/http';

export interface KbFilter {
  q?: string;
  enabled?: boolean;
  locale?: string;
}

/** What the knowledge-base screen needs from `runtime/src/routes/kb`; tests pass fakes. */
export interface KbApi {
  list(filter: KbFilter, cursor?: string): Promise<Page<KbArticleWire>>;
  create(article: KbArticleBody): Promise<KbArticleWire>;
  update(id: string, change: KbArticlePatch): Promise<KbArticleWire>;
  remove(id: string): Promise<void>;
  importFile(format: 'csv' | 'json', contentBase64: string): Promise<KbImportReportWire>;
  exportHref(format: 'csv' | 'json'): string;
}

export const KB_PAGE_SIZE = 20;
const enc = encodeURIComponent;

export const kbApi: KbApi = {
  list: (filter, cursor) =>
    apiCall(
      'GET',
      `/kb/articles${queryString({ ...filter, enabled: filter.enabled?.toString(), cursor, limit: KB_PAGE_SIZE })}`,
    ),
  create: (article) => apiCall('POST', '/kb/articles', article),
  update: (id, change) => apiCall('PATCH', `/kb/articles/${enc(id)}`, change),
  remove: async (id) => {
    await apiCall('DELETE', `/kb/articles/${enc(id)}`);
  },
  importFile: (format, contentBase64) => apiCall('POST', '/kb/import', { format, contentBase64 }),
  // A plain link: the session cookie goes with it and the browser saves the streamed file.
  exportHref: (format) => `/kb/export?format=${format}`,
};
