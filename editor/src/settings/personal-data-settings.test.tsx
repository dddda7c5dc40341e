import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { User } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { PersonalDataSettings, type PersonalDataApi } from './personal-data-settings';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const at = '2026-01-01T00:00:00.000Z';
const user = (id: string, name: string, roles: User['roles'], viewPersonalData = false): User => ({
  id,
  name,
  email: `${name.toLowerCase()}@shop.test`,
  roles,
  disabled: false,
  viewPersonalData,
  createdAt: at,
});

function fakeApi(): PersonalDataApi & { setViewPersonalData: ReturnType<typeof vi.fn> } {
  const users = [
    user('o1', 'Olga', ['owner'], true),
    user('a1', 'Ann', ['agent']),
    user('a2', 'Bo', ['analyst'], true),
  ];
  return {
    users: async () => users.map((u) => ({ ...u })),
    setViewPersonalData: vi.fn(async (id: string, allowed: boolean) => {
      const u = users.find((x) => x.id === id)!;
      u.viewPersonalData = allowed;
      return { ...u };
    }),
  };
}

describe('PersonalDataSettings', () => {
  it('grants and revokes the permission per member; an owner always has it', async () => {
    const api = fakeApi();
    render(<PersonalDataSettings api={api} />);
    const ann = await screen.findByRole('checkbox', { name: 'May view personal data: Ann' });
    const bo = screen.getByRole('checkbox', { name: 'May view personal data: Bo' });
    expect((ann as HTMLInputElement).checked).toBe(false);
    expect((bo as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByRole('checkbox', { name: /Olga/ })).toBeNull();
    expect(screen.getByText('Owner: always')).toBeTruthy();

    fireEvent.click(ann);
    await vi.waitFor(() => expect((ann as HTMLInputElement).checked).toBe(true));
    expect(api.setViewPersonalData).toHaveBeenCalledWith('a1', true);
    fireEvent.click(bo);
    await vi.waitFor(() => expect((bo as HTMLInputElement).checked).toBe(false));
    expect(api.setViewPersonalData).toHaveBeenLastCalledWith('a2', false);
  });

  it('keeps the box as it was and says why when the change is refused', async () => {
    const api = fakeApi();
    api.setViewPersonalData.mockRejectedValueOnce(
      new ApiError(403, 'KEFU_ERR_FORBIDDEN', 'Only owners do this'),
    );
    render(<PersonalDataSettings api={api} />);
    const ann = await screen.findByRole('checkbox', { name: 'May view personal data: Ann' });
    fireEvent.click(ann);
    expect((await screen.findByRole('alert')).textContent).toContain('Only owners do this');
    expect((ann as HTMLInputElement).checked).toBe(false);
  });

  it('shows loading while the members are slow, then an error with a retry', async () => {
    const api = fakeApi();
    let release!: () => void;
    const users = api.users;
    api.users = vi
      .fn()
      .mockImplementationOnce(() => new Promise<User[]>((resolve) => (release = () => resolve([]))))
      .mockRejectedValueOnce(new Error('down'))
      .mockImplementation(users);
    render(<PersonalDataSettings api={api} />);
    expect((await screen.findByRole('status')).textContent).toBe('Loading…');
    release();
    cleanup();

    render(<PersonalDataSettings api={api} />);
    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toContain('Could not load.');
    fireEvent.click(within(failed).getByRole('button', { name: 'Retry' }));
    await screen.findByRole('checkbox', { name: 'May view personal data: Ann' });
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    render(<PersonalDataSettings api={fakeApi()} />);
    await screen.findByRole('checkbox', { name: '可查看个人信息: Ann' });
    expect(screen.getByRole('heading', { name: '个人信息' })).toBeTruthy();
  });
});
