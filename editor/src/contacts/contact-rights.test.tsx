import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me, Role } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import { SessionContext } from '../console/session';
import { useLang } from '../flows/i18n';
import type { ContactsApi } from './contacts-api';
import { ContactRights } from './contact-rights';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const ID = '65a000000000000000000042';
const me = (roles: Role[]): Me => ({
  user: {
    id: '65a0000000000000000000aa',
    email: 'o@shop.example',
    name: 'O',
    roles,
    disabled: false,
    viewPersonalData: roles.includes('owner'),
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  workspace: { id: '65a0000000000000000000bb', name: 'Shop', publicKey: 'pk', timeZone: 'UTC' },
});
const api = (erase: ContactsApi['erase']) =>
  ({ exportOneUrl: (id: string) => `/contacts/${id}/export`, erase }) as unknown as ContactsApi;
const show = (roles: Role[], erase: ContactsApi['erase']) =>
  render(
    <SessionContext.Provider value={me(roles)}>
      <ContactRights api={api(erase)} id={ID} />
    </SessionContext.Provider>,
  );

describe('ContactRights', () => {
  it('offers owners the JSON export and a deletion that asks first', async () => {
    let release!: () => void;
    const erase = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    show(['owner'], erase);
    expect(screen.getByRole('link', { name: 'Export all data (JSON)' }).getAttribute('href')).toBe(
      `/contacts/${ID}/export`,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete contact…' }));
    expect(erase).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Delete everywhere' }));
    // Held: the button says so and cannot be pressed twice.
    expect(screen.getByRole('button', { name: 'Deleting…' })).toHaveProperty('disabled', true);
    expect(erase).toHaveBeenCalledWith(ID);
    release();
    await vi.waitFor(() => expect(location.hash).toBe('#/contacts'));
  });

  it('shows a failed deletion with a retry, and cancels', async () => {
    const erase = vi
      .fn<ContactsApi['erase']>()
      .mockRejectedValueOnce(new ApiError(409, 'KEFU_ERR_CONFLICT', 'The contact has an open conversation'))
      .mockResolvedValueOnce(undefined);
    show(['owner'], erase);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete contact…' }));
    await user.click(screen.getByRole('button', { name: 'Delete everywhere' }));
    expect((await screen.findByRole('alert')).textContent).toContain('open conversation');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(erase).toHaveBeenCalledTimes(2);
  });

  it('speaks Chinese, and shows nothing to agents', () => {
    useLang.getState().setLang('zh');
    show(['owner'], vi.fn());
    expect(screen.getByRole('link', { name: '导出全部数据（JSON）' })).toBeTruthy();
    cleanup();
    useLang.getState().setLang('en');
    show(['agent'], vi.fn());
    expect(screen.queryByRole('button')).toBeNull();
  });
});
