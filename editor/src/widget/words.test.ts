import { describe, expect, it } from 'vitest';
import { chatLang, translator } from './words';

const storage = (value: string | null) => ({ getItem: () => value });

describe('chatLang', () => {
  it("follows the visitor's choice, then ?lang=, then the browser", () => {
    expect(chatLang('', storage('en'), ['zh-CN'])).toBe('en');
    expect(chatLang('?lang=zh', storage(null), ['en-US'])).toBe('zh');
    expect(chatLang('?lang=en', storage(null), ['zh-TW'])).toBe('en');
    expect(chatLang('', storage(null), ['fr-FR', 'zh-CN', 'en'])).toBe('zh');
    expect(chatLang('', storage(null), ['fr-FR'])).toBe('en');
  });

  it('works when storage throws, as in some third-party frames', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(chatLang('', blocked, ['zh-CN'])).toBe('zh');
  });
});

describe('translator', () => {
  it('fills values into the words of each language', () => {
    expect(translator('en')('formSent', { email: 'a@b.co' })).toBe("Thanks! We'll reply to a@b.co.");
    expect(translator('zh')('stars', { n: 4 })).toBe('4 星');
  });
});
