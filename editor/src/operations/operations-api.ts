import type { AlertSettings, OperationsStatus } from '@kefu/schemas/api';
import { apiCall } from '../shared/http';

/** What the operations page and the alert rules screen need from the API; tests pass fakes. */
export interface OperationsApi {
  status(): Promise<OperationsStatus>;
  rules(): Promise<AlertSettings>;
  saveRules(settings: AlertSettings): Promise<AlertSettings>;
}

export const operationsApi: OperationsApi = {
  status: () => apiCall('GET', '/operations/status'),
  rules: () => apiCall('GET', '/operations/alert-rules'),
  saveRules: (settings) => apiCall('PUT', '/operations/alert-rules', settings),
};
