import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Me } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { SessionContext } from '../console/session';
import { ApiError } from '../shared/http';
import { ContactPanel } from './contact-panel';
import type { InboxApi } from './inbox-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const me = (viewPersonalData: boolean): Me => ({
  user: {
    id: 'u1',
    email: 'ann@shop.test',
    name: 'Ann',
    roles: ['agent'],
    disabled: false,
    viewPersonalData,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  workspace: { id: 'w1', name: 'Shop', publicKey: 'pk', timeZone: 'UTC' },
});

function fakeApi() {
  return {
    contact: vi.fn(async () => ({
      profile: {
        id: 'c1',
        name: 'Li Na',
        email: 'l***@customer.test',
        phone: '138****5678',
        tags: [],
        attributes: {},
        masked: true,
      },
      history: { conversations: [], tickets: [] },
    })),
    revealContact: vi.fn(async () => ({
      id: 'c1',
      email: 'li.na@customer.test',
      phone: '13812345678',
      attributes: {},
    })),
  };
}

const panel = (api: ReturnType<typeof fakeApi>, allowed: boolean) =>
  render(
    <SessionContext.Provider value={me(allowed)}>
      <ContactPanel api={api as unknown as InboxApi} contactId="c1" currentId="x1" />
    </SessionContext.Provider>,
  );

describe('ContactPanel personal data', () => {
  it('shows the fields masked, reveals them on request and hides them again', async () => {
    const api = fakeApi();
    panel(api, true);
    await screen.findByText('138****5678');
    expect(screen.getByText('l***@customer.test')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show personal data' }));
    await screen.findByText('13812345678');
    expect(screen.getByText('li.na@customer.test')).toBeTruthy();
    expect(api.revealContact).toHaveBeenCalledWith('c1');
    fireEvent.click(screen.getByRole('button', { name: 'Hide personal data' }));
    await screen.findByText('138****5678');
  });

  it('offers no reveal to a user without the permission', async () => {
    panel(fakeApi(), false);
    await screen.findByText('138****5678');
    expect(screen.queryByRole('button', { name: 'Show personal data' })).toBeNull();
  });

  it('keeps the fields masked and says why when the reveal is refused', async () => {
    const api = fakeApi();
    api.revealContact.mockRejectedValueOnce(new ApiError(403, 'KEFU_ERR_FORBIDDEN', 'Needs the permission'));
    panel(api, true);
    fireEvent.click(await screen.findByRole('button', { name: 'Show personal data' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Needs the permission');
    expect(screen.getByText('138****5678')).toBeTruthy();
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    panel(fakeApi(), true);
    expect(await screen.findByRole('button', { name: '查看个人信息' })).toBeTruthy();
  });
});
