import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { Composer } from './composer';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

function renderComposer(overrides: Partial<Parameters<typeof Composer>[0]> = {}) {
  const props = {
    disabled: false,
    onReply: vi.fn(async () => {}),
    onNote: vi.fn(async () => {}),
    searchCanned: vi.fn(async () => [{ id: 'c', title: 'Greeting', text: 'Hi {{contact.name}}!' }]),
    scope: { contact: { name: 'Ann' } },
    ...overrides,
  };
  render(<Composer {...props} />);
  return props;
}

describe('composer', () => {
  it('sends a reply on Enter and clears the box; Shift+Enter does not send', async () => {
    const { onReply, onNote } = renderComposer();
    const box = screen.getByRole('textbox', { name: 'Reply to the customer' });
    fireEvent.change(box, { target: { value: 'Hello' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onReply).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(onReply).toHaveBeenCalledWith('Hello'));
    await waitFor(() => expect((box as HTMLTextAreaElement).value).toBe(''));
    expect(onNote).not.toHaveBeenCalled();
  });

  it('keeps what the agent typed while the reply was on its way', async () => {
    let arrive = () => {};
    const { onReply } = renderComposer({
      onReply: vi.fn(() => new Promise<void>((resolve) => (arrive = resolve))),
    });
    const box = screen.getByRole('textbox', { name: 'Reply to the customer' });
    fireEvent.change(box, { target: { value: 'First' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(onReply).toHaveBeenCalledWith('First'));
    fireEvent.change(box, { target: { value: 'Second, typed meanwhile' } });
    arrive();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Send' })).not.toHaveProperty('disabled', true),
    );
    expect((box as HTMLTextAreaElement).value).toBe('Second, typed meanwhile');
  });

  it('leaves an internal note in note mode, never a reply', async () => {
    const { onReply, onNote } = renderComposer();
    fireEvent.click(screen.getByRole('radio', { name: 'Internal note' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Internal note (only staff see it)' }), {
      target: { value: 'Call back tomorrow' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(onNote).toHaveBeenCalledWith('Call back tomorrow'));
    expect(onReply).not.toHaveBeenCalled();
  });

  it('keeps the text and says so when sending fails', async () => {
    renderComposer({ onReply: vi.fn(async () => Promise.reject(new Error('offline'))) });
    const box = screen.getByRole('textbox', { name: 'Reply to the customer' });
    fireEvent.change(box, { target: { value: 'Still here' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not sent. Try again.');
    expect((box as HTMLTextAreaElement).value).toBe('Still here');
  });

  it('says why a reply was refused for a sensitive word and keeps it to reword', async () => {
    const refused = new ApiError(
      422,
      'KEFU_ERR_SENSITIVE',
      'Not sent: "刷单" is in the sensitive words (fraud); reword the reply',
      'body/text',
    );
    renderComposer({ onReply: vi.fn(async () => Promise.reject(refused)) });
    const box = screen.getByRole('textbox', { name: 'Reply to the customer' });
    fireEvent.change(box, { target: { value: '可以刷单' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      '"刷单" is in the sensitive words (fraud)',
    );
    expect((box as HTMLTextAreaElement).value).toBe('可以刷单');
  });

  it('inserts a canned reply with its variables filled', async () => {
    renderComposer();
    fireEvent.click(screen.getByRole('button', { name: 'Canned replies' }));
    fireEvent.click(await screen.findByText('Greeting'));
    expect(
      (screen.getByRole('textbox', { name: 'Reply to the customer' }) as HTMLTextAreaElement).value,
    ).toBe('Hi Ann!');
  });

  it('sends nothing while disabled (not mine, or resolved)', () => {
    const { onReply } = renderComposer({ disabled: true });
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    expect(
      (screen.getByRole('textbox', { name: 'Reply to the customer' }) as HTMLTextAreaElement).disabled,
    ).toBe(true);
    expect(onReply).not.toHaveBeenCalled();
  });
});
