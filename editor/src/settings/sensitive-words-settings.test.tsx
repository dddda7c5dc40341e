import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { SensitiveWords } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { SensitiveWordsSettings } from './sensitive-words-settings';
import type { SensitiveWordsApi } from './sensitive-words-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const stored: SensitiveWords = {
  categories: [{ key: 'abuse', name: 'Abuse', action: 'mask' }],
  words: [
    { text: '傻逼', category: 'abuse' },
    { text: 'fuck', category: 'abuse' },
  ],
};

function fakeApi(over: Partial<SensitiveWordsApi> = {}): SensitiveWordsApi {
  return {
    list: vi.fn(async () => stored),
    save: vi.fn(async (list: SensitiveWords) => list),
    check: vi.fn(async (text: string) => ({
      text: text.replace('傻逼', '＊＊'),
      blocked: null,
      categories: ['abuse'],
      hits: [{ word: '傻逼', category: 'abuse', start: 0, end: 2 }],
    })),
    ...over,
  };
}

describe('sensitive words settings', () => {
  it('says it is loading while the list is on its way', () => {
    render(<SensitiveWordsSettings api={fakeApi({ list: () => new Promise(() => {}) })} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
  });

  it('offers a retry when the list cannot be read', async () => {
    const list = vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue(stored);
    render(<SensitiveWordsSettings api={fakeApi({ list })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByDisplayValue('Abuse')).toBeTruthy();
  });

  it('shows each category with its words, and saves a new category with words split by lines and commas', async () => {
    const api = fakeApi();
    render(<SensitiveWordsSettings api={api} />);
    const words = (await screen.findAllByRole('textbox', { name: /Words/ }))[0] as HTMLTextAreaElement;
    expect(words.value).toBe('傻逼\nfuck');
    fireEvent.click(screen.getByRole('button', { name: 'Add category' }));
    const second = screen.getAllByRole('group')[1]!;
    fireEvent.change(within(second).getByRole('textbox', { name: 'Name' }), { target: { value: 'Fraud' } });
    fireEvent.change(within(second).getByRole('textbox', { name: /Key/ }), { target: { value: 'Fraud' } });
    fireEvent.change(within(second).getByRole('combobox', { name: 'When found' }), {
      target: { value: 'block' },
    });
    fireEvent.change(within(second).getByRole('textbox', { name: /Words/ }), {
      target: { value: '刷单，套现\n  返利 ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save sensitive words' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(api.save).toHaveBeenCalledWith({
      categories: [
        { key: 'abuse', name: 'Abuse', action: 'mask' },
        { key: 'fraud', name: 'Fraud', action: 'block' },
      ],
      words: [
        { text: '傻逼', category: 'abuse' },
        { text: 'fuck', category: 'abuse' },
        { text: '刷单', category: 'fraud' },
        { text: '套现', category: 'fraud' },
        { text: '返利', category: 'fraud' },
      ],
    });
  });

  it('places a refusal on the category it is about and keeps what was typed', async () => {
    const save = vi.fn(async () => {
      throw new ApiError(400, 'KEFU_ERR_VALIDATION', '"**" has no letter or digit', 'body/words/2/text');
    });
    render(<SensitiveWordsSettings api={fakeApi({ save })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add category' }));
    const second = screen.getAllByRole('group')[1]!;
    fireEvent.change(within(second).getByRole('textbox', { name: 'Name' }), { target: { value: 'Spam' } });
    fireEvent.change(within(second).getByRole('textbox', { name: /Words/ }), { target: { value: '**' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save sensitive words' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Not saved: Spam: a word needs a letter or a digit.',
    );
    expect(second.getAttribute('aria-invalid')).toBe('true');
    expect((within(second).getByRole('textbox', { name: /Words/ }) as HTMLTextAreaElement).value).toBe('**');
  });

  it('tries a message against the saved list', async () => {
    const api = fakeApi();
    render(<SensitiveWordsSettings api={api} />);
    fireEvent.change(await screen.findByRole('textbox', { name: 'Try a message' }), {
      target: { value: '傻逼客服' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect((await screen.findByText('＊＊客服')).tagName).toBe('DD');
    expect(screen.getByText('傻逼 (abuse)')).toBeTruthy();
  });
});
