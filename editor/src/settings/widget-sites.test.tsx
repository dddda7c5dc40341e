import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { WidgetSites } from './widget-sites';
import type { WidgetChannelApi } from './channels-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

/** An in-memory /channels/widget. */
function fakeApi(initial: string[] = []) {
  let stored = initial;
  const api: WidgetChannelApi & { setWidgetOrigins: ReturnType<typeof vi.fn> } = {
    widget: async () => ({ allowedOrigins: stored }),
    setWidgetOrigins: vi.fn(async (origins: string[]) => {
      if (origins.some((o) => o.includes('refused')))
        throw new ApiError(400, 'KEFU_ERR_VALIDATION', 'bad origin', 'body/allowedOrigins/0');
      stored = origins.map((o) => o.toLowerCase());
      return { allowedOrigins: stored };
    }),
  };
  return api;
}

const box = () => screen.getByRole('textbox', { name: 'Allowed sites' }) as HTMLTextAreaElement;

describe('widget sites', () => {
  it('shows the saved sites, one per line, and saves edited ones as the server returns them', async () => {
    const api = fakeApi(['https://shop.example']);
    render(<WidgetSites api={api} />);
    await waitFor(() => expect(box().value).toBe('https://shop.example'));
    fireEvent.change(box(), { target: { value: 'https://shop.example\n\n  HTTPS://Blog.Shop.Example/ \n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save sites' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved.');
    expect(api.setWidgetOrigins).toHaveBeenCalledWith(['https://shop.example', 'HTTPS://Blog.Shop.Example']);
    expect(box().value).toBe('https://shop.example\nhttps://blog.shop.example');
  });

  it('names a line that is not a site and sends nothing', async () => {
    const api = fakeApi();
    render(<WidgetSites api={api} />);
    await screen.findByRole('textbox', { name: 'Allowed sites' });
    fireEvent.change(box(), { target: { value: 'https://shop.example/checkout' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save sites' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'https://shop.example/checkout is not a site',
    );
    expect(api.setWidgetOrigins).not.toHaveBeenCalled();
  });

  it("says an empty list allows any site, and shows the server's refusal", async () => {
    const api = fakeApi(['https://shop.example']);
    render(<WidgetSites api={api} />);
    await waitFor(() => expect(box().value).toBe('https://shop.example'));
    fireEvent.change(box(), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save sites' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved. Any site may show the chat.');
    fireEvent.change(box(), { target: { value: 'https://refused.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save sites' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not save: bad origin');
  });
});
