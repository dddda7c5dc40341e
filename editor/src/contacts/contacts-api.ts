import type {
  ContactDetail,
  ContactDuplicates,
  ContactImportSummary,
  ContactImportWire,
  ContactPatch,
  ContactWire,
  Page,
} from '@kefu/schemas/api';
import { ApiError, apiCall, queryString } from '../shared/http';

export interface ContactQuery {
  q?: string;
  tag?: string;
  sort: string;
  cursor?: string;
}

/** The seam between the contact screens and the network (schemas/src/api/contacts.ts). */
export interface ContactsApi {
  list(query: ContactQuery): Promise<Page<ContactWire>>;
  get(id: string): Promise<ContactDetail>;
  update(id: string, patch: ContactPatch): Promise<ContactWire>;
  duplicates(): Promise<ContactDuplicates>;
  merge(keepId: string, mergeIds: string[]): Promise<ContactWire>;
  /** Uploads the file as an import; the rows come in afterwards (follow it with `getImport`). */
  startImport(file: File): Promise<ContactImportWire>;
  getImport(id: string): Promise<ContactImportWire>;
  cancelImport(id: string): Promise<ContactImportWire>;
  /** The newest import, to pick up one still running when the page opens. */
  latestImport(): Promise<ContactImportSummary | null>;
  /** Where the browser downloads every contact as CSV (the session cookie signs it). */
  exportUrl: string;
  /** Where an owner downloads everything about one contact as JSON. */
  exportOneUrl(id: string): string;
  /** Deletes the contact everywhere (owners); the confirmation is the id repeated. */
  erase(id: string): Promise<void>;
}

export const PAGE_SIZE = 25;

export function createHttpContactsApi(): ContactsApi {
  return {
    list: async (query) =>
      await apiCall<Page<ContactWire>>('GET', `/contacts${queryString({ ...query, limit: PAGE_SIZE })}`),
    get: async (id) => await apiCall<ContactDetail>('GET', `/contacts/${encodeURIComponent(id)}`),
    update: async (id, patch) =>
      await apiCall<ContactWire>('PATCH', `/contacts/${encodeURIComponent(id)}`, patch),
    duplicates: async () => await apiCall<ContactDuplicates>('GET', '/contacts/duplicates'),
    merge: async (keepId, mergeIds) =>
      await apiCall<ContactWire>('POST', `/contacts/${encodeURIComponent(keepId)}/merge`, { mergeIds }),
    startImport: async (file) => await uploadCsv(file),
    getImport: async (id) =>
      await apiCall<ContactImportWire>('GET', `/contacts/imports/${encodeURIComponent(id)}`),
    cancelImport: async (id) =>
      await apiCall<ContactImportWire>('POST', `/contacts/imports/${encodeURIComponent(id)}/cancel`),
    latestImport: async () =>
      (await apiCall<Page<ContactImportSummary>>('GET', '/contacts/imports?limit=1')).items[0] ?? null,
    exportUrl: '/contacts/export',
    exportOneUrl: (id) => `/contacts/${encodeURIComponent(id)}/export`,
    erase: async (id) => {
      await apiCall('DELETE', `/contacts/${encodeURIComponent(id)}${queryString({ confirm: id })}`);
    },
  };
}

/**
 * The file goes up as it is (the body is the file, not JSON), so a large one is neither read into
 * memory here nor inflated by base64; the server checks the encoding itself (UTF-8 only).
 */
async function uploadCsv(file: File): Promise<ContactImportWire> {
  const response = await fetch(`/contacts/imports${queryString({ fileName: file.name.slice(0, 200) })}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'text/csv' },
    body: file,
  });
  const value = (await response.json().catch(() => ({}))) as ContactImportWire & {
    code?: string;
    message?: string;
    field?: string;
  };
  if (!response.ok)
    throw new ApiError(
      response.status,
      value.code ?? 'KEFU_ERR_UNKNOWN',
      value.message ?? response.statusText,
      value.field,
    );
  return value;
}
