import { describe, expect, it } from 'vitest';
import { SENSITIVE_WORDS_MAX, type SensitiveWords } from '@kefu/schemas/api';
import { compileSensitiveWords } from './sensitive-matcher';

const list: SensitiveWords = {
  categories: [
    { key: 'abuse', name: 'Abuse', action: 'mask' },
    { key: 'fraud', name: 'Fraud', action: 'block' },
    { key: 'competitor', name: 'Competitors', action: 'flag' },
  ],
  words: [
    { text: 'fuck', category: 'abuse' },
    { text: 'ass', category: 'abuse' },
    { text: '傻逼', category: 'abuse' },
    { text: '刷单', category: 'fraud' },
    { text: 'wire me', category: 'fraud' },
    { text: '淘宝', category: 'competitor' },
    { text: 'ghost', category: 'nowhere' },
  ],
};
const screener = compileSensitiveWords(list);
const screen = (text: string) => screener.screen(text);

describe('sensitive words', () => {
  it('masks a word where it was typed and leaves the rest as written', () => {
    expect(screen('What the fuck, my order?')).toMatchObject({
      text: 'What the ＊＊＊＊, my order?',
      blocked: null,
      categories: ['abuse'],
    });
    expect(screen('你个傻逼客服').text).toBe('你个＊＊客服');
  });

  it('sees through spaces, symbols, full-width letters, case and invisible characters put in a word', () => {
    for (const evasion of [
      'f u c k',
      'F.U.C.K',
      'ｆｕｃｋ',
      'Fu\u200bck',
      'f-u_c*k',
      '傻 逼',
      '傻😀逼',
      '傻.逼',
    ]) {
      const result = screen(`you ${evasion} off`);
      expect(result.categories, evasion).toEqual(['abuse']);
      expect(result.text, evasion).not.toContain(evasion);
      expect(result.text, evasion).toMatch(/^you .*＊.* off$/);
    }
    expect(screen('f.u.c.k').text).toBe('＊.＊.＊.＊');
  });

  it('finds Latin words only as whole words, Chinese words anywhere', () => {
    expect(screen('a classic class assignment').categories).toEqual([]);
    expect(screen('kiss my ass!').categories).toEqual(['abuse']);
    expect(screen('在淘宝上买的').categories).toEqual(['competitor']);
  });

  it('blocks for a blocking category and says which, and flags without changing the text', () => {
    expect(screen('可以帮我刷单吗')).toMatchObject({ blocked: 'fraud', categories: ['fraud'] });
    expect(screen('just WIRE  ME the money').blocked).toBe('fraud');
    const flagged = screen('淘宝更便宜');
    expect(flagged).toMatchObject({ text: '淘宝更便宜', blocked: null, categories: ['competitor'] });
  });

  it('gives each hit with its offsets in the text as written, emoji included', () => {
    const text = '😀😀 傻逼 and 淘宝';
    const { hits } = screen(text);
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['傻逼', '淘宝']);
    expect(hits.map((h) => h.category)).toEqual(['abuse', 'competitor']);
  });

  it('ignores words of a category the list does not have, and an empty list finds nothing', () => {
    expect(screen('boo, a ghost').categories).toEqual([]);
    const empty = compileSensitiveWords({ categories: [], words: [] });
    expect(empty.screen('fuck 傻逼')).toEqual({ text: 'fuck 傻逼', blocked: null, categories: [], hits: [] });
  });

  it('reads a long message against a long list once', () => {
    const words = Array.from({ length: SENSITIVE_WORDS_MAX - 1 }, (_, i) => ({
      text: `w${i}x${i % 97}`,
      category: 'abuse',
    }));
    const big = compileSensitiveWords({
      categories: list.categories,
      words: [...words, { text: '傻逼', category: 'abuse' }],
    });
    const message = `${'正常的话 '.repeat(800)}傻逼 w9998x7`;
    expect(big.screen(message).categories).toEqual(['abuse']);
    expect(big.screen(message).hits).toHaveLength(2);
  });
});
