import { describe, expect, it } from 'vitest';
import type { KbArticle } from '../article';
import { exportArticlesCsv, exportArticlesJson } from './export-articles';
import { parseArticlesCsv } from './parse-csv';
import { parseArticlesJson } from './parse-json';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseArticlesJson', () => {
  it('reports each bad item by position and keeps the good ones', () => {
    const file = JSON.stringify([
      {
        question: 'How do I return an item?',
        answer: 'Within 7 days.',
        phrasings: ['Return policy?'],
        locale: 'en',
      }, // 1
      { question: 'Refund time?', answer: '   ', locale: 'en' }, // 2 empty answer
      'not an object', // 3
      { question: 'Shipping?', answer: 'Two days.', colour: 'red' }, // 4 unknown field
      { question: 42, answer: 'x' }, // 5 wrong type
      { question: 'Tags?', answer: 'x', tags: [1, 2] }, // 6 bad tags
      { question: 'HOW DO I RETURN AN ITEM', answer: 'dup' }, // 7 duplicate
      { question: '发票', answer: '可以开。', tags: '发票|售后', enabled: false }, // 8 good
    ]);
    const r = parseArticlesJson(utf8(file), { defaultLocale: 'zh-CN' });
    expect(r.articles.map((a) => a.row)).toEqual([1, 8]);
    expect(r.articles[1]!.article).toEqual({
      question: '发票',
      phrasings: [],
      answer: '可以开。',
      tags: ['发票', '售后'],
      locale: 'zh-CN',
      enabled: false,
    });
    expect(r.problems.map((p) => [p.row, p.code, p.field])).toEqual([
      [2, 'empty-answer', 'answer'],
      [3, 'invalid', undefined],
      [4, 'columns', 'colour'],
      [5, 'invalid', 'question'],
      [6, 'invalid', 'tags'],
      [7, 'duplicate', 'question'],
    ]);
  });

  it('refuses invalid JSON, the wrong shape and UTF-16 as a whole', () => {
    expect(parseArticlesJson(utf8('[{"question": "a",'))).toMatchObject({
      articles: [],
      problems: [{ row: null, code: 'syntax' }],
    });
    expect(parseArticlesJson(utf8('{"items": []}'))).toMatchObject({
      articles: [],
      problems: [{ row: null, code: 'columns' }],
    });
    expect(parseArticlesJson(new Uint8Array([0xfe, 0xff, 0, 0x5b, 0, 0x5d]))).toMatchObject({
      problems: [{ row: null, code: 'encoding' }],
    });
  });
});

describe('export', () => {
  const articles: KbArticle[] = [
    {
      id: 'a1',
      question: '怎么退货？',
      phrasings: ['能退吗', '七天无理由吗'],
      answer: '签收后 7 天内，可以"无理由"退货。\n运费自理。',
      tags: ['退货'],
      locale: 'zh-CN',
    },
    {
      id: 'a2',
      question: 'Opening hours?',
      phrasings: [],
      answer: '10:00–21:00, every day.',
      tags: ['hours', 'store'],
      locale: 'en',
      enabled: false,
    },
  ];
  const expected = articles.map((a) => ({ ...a, enabled: a.enabled !== false }));

  it('writes CSV that imports back to the same articles', () => {
    const csv = exportArticlesCsv(articles);
    expect(csv.startsWith('\uFEFFid,question,phrasings,answer,tags,locale,enabled')).toBe(true);
    const r = parseArticlesCsv(utf8(csv));
    expect(r.problems).toEqual([]);
    expect(r.articles.map((a) => a.article)).toEqual(expected);
  });

  it('writes JSON that imports back to the same articles', () => {
    const r = parseArticlesJson(utf8(exportArticlesJson(articles)));
    expect(r.problems).toEqual([]);
    expect(r.articles.map((a) => a.article)).toEqual(expected);
  });
});
