import { toSpreadsheetCsv } from '../../csv/spreadsheet-csv';
import type { KbArticle } from '../article';
import { csvColumns } from './parse-csv';

/**
 * Writes articles as CSV in the columns `parseArticlesCsv` reads, phrasings and tags joined
 * with "|", with a UTF-8 byte-order mark so spreadsheet programs open Chinese text correctly,
 * and formula-leading cells neutralised (toSpreadsheetCsv).
 */
export function exportArticlesCsv(articles: KbArticle[]): string {
  return csvHeader() + csvRows(articles);
}

/** Writes articles as the JSON `parseArticlesJson` reads. */
export function exportArticlesJson(articles: KbArticle[]): string {
  return jsonHead() + articles.map((a, i) => jsonItem(a, i === 0)).join('') + jsonTail(articles.length > 0);
}

/**
 * The same files, written batch by batch as they are read (the route's paced cursor): memory holds
 * one batch whatever the size of the knowledge base. The text is the same as the functions above
 * write for the same articles.
 */
export async function* streamArticles(
  format: 'csv' | 'json',
  batches: AsyncIterable<KbArticle[]>,
): AsyncGenerator<string> {
  yield format === 'csv' ? csvHeader() : jsonHead();
  let first = true;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    if (format === 'csv') yield csvRows(batch);
    else {
      yield batch.map((a, i) => jsonItem(a, first && i === 0)).join('');
      first = false;
    }
  }
  if (format === 'json') yield jsonTail(!first);
}

const csvHeader = () => '\uFEFF' + toSpreadsheetCsv([[...csvColumns]]);

function csvRows(articles: KbArticle[]): string {
  if (articles.length === 0) return '';
  return toSpreadsheetCsv(
    articles.map((a) => [
      a.id,
      a.question,
      a.phrasings.join('|'),
      a.answer,
      a.tags.join('|'),
      a.locale,
      a.enabled === false ? 'false' : 'true',
    ]),
  );
}

// `{ "articles": [...] }` as JSON.stringify(value, null, 2) writes it, one article at a time.
const jsonHead = () => '{\n  "articles": [';
const jsonTail = (any: boolean) => (any ? '\n  ]\n}' : ']\n}');

function jsonItem(a: KbArticle, first: boolean): string {
  const item = {
    id: a.id,
    question: a.question,
    phrasings: a.phrasings,
    answer: a.answer,
    tags: a.tags,
    locale: a.locale,
    enabled: a.enabled !== false,
  };
  return `${first ? '\n' : ',\n'}${JSON.stringify(item, null, 2).replace(/^/gm, '    ')}`;
}
