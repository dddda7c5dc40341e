import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ApiKeyWire, WebhookWire } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { ChannelSettings } from './channel-settings';
import type { ChannelsApi } from './channels-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

/** An in-memory /channels API, so the test drives the page as an owner would. */
function fakeApi(receiving = true) {
  const keys: ApiKeyWire[] = [];
  const hooks: WebhookWire[] = [];
  const at = '2026-01-01T00:00:00.000Z';
  const api: ChannelsApi = {
    email: async () => ({ address: 'shop1@kefu.test', receiving }),
    keys: async () => [...keys],
    createKey: async (name) => {
      const apiKey = { id: `k${keys.length + 1}`, name, prefix: 'kefu_abc', createdAt: at };
      keys.push(apiKey);
      return { apiKey, key: 'kefu_abc.secret-shown-once' };
    },
    revokeKey: vi.fn(async (id: string) => {
      const key = keys.find((k) => k.id === id)!;
      key.revokedAt = at;
      return key;
    }),
    webhooks: async () => [...hooks],
    createWebhook: async (url) => {
      if (url.includes('10.0.0.')) throw new ApiError(400, 'KEFU_ERR_VALIDATION', 'Private and loopback addresses are not allowed', 'body/url');
      const webhook = { id: `w${hooks.length + 1}`, url, createdAt: at };
      hooks.push(webhook);
      return { webhook, secret: 'whsec_shown_once' };
    },
    removeWebhook: async (id) => void hooks.splice(hooks.findIndex((h) => h.id === id), 1),
  };
  return api;
}

describe('channel settings', () => {
  it('shows the address customers write to, and says when this server takes no mail', async () => {
    render(<ChannelSettings api={fakeApi(false)} />);
    expect(await screen.findByText('shop1@kefu.test')).toBeTruthy();
    expect(screen.getByText(/not listening for mail/)).toBeTruthy();
  });

  it('creates a key, shows it once, lists it by prefix and revokes it', async () => {
    const api = fakeApi();
    render(<ChannelSettings api={api} />);
    await screen.findByText('No keys yet.');
    fireEvent.change(screen.getByRole('textbox', { name: 'Name of the new key' }), { target: { value: 'order system' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByDisplayValue('kefu_abc.secret-shown-once')).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'API keys' });
    expect(within(list).getByText('order system')).toBeTruthy();
    fireEvent.click(within(list).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'API keys' })).getByText('(revoked)')).toBeTruthy());
    expect(api.revokeKey).toHaveBeenCalledWith('k1');
  });

  it('adds a webhook with its secret shown once, says why a refused URL was refused, and removes one', async () => {
    render(<ChannelSettings api={fakeApi()} />);
    await screen.findByText('No webhooks yet.');
    const url = screen.getByRole('textbox', { name: 'Webhook URL' });
    fireEvent.change(url, { target: { value: 'http://10.0.0.8/hook' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Private and loopback addresses are not allowed');
    fireEvent.change(url, { target: { value: 'https://shop.example/hook' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(await screen.findByDisplayValue('whsec_shown_once')).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Webhooks' });
    fireEvent.click(within(list).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('No webhooks yet.')).toBeTruthy();
  });

  it('speaks Chinese when the console does', async () => {
    useLang.getState().setLang('zh');
    render(<ChannelSettings api={fakeApi()} />);
    expect(await screen.findByRole('heading', { name: 'API 渠道' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '创建密钥' })).toBeTruthy();
  });
});
