import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { RetentionSettings } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { RetentionSettingsSection } from './retention-settings';
import type { RetentionApi } from './retention-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

function fakeApi(over: Partial<RetentionApi> = {}): RetentionApi {
  return {
    get: vi.fn(async (): Promise<RetentionSettings> => ({ days: null })),
    save: vi.fn(async (s: RetentionSettings) => s),
    ...over,
  };
}

describe('retention settings', () => {
  it('says it is loading while the setting is on its way', () => {
    render(<RetentionSettingsSection api={fakeApi({ get: () => new Promise(() => {}) })} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
  });

  it('offers a retry when the setting cannot be read', async () => {
    const get = vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue({ days: 90 });
    render(<RetentionSettingsSection api={fakeApi({ get })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByDisplayValue('90')).toBeTruthy();
  });

  it('keeps forever by default and saves a number of days', async () => {
    const api = fakeApi();
    render(<RetentionSettingsSection api={api} />);
    expect(((await screen.findByRole('radio', { name: 'Forever' })) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'For a number of days' }));
    fireEvent.change(screen.getByRole('spinbutton', { name: /Days to keep/ }), { target: { value: '180' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(api.save).toHaveBeenCalledWith({ days: 180 });
  });

  it('shows the refusal of a value out of range, while saving says so', async () => {
    let refuse!: () => void;
    const save = vi.fn(
      () =>
        new Promise<RetentionSettings>((_, reject) => {
          refuse = () =>
            reject(new ApiError(400, 'KEFU_ERR_VALIDATION', 'body/days must be >= 30', 'body/days'));
        }),
    );
    render(<RetentionSettingsSection api={fakeApi({ get: async () => ({ days: 365 }), save })} />);
    fireEvent.change(await screen.findByRole('spinbutton', { name: /Days to keep/ }), {
      target: { value: '5' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(((await screen.findByRole('button', { name: 'Saving…' })) as HTMLButtonElement).disabled).toBe(
      true,
    );
    refuse();
    expect((await screen.findByRole('alert')).textContent).toContain('from 30 to 3650');
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    render(<RetentionSettingsSection api={fakeApi()} />);
    expect(await screen.findByRole('radio', { name: '永久保留' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '数据保留' })).toBeTruthy();
  });
});
