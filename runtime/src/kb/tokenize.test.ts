import { describe, expect, it } from 'vitest';
import { analyze, guessLanguage, normalize } from './tokenize';

const terms = (text: string, kind?: string) =>
  analyze(text)
    .tokens.filter((t) => !kind || t.kind === kind)
    .map((t) => t.term);

describe('analyze: Chinese', () => {
  it('segments Chinese without spaces into dictionary words', () => {
    const words = terms('运费多少钱', 'word');
    expect(words).toContain('运费');
    expect(words).not.toContain('运');
  });

  it('adds Han bigrams so a word the segmenter splits (退|货) still matches', () => {
    expect(terms('退货要多久', 'word')).not.toContain('退货');
    expect(terms('退货要多久', 'bigram')).toContain('退货');
  });

  it('adds the toneless pinyin of each bigram, so homophone typos share a term', () => {
    expect(terms('退或', 'sound')).toEqual(terms('退货', 'sound'));
    expect(terms('运废', 'sound')).toEqual(['#yunfei']);
    expect(terms('退货', 'sound')).not.toEqual(terms('换货', 'sound'));
  });

  it('drops grammar words that carry no intent', () => {
    const words = terms('请问你们可以开发票吗', 'word');
    for (const w of ['请问', '你们', '可以', '吗']) expect(words).not.toContain(w);
  });

  it('keeps the right word through a wrong segmentation (开发|票) by its bigram', () => {
    expect(terms('可以开发票吗', 'word')).not.toContain('发票');
    expect(terms('可以开发票吗')).toContain('发票');
  });
});

describe('analyze: English', () => {
  it('lower-cases, drops stop words and stems', () => {
    expect(terms('How do I RETURN my Shoes?')).toEqual(['return', 'shoe']);
    expect(terms('shipping')).toEqual(terms('shipped'));
  });

  it('folds full-width letters and curly apostrophes', () => {
    expect(normalize('ＶＩＰ')).toBe('vip');
    expect(terms('I don’t have it')).toEqual([]);
  });

  it('ignores order numbers and other bare digits', () => {
    expect(terms('order 88123')).toEqual(['order']);
  });
});

describe('analyze: mixed Chinese and English', () => {
  it('keeps both scripts with their own treatment', () => {
    const t = terms('我想return这件外套');
    expect(t).toContain('return');
    expect(t).toContain('外套');
  });

  it('guesses the language from the grammar words, then from word counts', () => {
    expect(guessLanguage(analyze('可以machine wash吗'))).toBe('zh');
    expect(guessLanguage(analyze('Do you accept 微信支付'))).toBe('en');
    expect(guessLanguage(analyze('退货address'))).toBe('zh');
    expect(guessLanguage(analyze('refund status'))).toBe('en');
    expect(guessLanguage(analyze('12345'))).toBe('en');
  });
});

describe('analyze: traditional Chinese', () => {
  it('drops traditional grammar words and shares sounds with the simplified forms', () => {
    expect(terms('可以開發票嗎', 'word')).not.toContain('嗎');
    expect(terms('退貨', 'sound')).toEqual(terms('退货', 'sound'));
    expect(guessLanguage(analyze('請問can I 退貨嗎'))).toBe('zh');
  });
});
