import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useLang } from '../flows/i18n';
import { CannedPicker, filterReplies } from './canned-picker';
import type { CannedReply } from './inbox-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const replies: CannedReply[] = [
  { id: 'c1', title: 'Greeting', shortcut: 'hello', text: 'Hi {{contact.name}}, this is {{agent.name}}.' },
  { id: 'c2', title: 'Refund policy', shortcut: 'refund', text: 'Refunds take 5 days.' },
  { id: 'c3', title: 'Goodbye', shortcut: 'bye', text: 'Thanks {{ contact.name }}! {{order.missing}}' },
];
const scope = { contact: { name: 'Ann' }, agent: { name: 'Bo' } };

function renderPicker(search = vi.fn(async (_q: string) => replies)) {
  const onPick = vi.fn();
  const onClose = vi.fn();
  render(<CannedPicker search={search} scope={scope} onPick={onPick} onClose={onClose} />);
  return { search, onPick, onClose };
}

describe('canned-reply picker', () => {
  it('lists replies with their variables filled in and inserts the one clicked', async () => {
    const { onPick } = renderPicker();
    await screen.findByText('Hi Ann, this is Bo.');
    expect(screen.getAllByRole('option')).toHaveLength(3);
    fireEvent.click(screen.getByText('Goodbye'));
    // A placeholder with no value renders empty; nothing else in the text is interpreted.
    expect(onPick).toHaveBeenCalledWith('Thanks Ann! ');
  });

  it('searches title, text and shortcut as the agent types, and asks the server with the query', async () => {
    const { search } = renderPicker();
    await screen.findByText('Greeting');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search canned replies' }), {
      target: { value: 'REFUND' },
    });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    expect(screen.getByRole('option').textContent).toContain('Refund policy');
    expect(search).toHaveBeenLastCalledWith('REFUND');
  });

  it('picks with the keyboard: arrows move, Enter inserts, Escape closes', async () => {
    const { onPick, onClose } = renderPicker();
    await screen.findByText('Greeting');
    const box = screen.getByRole('searchbox');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledWith('Refunds take 5 days.');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });

  it('shows an empty state when nothing matches and an error when the search fails', async () => {
    renderPicker(vi.fn(async () => []));
    await screen.findByText('No canned reply matches.');
    cleanup();
    renderPicker(vi.fn(async () => Promise.reject(new Error('offline'))));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load.');
  });

  it('keeps values with markup as text in the preview', async () => {
    const search = vi.fn(async () => [{ id: 'x', title: 'X', text: 'Hello {{contact.name}}' }]);
    const onPick = vi.fn();
    render(
      <CannedPicker
        search={search}
        scope={{ contact: { name: '<b>Ann</b>' } }}
        onPick={onPick}
        onClose={() => {}}
      />,
    );
    const preview = await screen.findByText('Hello <b>Ann</b>');
    expect(preview.querySelector('b')).toBeNull();
  });
});

describe('filterReplies', () => {
  it('matches case-insensitively on any field and keeps all for an empty query', () => {
    expect(filterReplies(replies, '  ').map((r) => r.id)).toEqual(['c1', 'c2', 'c3']);
    expect(filterReplies(replies, 'BYE').map((r) => r.id)).toEqual(['c3']);
    expect(filterReplies(replies, '5 days').map((r) => r.id)).toEqual(['c2']);
    expect(filterReplies(replies, 'nothing like it')).toEqual([]);
  });
});
