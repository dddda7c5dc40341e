import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { Invite, Role } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { InviteSettings } from './invite-settings';
import type { InvitesApi } from './invites-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const at = '2026-01-01T00:00:00.000Z';
const later = '2026-01-08T00:00:00.000Z';

/** Invites in memory, refusing an address that has an account as the API does. */
function fakeApi(members: string[] = []) {
  const invites: Invite[] = [];
  let n = 0;
  const api = {
    list: vi.fn(async () => invites.map((i) => ({ ...i }))),
    invite: vi.fn(async (email: string, roles: Role[]) => {
      if (members.includes(email))
        throw new ApiError(
          409,
          'KEFU_ERR_CONFLICT',
          'An account with this email already exists',
          'body/email',
        );
      const i = invites.findIndex((x) => x.email === email);
      const invite: Invite = {
        id: `i${++n}`,
        email,
        roles,
        status: 'pending',
        createdAt: at,
        expiresAt: later,
      };
      if (i >= 0) invites[i] = invite;
      else invites.push(invite);
      return { invite, link: `http://kefu.test/accept-invite?token=t${n}` };
    }),
    revoke: vi.fn(async (id: string) => {
      invites.splice(
        invites.findIndex((x) => x.id === id),
        1,
      );
    }),
  } satisfies InvitesApi;
  return api;
}

const emailField = () => screen.getByLabelText('Email');
function inviteAs(email: string, role?: string) {
  fireEvent.change(emailField(), { target: { value: email } });
  if (role) fireEvent.change(screen.getByLabelText('Role'), { target: { value: role } });
  fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
}

describe('invite settings', () => {
  it('invites by email with a role, shows the link, lists it, sends it again and revokes it', async () => {
    const api = fakeApi();
    render(<InviteSettings api={api} />);
    await screen.findByText('No invites waiting.');
    expect(
      [...(screen.getByLabelText('Role') as HTMLSelectElement).options].map((o) => o.textContent),
    ).toEqual(['Owner', 'Agent', 'Analyst']);
    inviteAs('Lin@Shop.test', 'analyst');
    expect(
      ((await screen.findByLabelText(/Send this link to lin@shop.test/)) as HTMLInputElement).value,
    ).toBe('http://kefu.test/accept-invite?token=t1');
    expect(api.invite).toHaveBeenCalledWith('lin@shop.test', ['analyst']);
    const row = await screen.findByRole('row', { name: 'lin@shop.test' });
    expect(within(row).getByText('Analyst')).toBeTruthy();
    expect(within(row).getByText('Waiting')).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: 'Send again lin@shop.test' }));
    expect(((await screen.findByDisplayValue(/token=t2/)) as HTMLInputElement).value).toContain('t2');
    expect(api.invite).toHaveBeenLastCalledWith('lin@shop.test', ['analyst']);

    vi.spyOn(window, 'confirm').mockReturnValue(true);
    fireEvent.click(
      within(await screen.findByRole('row', { name: 'lin@shop.test' })).getByRole('button', {
        name: /Revoke/,
      }),
    );
    await screen.findByText('No invites waiting.');
    expect(api.revoke).toHaveBeenCalledWith('i2');
  });

  it('says next to the field when the email is not one, is already a member, or is already invited', async () => {
    const api = fakeApi(['ann@shop.test']);
    render(<InviteSettings api={api} />);
    await screen.findByText('No invites waiting.');

    inviteAs('not-an-email');
    expect((await screen.findByRole('alert')).textContent).toBe('This is not an email address.');
    expect(emailField().getAttribute('aria-describedby')).toBe('invite-email-error');
    expect(api.invite).not.toHaveBeenCalled();

    inviteAs('ann@shop.test');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Someone with this email already has an account.',
    );

    inviteAs('bo@shop.test');
    await screen.findByRole('row', { name: 'bo@shop.test' });
    inviteAs('bo@shop.test');
    expect((await screen.findByRole('alert')).textContent).toContain('already invited');
    expect(api.invite).toHaveBeenCalledTimes(2);
  });

  it('shows loading while the list is slow, then an error with a retry that works', async () => {
    const api = fakeApi();
    let release!: () => void;
    api.list.mockImplementationOnce(() => new Promise<Invite[]>((resolve) => (release = () => resolve([]))));
    api.list.mockRejectedValueOnce(new Error('down'));
    render(<InviteSettings api={api} />);
    expect((await screen.findByRole('status')).textContent).toBe('Loading invites…');
    expect(screen.queryByText('No invites waiting.')).toBeNull();
    release();
    await screen.findByText('No invites waiting.');

    cleanup();
    render(<InviteSettings api={api} />);
    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toContain('Could not load the invites.');
    expect(screen.queryByText('No invites waiting.')).toBeNull();
    fireEvent.click(within(failed).getByRole('button', { name: 'Retry' }));
    await screen.findByText('No invites waiting.');
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    render(<InviteSettings api={fakeApi()} />);
    await screen.findByText('没有待接受的邀请。');
    expect(screen.getByRole('heading', { name: '邀请同事' })).toBeTruthy();
    expect(screen.getByRole('option', { name: '客服' })).toBeTruthy();
  });
});
