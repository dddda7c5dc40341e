import type { InvitePreview, Me } from '@kefu/schemas/api';
import { apiCall } from '../shared/http';

/** What the accept page asks the API; tests pass fakes. */
export interface AcceptInviteApi {
  preview(token: string): Promise<InvitePreview>;
  accept(token: string, name: string, password: string): Promise<Me>;
}

export const acceptInviteApi: AcceptInviteApi = {
  preview: (token) => apiCall('GET', `/invites/preview?token=${encodeURIComponent(token)}`),
  accept: (token, name, password) => apiCall('POST', '/invites/accept', { token, name, password }),
};
