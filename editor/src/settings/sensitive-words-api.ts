import type { SensitiveScreening, SensitiveWords } from '@kefu/schemas/api';
import { apiCall } from '../shared/http';

/** What the sensitive-words settings need from the API (runtime/src/routes/workspace); tests pass fakes. */
export interface SensitiveWordsApi {
  list(): Promise<SensitiveWords>;
  save(list: SensitiveWords): Promise<SensitiveWords>;
  check(text: string): Promise<SensitiveScreening>;
}

export const sensitiveWordsApi: SensitiveWordsApi = {
  list: () => apiCall('GET', '/workspace/sensitive-words'),
  save: (list) => apiCall('PUT', '/workspace/sensitive-words', list),
  check: (text) => apiCall('POST', '/workspace/sensitive-words/check', { text }),
};
