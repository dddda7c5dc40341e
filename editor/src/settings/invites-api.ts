import type { Invite, Role } from '@kefu/schemas/api';
import { apiCall } from '../shared/http';

/** What the invite screen needs from the API; tests pass fakes. */
export interface InvitesApi {
  /** A workspace's invites are few (one per email): the first hundred is all of them in practice. */
  list(): Promise<Invite[]>;
  /** Sends (or sends again: the earlier link stops working) an invite; the link comes back until mail does. */
  invite(email: string, roles: Role[]): Promise<{ invite: Invite; link: string }>;
  revoke(id: string): Promise<void>;
}

export const invitesApi: InvitesApi = {
  list: async () => (await apiCall<{ items: Invite[] }>('GET', '/invites?limit=100')).items,
  invite: (email, roles) => apiCall('POST', '/invites', { email, roles }),
  revoke: async (id) => {
    await apiCall('DELETE', `/invites/${encodeURIComponent(id)}`);
  },
};
