import type {
  ContactDetail,
  ContactDuplicates,
  ContactImportReport,
  ContactPatch,
  ContactWire,
  Page,
} from '@kefu/schemas/api';
import { apiCall, queryString } from '../shared/http';

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
  importCsv(file: File): Promise<ContactImportReport>;
  /** Where the browser downloads every contact as CSV (the session cookie signs it). */
  exportUrl: string;
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
    importCsv: async (file) =>
      await apiCall<ContactImportReport>('POST', '/contacts/import', { contentBase64: await toBase64(file) }),
    exportUrl: '/contacts/export',
  };
}

/** The file's bytes as base64; the server checks the encoding itself (UTF-8 only). */
async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
