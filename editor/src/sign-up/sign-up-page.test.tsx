import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { Me, SignUpBody } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { SignUpPage } from './sign-up-page';
import type { SignUpApi } from './sign-up-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

function fakeApi(signUp: (body: SignUpBody) => Promise<Me> = async () => ({}) as Me) {
  return { signUp: vi.fn(signUp) } satisfies SignUpApi;
}
const fill = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
function fillForm(email = 'mei@tea.example', password = 'long enough password') {
  fill('Shop name', ' Tea shop ');
  fill('Your name', 'Mei');
  fill('Email', email);
  fill('Choose a password', password);
}
const create = () => fireEvent.click(screen.getByRole('button', { name: /Create workspace|Creating/ }));

describe('sign-up page', () => {
  it('creates the workspace and its owner, then hands over to the signed-in console', async () => {
    const api = fakeApi();
    const onSignedUp = vi.fn();
    render(<SignUpPage api={api} onSignedUp={onSignedUp} />);
    fillForm();
    create();
    await vi.waitFor(() => expect(onSignedUp).toHaveBeenCalled());
    expect(api.signUp).toHaveBeenCalledWith({
      workspaceName: 'Tea shop',
      name: 'Mei',
      email: 'mei@tea.example',
      password: 'long enough password',
    });
  });

  it('says at the field what is wrong with the email or the password, without asking the API', async () => {
    const api = fakeApi();
    render(<SignUpPage api={api} onSignedUp={() => {}} />);
    fillForm('mei@', 'long enough password');
    create();
    expect((await screen.findByRole('alert')).textContent).toBe('This is not an email address.');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    fillForm('mei@tea.example', 'short');
    create();
    expect((await screen.findByRole('alert')).textContent).toContain('at least 10 characters');
    expect(screen.getByLabelText('Choose a password').getAttribute('aria-invalid')).toBe('true');
    expect(api.signUp).not.toHaveBeenCalled();
  });

  it('shows the request going while it is slow, and a taken email with the way to sign in', async () => {
    let refuse!: () => void;
    const api = fakeApi(
      () =>
        new Promise((_, reject) => {
          refuse = () =>
            reject(new ApiError(409, 'KEFU_ERR_CONFLICT', 'An account with this email exists', 'body/email'));
        }),
    );
    render(<SignUpPage api={api} onSignedUp={() => {}} />);
    fillForm();
    create();
    const button = await screen.findByRole('button', { name: 'Creating…' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    refuse();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('An account with this email already exists');
    expect(within(alert).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('#/inbox');
    expect((screen.getByRole('button', { name: 'Create workspace' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });

  it('says the server could not be reached when the request fails, and sending again works', async () => {
    let calls = 0;
    const api = fakeApi(async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch');
      return {} as Me;
    });
    const onSignedUp = vi.fn();
    render(<SignUpPage api={api} onSignedUp={onSignedUp} />);
    fillForm();
    create();
    expect((await screen.findByRole('alert')).textContent).toBe('Could not reach the server. Try again.');
    create();
    await vi.waitFor(() => expect(onSignedUp).toHaveBeenCalled());
  });

  it('puts a refusal of one field by the API next to that field', async () => {
    const api = fakeApi(async () => {
      throw new ApiError(
        400,
        'KEFU_ERR_VALIDATION',
        'body/workspaceName must NOT have more than 100 characters',
        'body/workspaceName',
      );
    });
    render(<SignUpPage api={api} onSignedUp={() => {}} />);
    fillForm();
    create();
    expect((await screen.findByRole('alert')).textContent).toBe('must NOT have more than 100 characters');
    expect(screen.getByLabelText('Shop name').getAttribute('aria-invalid')).toBe('true');
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    render(<SignUpPage api={fakeApi()} onSignedUp={() => {}} />);
    expect(screen.getByRole('heading').textContent).toBe('创建您店铺的工作区');
    expect(screen.getByLabelText('店铺名称')).toBeTruthy();
    expect(screen.getByRole('button', { name: '创建工作区' })).toBeTruthy();
  });
});
