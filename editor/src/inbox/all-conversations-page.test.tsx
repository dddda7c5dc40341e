import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { AllConversation, InboxConversation, Page, Run } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import type { AllConversationsApi, ConversationFilter } from './all-conversations-api';
import { AllConversationsPage } from './all-conversations-page';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const at = '2026-12-07T08:00:00.000Z';
const row = (
  id: string,
  name: string,
  state: AllConversation['state'],
  channel: AllConversation['channel'] = 'web',
): AllConversation => ({
  id,
  contact: { id: `k-${id}`, name },
  channel,
  status: state === 'closed' ? 'closed' : 'open',
  state,
  unread: 0,
  lastMessage: { author: 'customer', text: `hello from ${name}`, createdAt: at },
  lastMessageAt: at,
  createdAt: at,
});
const page = (items: AllConversation[]): Page<AllConversation> => ({ items, nextCursor: null });

function fakeApi(list: AllConversationsApi['list']): AllConversationsApi {
  return {
    list,
    teams: async () => [{ id: 't1', name: 'Support' }],
    conversation: async (id) => ({ ...row(id, 'Lin', 'bot') }) as InboxConversation,
    messages: async () => [
      { id: 'm1', author: 'customer', text: 'Where is my parcel?', createdAt: at },
      { id: 'm2', author: 'bot', text: 'It left the warehouse today.', createdAt: at },
    ],
    runs: async (): Promise<Run[]> => [
      {
        id: 'run-1',
        flowId: 'f'.repeat(24),
        version: 3,
        status: 'running',
        startedAt: at,
        currentNodeId: 'ask',
        steps: 4,
      },
    ],
  };
}

describe('all conversations', () => {
  it('shows a loading state while the list is slow, not an empty list', async () => {
    let answer!: (p: Page<AllConversation>) => void;
    render(<AllConversationsPage api={fakeApi(() => new Promise((resolve) => (answer = resolve)))} />);
    expect(screen.getByRole('status').textContent).toBe('Loading conversations…');
    expect(screen.queryByText('No conversations yet.')).toBeNull();
    answer(page([]));
    expect(await screen.findByText('No conversations yet.')).toBeTruthy();
  });

  it('shows an error with a retry when the list fails, then the rows', async () => {
    const list = vi
      .fn<AllConversationsApi['list']>()
      .mockRejectedValueOnce(new ApiError(500, 'KEFU_ERR_INTERNAL', 'boom'))
      .mockResolvedValue(page([row('a'.repeat(24), 'Lin', 'bot')]));
    render(<AllConversationsPage api={fakeApi(list)} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load the conversations.');
    expect(screen.queryByText('No conversations yet.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    const rows = await screen.findByRole('list', { name: 'Conversations' });
    expect(within(rows).getByText('Lin')).toBeTruthy();
    expect(within(rows).getByText('With the bot')).toBeTruthy();
  });

  it('asks the API again for each filter and says when nothing matches', async () => {
    const list = vi.fn(async (filter: ConversationFilter) =>
      page(filter.state === 'closed' ? [] : [row('b'.repeat(24), 'Mei', 'waiting', 'email')]),
    );
    render(<AllConversationsPage api={fakeApi(list)} />);
    await screen.findByText('Mei');
    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'email' } });
    await vi.waitFor(() =>
      expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ channel: 'email' }), undefined),
    );
    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'closed' } });
    expect(await screen.findByText('No conversation matches these filters.')).toBeTruthy();
    expect(list).toHaveBeenLastCalledWith(
      expect.objectContaining({ channel: 'email', state: 'closed' }),
      undefined,
    );
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: 't1' } });
    await vi.waitFor(() =>
      expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ teamId: 't1' }), undefined),
    );
  });

  it('opens a transcript read only, with its flow runs', async () => {
    const id = 'c'.repeat(24);
    render(<AllConversationsPage api={fakeApi(async () => page([row(id, 'Lin', 'bot')]))} selectedId={id} />);
    const transcript = await screen.findByRole('region', { name: 'Transcript' });
    expect(await within(transcript).findByText('It left the warehouse today.')).toBeTruthy();
    expect(within(transcript).queryByRole('textbox')).toBeNull();
    expect(within(transcript).getByRole('link', { name: 'Open in the inbox' }).getAttribute('href')).toBe(
      `#/inbox/${id}`,
    );
    const run = await within(transcript).findByRole('link', { name: /Run v3/ });
    expect(run.getAttribute('href')).toBe(`/designer/#/flow/${'f'.repeat(24)}/run/run-1`);
  });

  it('in Chinese: loading, failure and the filters', async () => {
    useLang.getState().setLang('zh');
    render(<AllConversationsPage api={fakeApi(() => Promise.reject(new Error('offline')))} />);
    expect(screen.getByRole('status').textContent).toBe('正在加载会话…');
    expect((await screen.findByRole('alert')).textContent).toContain('会话加载失败。');
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
    expect(screen.getByLabelText('渠道')).toBeTruthy();
  });
});
