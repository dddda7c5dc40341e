import { describe, expect, it } from 'vitest';
import type { KbArticle } from '../article';
import { exportArticlesCsv, exportArticlesJson, streamArticles } from './export-articles';

const article = (i: number): KbArticle => ({
  id: `65a0000000000000000000${String(i).padStart(2, '0')}`,
  question: i % 2 ? `=cmd ${i}` : `问题 ${i}`,
  phrasings: [`ask ${i}`],
  answer: `line one\nline "two" ${i}`,
  tags: ['t'],
  locale: 'en',
  ...(i % 3 ? {} : { enabled: false }),
});

async function* batchesOf(articles: KbArticle[], size: number) {
  for (let i = 0; i < articles.length; i += size) yield articles.slice(i, i + size);
}

async function streamed(format: 'csv' | 'json', articles: KbArticle[], size: number): Promise<string> {
  let text = '';
  for await (const chunk of streamArticles(format, batchesOf(articles, size))) text += chunk;
  return text;
}

describe('streamArticles', () => {
  const articles = Array.from({ length: 11 }, (_, i) => article(i));

  it('writes, batch by batch, the same files as the whole-list functions', async () => {
    expect(await streamed('csv', articles, 4)).toBe(exportArticlesCsv(articles));
    expect(await streamed('json', articles, 4)).toBe(exportArticlesJson(articles));
    expect(await streamed('json', articles, 1)).toBe(exportArticlesJson(articles));
    expect(exportArticlesJson(articles)).toBe(
      JSON.stringify(
        {
          articles: articles.map((a) => ({
            id: a.id,
            question: a.question,
            phrasings: a.phrasings,
            answer: a.answer,
            tags: a.tags,
            locale: a.locale,
            enabled: a.enabled !== false,
          })),
        },
        null,
        2,
      ),
    );
  });

  it('writes an empty knowledge base as a header only, or an empty list', async () => {
    expect(await streamed('csv', [], 4)).toBe(exportArticlesCsv([]));
    expect(JSON.parse(await streamed('json', [], 4))).toEqual({ articles: [] });
    expect(await streamed('json', [], 4)).toBe(JSON.stringify({ articles: [] }, null, 2));
  });
});
