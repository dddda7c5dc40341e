import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { TeamWire, User } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { TeamSettings } from './team-settings';
import type { StaffApi } from './staff-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const at = '2026-01-01T00:00:00.000Z';
const user = (id: string, name: string, disabled = false): User => ({
  id,
  name,
  email: `${name.toLowerCase()}@shop.test`,
  roles: ['agent'],
  disabled,
  viewPersonalData: false,
  createdAt: at,
});

/** Teams in memory; a taken key is refused as the API refuses it. */
function fakeApi() {
  const teams: TeamWire[] = [];
  const api = {
    teams: async () => teams.map((t) => ({ ...t })),
    users: async () => [user('u1', 'Ann'), user('u2', 'Bo'), user('u3', 'Gone', true)],
    createTeam: async (key: string, name: string) => {
      if (teams.some((t) => t.key === key)) throw new ApiError(409, 'KEFU_ERR_CONFLICT', 'A team with this key exists', 'body/key');
      const team = { id: `t${teams.length + 1}`, key, name, members: [], createdAt: at };
      teams.push(team);
      return team;
    },
    updateTeam: vi.fn(async (id: string, change: { name?: string; members?: string[] }) => {
      const team = teams.find((t) => t.id === id)!;
      Object.assign(team, change);
      return team;
    }),
    addMember: vi.fn(async (id: string, userId: string) => {
      const team = teams.find((t) => t.id === id)!;
      if (!team.members.includes(userId)) team.members = [...team.members, userId];
      return team;
    }),
    removeMember: vi.fn(async (id: string, userId: string) => {
      const team = teams.find((t) => t.id === id)!;
      team.members = team.members.filter((m) => m !== userId);
      return team;
    }),
    deleteTeam: async () => {},
  } as unknown as StaffApi;
  return api;
}

describe('team settings', () => {
  it('creates a team, adds and removes members from the active users, and renames it', async () => {
    const api = fakeApi();
    render(<TeamSettings api={api} />);
    await screen.findByText('No teams yet.');
    fireEvent.change(screen.getByLabelText('Key (used by flows)'), { target: { value: 'support' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Support' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create team' }));

    const picker = (await screen.findByLabelText('Agent to add: Support')) as HTMLSelectElement;
    // A disabled user is not offered.
    expect([...picker.options].map((o) => o.textContent)).toEqual(['Choose…', 'Ann (ann@shop.test)', 'Bo (bo@shop.test)']);
    fireEvent.change(picker, { target: { value: 'u2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }));
    const members = await screen.findByRole('list', { name: 'Members: Support' });
    expect(within(members).getByText(/Bo/)).toBeTruthy();
    // One member at a time, not the whole list (two quick adds each kept only their own).
    expect(api.addMember).toHaveBeenCalledWith('t1', 'u2');
    expect(api.updateTeam).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Remove Bo' }));
    await screen.findByText('No members.');

    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    fireEvent.change(screen.getByLabelText('New name of Support'), { target: { value: 'Help desk' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect(await screen.findByRole('heading', { name: /Help desk/ })).toBeTruthy();
  });

  it("shows the API's refusal of a taken key", async () => {
    const api = fakeApi();
    await api.createTeam('support', 'Support');
    render(<TeamSettings api={api} />);
    await screen.findByLabelText('Agent to add: Support');
    fireEvent.change(screen.getByLabelText('Key (used by flows)'), { target: { value: 'support' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Again' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create team' }));
    expect((await screen.findByRole('alert')).textContent).toContain('A team with this key exists');
  });

  it('shows loading while the teams are slow, then an error with a retry', async () => {
    const api = fakeApi();
    let release!: () => void;
    const teams = api.teams;
    api.teams = vi
      .fn()
      .mockImplementationOnce(() => new Promise<TeamWire[]>((resolve) => (release = () => resolve([]))))
      .mockRejectedValueOnce(new Error('down'))
      .mockImplementation(teams);
    render(<TeamSettings api={api} />);
    expect((await screen.findByRole('status')).textContent).toBe('Loading…');
    expect(screen.queryByText('No teams yet.')).toBeNull();
    release();
    await screen.findByText('No teams yet.');
    cleanup();

    render(<TeamSettings api={api} />);
    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toContain('Could not load.');
    expect(screen.queryByText('No teams yet.')).toBeNull();
    fireEvent.click(within(failed).getByRole('button', { name: 'Retry' }));
    await screen.findByText('No teams yet.');
  });
});
