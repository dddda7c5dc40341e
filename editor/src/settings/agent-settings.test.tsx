import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { AgentProfileWire, AgentSettings as Settings, User } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { AgentSettings } from './agent-settings';
import type { StaffApi } from './staff-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const at = '2026-01-01T00:00:00.000Z';
const user = (id: string, name: string, roles: User['roles'], disabled = false): User => ({
  id,
  name,
  email: `${name.toLowerCase()}@shop.test`,
  roles,
  disabled,
  viewPersonalData: false,
  createdAt: at,
});

function fakeApi() {
  const profiles: AgentProfileWire[] = [{ userId: 'u1', presence: 'online', maxConcurrent: 3, skills: ['billing'], load: 2 }];
  const setAgent = vi.fn(async (userId: string, settings: Settings) => {
    if ((settings.maxConcurrent ?? 0) > 100) throw new ApiError(400, 'KEFU_ERR_VALIDATION', 'must be <= 100', 'body/maxConcurrent');
    return { userId, presence: 'offline' as const, load: 0, maxConcurrent: settings.maxConcurrent ?? 3, skills: settings.skills ?? [] };
  });
  const api = {
    users: async () => [
      user('u1', 'Ann', ['agent']),
      user('u2', 'Bo', ['agent']),
      user('u3', 'Cy', ['analyst']),
      user('u4', 'Di', ['agent'], true),
    ],
    agents: async () => profiles,
    setAgent,
  } as unknown as StaffApi;
  return { api, setAgent };
}

describe('agent settings', () => {
  it("lists active agents with presence and load, and saves an agent's skills and capacity", async () => {
    const { api, setAgent } = fakeApi();
    render(<AgentSettings api={api} />);
    const ann = await screen.findByRole('row', { name: /Ann/ });
    expect(within(ann).getByText('Online')).toBeTruthy();
    expect(within(ann).getByText('2')).toBeTruthy();
    // Analysts and disabled users take no chats.
    expect(screen.queryByRole('row', { name: /Cy/ })).toBeNull();
    expect(screen.queryByRole('row', { name: /Di/ })).toBeNull();

    const bo = screen.getByRole('row', { name: /Bo/ });
    expect(within(bo).getByText('Offline')).toBeTruthy();
    fireEvent.change(within(bo).getByLabelText('Skills (comma separated): Bo'), { target: { value: 'refunds，中文, refunds' } });
    fireEvent.change(within(bo).getByLabelText('Max concurrent chats: Bo'), { target: { value: '6' } });
    fireEvent.click(within(bo).getByRole('button', { name: 'Save: Bo' }));
    expect(await within(bo).findByText('Saved.')).toBeTruthy();
    expect(setAgent).toHaveBeenCalledWith('u2', { skills: ['refunds', '中文'], maxConcurrent: 6 });
  });

  it("shows the API's refusal on the agent's row", async () => {
    const { api } = fakeApi();
    render(<AgentSettings api={api} />);
    const ann = await screen.findByRole('row', { name: /Ann/ });
    fireEvent.change(within(ann).getByLabelText('Max concurrent chats: Ann'), { target: { value: '500' } });
    fireEvent.submit(within(ann).getByRole('button', { name: 'Save: Ann' }).closest('form')!);
    expect((await within(ann).findByRole('alert')).textContent).toContain('must be <= 100');
  });
});
