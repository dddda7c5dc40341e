import { describe, expect, it } from 'vitest';
import type { KbArticle } from './article';
import { createMatcher, DEFAULT_THRESHOLD } from './matcher';

const article = (
  id: string,
  locale: string,
  question: string,
  phrasings: string[],
  answer: string,
): KbArticle => ({
  id,
  locale,
  question,
  phrasings,
  answer,
  tags: [],
});

const kb: KbArticle[] = [
  article(
    'returns-en',
    'en',
    'How do I return an item?',
    ['What is your return policy?', 'Can I send it back?'],
    'Return unworn items within 7 days.',
  ),
  article(
    'refunds-en',
    'en',
    'When will I get my refund?',
    ['How long does a refund take?'],
    'Refunds reach you within 5 business days.',
  ),
  article(
    'shipping-en',
    'en',
    'How long does shipping take?',
    ['When will my order arrive?'],
    'Orders arrive in 2-4 days.',
  ),
  article(
    'invoice-en',
    'en',
    'Can I get an invoice?',
    ['I need a receipt for my company'],
    'Request an invoice on the order page.',
  ),
  article(
    'returns-zh',
    'zh-CN',
    '怎么退货？',
    ['支持七天无理由退货吗？', '衣服不喜欢可以退吗？'],
    '签收后 7 天内可以无理由退货。',
  ),
  article(
    'shipping-cost-zh',
    'zh-CN',
    '运费怎么算？',
    ['满多少包邮？', '邮费多少钱？'],
    '满 99 元包邮，不满收 8 元运费。',
  ),
  article('invoice-zh', 'zh-CN', '可以开发票吗？', ['电子发票在哪里下载？'], '确认收货后在订单页申请开票。'),
];

describe('createMatcher', () => {
  const matcher = createMatcher(kb);

  it('answers a paraphrase with the right article and a confidence in [0, 1]', () => {
    const r = matcher.match('what is the policy for returning things?');
    expect(r.answer?.article.id).toBe('returns-en');
    expect(r.answer!.confidence).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(r.answer!.confidence).toBeLessThanOrEqual(1);
  });

  it('tolerates English typos: a swapped pair and a wrong letter', () => {
    expect(matcher.match('how do i retrun an item').answer?.article.id).toBe('returns-en');
    expect(matcher.match('can i get an invoise').answer?.article.id).toBe('invoice-en');
  });

  it('tolerates Chinese homophone typos from pinyin input', () => {
    expect(matcher.match('运废多少').answer?.article.id).toBe('shipping-cost-zh');
    expect(matcher.match('能开发漂吗').answer?.article.id).toBe('invoice-zh');
  });

  it('answers in the language of the message', () => {
    expect(matcher.match('我要退货').answer?.article.id).toBe('returns-zh');
    expect(matcher.match('I want to return it').answer?.article.id).toBe('returns-en');
  });

  it('falls below the threshold on a question the knowledge base does not cover, with suggestions', () => {
    const r = matcher.match('do you sell phone cases for my return trip');
    expect(r.answer).toBeNull();
    expect(r.best).not.toBeNull();
    expect(r.best!.confidence).toBeLessThan(DEFAULT_THRESHOLD);
    expect(r.suggestions[0]?.article.id).toBe(r.best!.article.id);
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(r.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('lists the next best articles as suggestions after an answer, without repeating it', () => {
    const r = createMatcher(kb, { suggestions: 2 }).match('how long does a refund take after a return', {
      threshold: 0,
    });
    expect(r.answer).not.toBeNull();
    expect(r.suggestions.map((c) => c.article.id)).not.toContain(r.answer!.article.id);
    expect(r.suggestions.length).toBeLessThanOrEqual(2);
  });

  it('is less sure when two articles fit the message equally', () => {
    const clear = matcher.match('how long does a refund take').best!;
    const torn = matcher.match('refund return').best!;
    expect(torn.confidence).toBeLessThan(clear.confidence);
    expect(torn.evidence.runnerUp).toBeGreaterThan(clear.evidence.runnerUp ?? 0);
  });

  it('honours a threshold set by the owner, per matcher or per call', () => {
    const text = 'when does my stuff come';
    const confidence = matcher.match(text).best!.confidence;
    expect(createMatcher(kb, { threshold: confidence }).match(text).answer).not.toBeNull();
    expect(createMatcher(kb, { threshold: confidence + 0.001 }).match(text).answer).toBeNull();
    expect(matcher.match(text, { threshold: 0 }).answer).not.toBeNull();
  });

  it('finds nothing in greetings, stop words and empty text', () => {
    for (const text of ['', '   ', 'hi', 'thanks!', '你好', '？？？']) {
      expect(matcher.match(text)).toEqual({ answer: null, best: null, suggestions: [] });
    }
  });

  it('never matches a disabled article', () => {
    const disabled = kb.map((a) => (a.id === 'returns-en' ? { ...a, enabled: false } : a));
    const r = createMatcher(disabled).match('how do I return an item');
    expect(r.best?.article.id).not.toBe('returns-en');
    expect(r.suggestions.map((c) => c.article.id)).not.toContain('returns-en');
  });

  it('answers from another language when the workspace has none in the message language', () => {
    const zhOnly = kb.filter((a) => a.locale.startsWith('zh'));
    expect(createMatcher(zhOnly).match('invoice 发票').best?.article.id).toBe('invoice-zh');
  });

  it('works on an empty knowledge base', () => {
    expect(createMatcher([]).match('how do I return')).toEqual({ answer: null, best: null, suggestions: [] });
  });
});
