import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { useLang } from '../flows/i18n';
import type { ThreadMessage } from './inbox-api';
import { MessageThread } from './message-thread';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();
const thread: ThreadMessage[] = [
  { id: 'm1', author: 'customer', text: 'Where is my order?', createdAt: at(0) },
  { id: 'm2', author: 'bot', text: 'Let me find a teammate.', createdAt: at(1) },
  { id: 'n1', author: 'note', text: 'VIP customer, be quick', createdAt: at(2), authorId: 'u-me' },
  { id: 'm3', author: 'agent', text: 'Hi, I am on it.', createdAt: at(3), authorId: 'u-me' },
  { id: 'm4', author: 'agent', text: 'Colleague here.', createdAt: at(4), authorId: 'u-other' },
];

describe('message thread', () => {
  it('shows each message once, in order, marked with who wrote it', () => {
    render(<MessageThread messages={thread} meId="u-me" />);
    const items = within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    const bubbles = items.filter((li) => li.dataset.author);
    expect(bubbles.map((li) => li.dataset.author)).toEqual(['customer', 'bot', 'note', 'agent', 'agent']);
    expect(bubbles.map((li) => li.querySelector('.bubble-text')?.textContent)).toEqual(
      thread.map((m) => m.text),
    );
    expect(bubbles.map((li) => li.querySelector('.bubble-who')?.textContent)).toEqual([
      'Customer',
      'Bot',
      'Internal note · you',
      'Agent · you',
      'Agent',
    ]);
    // Notes look different from replies: their own class, which the stylesheet draws dashed yellow.
    expect(bubbles[2]!.className).toContain('bubble-note');
    expect(bubbles[3]!.className).toContain('bubble-agent');
  });

  it('renders markup in a message as text: no element is created, nothing runs', () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>bold</b>';
    render(<MessageThread messages={[{ id: 'x', author: 'customer', text: payload, createdAt: at(0) }]} />);
    const bubble = screen.getByText(payload);
    expect(bubble.textContent).toBe(payload);
    expect(bubble.querySelector('img, script, b')).toBeNull();
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('marks a message that held sensitive words with their categories', () => {
    render(
      <MessageThread
        messages={[
          { id: 'x', author: 'customer', text: '淘宝更便宜', createdAt: at(0), sensitive: ['competitor'] },
          { id: 'y', author: 'customer', text: 'thanks', createdAt: at(1) },
        ]}
      />,
    );
    const [flagged, plain] = within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    expect(flagged!.querySelector('.bubble-flag')?.textContent).toBe('Sensitive word: competitor');
    expect(plain!.querySelector('.bubble-flag')).toBeNull();
  });

  it('says so when there is nothing yet, in the chosen language', () => {
    useLang.getState().setLang('zh');
    render(<MessageThread messages={[]} />);
    expect(screen.getByText('还没有消息。')).toBeTruthy();
  });
});
