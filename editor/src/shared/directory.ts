import { apiCall } from './http';

export interface Named {
  id: string;
  name: string;
}

interface Page<T> {
  items: T[];
}

/**
 * The workspace's people and teams, for assignee and transfer pickers. GET /users is for owners
 * only: an agent gets an empty list (the pickers still offer "me" and the teams).
 */
export async function loadPeople(): Promise<Named[]> {
  try {
    const page = await apiCall<Page<{ id: string; name: string; email: string; disabled: boolean }>>(
      'GET',
      '/users?limit=100',
    );
    return page.items.filter((u) => !u.disabled).map((u) => ({ id: u.id, name: u.name || u.email }));
  } catch {
    return [];
  }
}

export async function loadTeams(): Promise<Named[]> {
  try {
    const page = await apiCall<Page<{ id: string; name: string }>>('GET', '/teams?limit=100');
    return page.items.map((t) => ({ id: t.id, name: t.name }));
  } catch {
    return [];
  }
}
