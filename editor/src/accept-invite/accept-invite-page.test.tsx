import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { InvitePreview, Me } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { AcceptInvitePage } from './accept-invite-page';
import type { AcceptInviteApi } from './accept-invite-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const invite: InvitePreview = {
  email: 'lin@shop.test',
  roles: ['agent'],
  workspaceName: 'Tea shop',
  expiresAt: '2026-01-08T00:00:00.000Z',
};
function fakeApi(preview: () => Promise<InvitePreview> = async () => invite) {
  return {
    preview: vi.fn(preview),
    accept: vi.fn(async () => ({}) as Me),
  } satisfies AcceptInviteApi;
}
const refused = (status: number, code: string) => async () => {
  throw new ApiError(status, code, 'refused', 'querystring/token');
};

describe('accept invite page', () => {
  it('shows who is invited as what, and accepts with a name and password', async () => {
    const api = fakeApi();
    const onAccepted = vi.fn();
    render(<AcceptInvitePage token="tok" api={api} onAccepted={onAccepted} />);
    expect(await screen.findByRole('heading', { name: 'Join Tea shop' })).toBeTruthy();
    expect(screen.getByText('Agent')).toBeTruthy();
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('lin@shop.test');
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: ' Lin ' } });
    fireEvent.change(screen.getByLabelText('Choose a password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Accept and sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('at least 10 characters');
    expect(api.accept).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Choose a password'), {
      target: { value: 'long enough password' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Accept and sign in' }));
    await vi.waitFor(() => expect(onAccepted).toHaveBeenCalled());
    expect(api.accept).toHaveBeenCalledWith('tok', 'Lin', 'long enough password');
  });

  it.each([
    ['expired', refused(410, 'KEFU_ERR_INVITE_EXPIRED'), 'This invitation has expired'],
    ['used', refused(410, 'KEFU_ERR_INVITE_USED'), 'This invitation was already accepted'],
    ['unknown', refused(400, 'KEFU_ERR_INVITE_INVALID'), 'This invitation link does not work'],
  ])('says why an %s link cannot be used, with no form', async (_, preview, heading) => {
    render(<AcceptInvitePage token="tok" api={fakeApi(preview)} />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading').textContent).toBe(heading);
    expect(screen.queryByLabelText('Choose a password')).toBeNull();
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('says the link does not work when it has no token, without asking the API', async () => {
    const api = fakeApi();
    render(<AcceptInvitePage token={null} api={api} />);
    expect((await screen.findByRole('heading')).textContent).toBe('This invitation link does not work');
    expect(api.preview).not.toHaveBeenCalled();
  });

  it('shows a loading state while the check is slow, and a retry when the server fails', async () => {
    let release!: () => void;
    const api = fakeApi(() => new Promise((resolve) => (release = () => resolve(invite))));
    render(<AcceptInvitePage token="tok" api={api} />);
    expect((await screen.findByRole('status')).textContent).toBe('Checking your invitation…');
    release();
    await screen.findByRole('heading', { name: 'Join Tea shop' });
    cleanup();

    const failing = fakeApi(refused(503, 'KEFU_ERR_UNAVAILABLE'));
    render(<AcceptInvitePage token="tok" api={failing} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not reach the server.');
    failing.preview.mockResolvedValueOnce(invite);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByRole('heading', { name: 'Join Tea shop' });
  });

  it('tells someone who already has an account to sign in', async () => {
    const api = fakeApi();
    api.accept.mockRejectedValueOnce(new ApiError(409, 'KEFU_ERR_CONFLICT', 'taken', 'body/email'));
    render(<AcceptInvitePage token="tok" api={api} onAccepted={() => {}} />);
    fireEvent.change(await screen.findByLabelText('Your name'), { target: { value: 'Lin' } });
    fireEvent.change(screen.getByLabelText('Choose a password'), {
      target: { value: 'long enough password' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Accept and sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('already exists');
    expect(within(alert).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/');
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    render(<AcceptInvitePage token="tok" api={fakeApi()} />);
    expect(await screen.findByRole('heading', { name: '加入 Tea shop' })).toBeTruthy();
    expect(screen.getByText('客服')).toBeTruthy();
  });
});
