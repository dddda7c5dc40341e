import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import type { InboxApi, Queues } from './inbox-api';
import { InboxPage } from './inbox-page';

// No server socket in a component test: the page's live updates are tested in the browser tests.
vi.mock('./agent-socket', () => ({ connectAgentSocket: () => ({ close() {} }) }));

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const empty: Queues = { unassigned: [], mine: [] };

function apiWith(queues: () => Promise<Queues>): InboxApi {
  return { queues } as unknown as InboxApi;
}

describe('the inbox queues', () => {
  it('say they are loading while the request is slow, never "Nothing waiting here"', async () => {
    let answer!: (q: Queues) => void;
    render(<InboxPage api={apiWith(() => new Promise((resolve) => (answer = resolve)))} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(screen.queryByText('Nothing waiting here.')).toBeNull();
    answer(empty);
    expect(await screen.findAllByText('Nothing waiting here.')).toHaveLength(2);
  });

  it('show an error with a retry when the request fails, and the queues after the retry', async () => {
    const queues = vi
      .fn<() => Promise<Queues>>()
      .mockRejectedValueOnce(new ApiError(500, 'KEFU_ERR_INTERNAL', 'boom'))
      .mockResolvedValue({
        unassigned: [
          { id: 'c1', contactId: 'k1', contactName: 'Lin', status: 'open', channel: 'web', unread: 1 },
        ],
        mine: [],
      });
    render(<InboxPage api={apiWith(queues)} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load.');
    expect(screen.queryByText('Nothing waiting here.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Lin')).toBeTruthy();
    expect(queues).toHaveBeenCalledTimes(2);
  });

  it('in Chinese too', async () => {
    useLang.getState().setLang('zh');
    render(<InboxPage api={apiWith(() => Promise.reject(new Error('offline')))} />);
    expect((await screen.findByRole('alert')).textContent).toContain('加载失败。');
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });
});
