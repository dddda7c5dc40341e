import type { AgentProfileWire, AgentSettings, BusinessHoursSpec, TeamWire, User } from '@kefu/schemas/api';
import { apiCall } from '../shared/http';

/** What the teams, agents and business-hours settings need from the API; tests pass fakes. */
export interface StaffApi {
  hours(): Promise<BusinessHoursSpec>;
  saveHours(hours: BusinessHoursSpec): Promise<BusinessHoursSpec>;
  teams(): Promise<TeamWire[]>;
  createTeam(key: string, name: string): Promise<TeamWire>;
  updateTeam(id: string, change: { name?: string; members?: string[] }): Promise<TeamWire>;
  /** One member in or out, never the whole list: two owners editing at once both land. */
  addMember(teamId: string, userId: string): Promise<TeamWire>;
  removeMember(teamId: string, userId: string): Promise<TeamWire>;
  deleteTeam(id: string): Promise<void>;
  users(): Promise<User[]>;
  agents(): Promise<AgentProfileWire[]>;
  setAgent(userId: string, settings: AgentSettings): Promise<AgentProfileWire>;
}

const enc = encodeURIComponent;
export const staffApi: StaffApi = {
  hours: () => apiCall('GET', '/workspace/business-hours'),
  saveHours: (hours) => apiCall('PUT', '/workspace/business-hours', hours),
  teams: async () => (await apiCall<{ items: TeamWire[] }>('GET', '/teams?limit=100')).items,
  createTeam: (key, name) => apiCall('POST', '/teams', { key, name }),
  updateTeam: (id, change) => apiCall('PATCH', `/teams/${enc(id)}`, change),
  addMember: (teamId, userId) => apiCall('POST', `/teams/${enc(teamId)}/members`, { userId }),
  removeMember: (teamId, userId) => apiCall('DELETE', `/teams/${enc(teamId)}/members/${enc(userId)}`),
  deleteTeam: async (id) => {
    await apiCall('DELETE', `/teams/${enc(id)}`);
  },
  users: async () => (await apiCall<{ items: User[] }>('GET', '/users?limit=100')).items,
  agents: async () => (await apiCall<{ items: AgentProfileWire[] }>('GET', '/agents?limit=100')).items,
  setAgent: (userId, settings) => apiCall('PATCH', `/agents/${enc(userId)}`, settings),
};
