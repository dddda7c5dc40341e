import { toSpreadsheetCsv } from '../../csv/spreadsheet-csv';
import type { KbArticle } from '../article';
import { csvColumns } from './parse-csv';

/**
 * Writes articles as CSV in the columns `parseArticlesCsv` reads, phrasings and tags joined
 * with "|", with a UTF-8 byte-order mark so spreadsheet programs open Chinese text correctly,
 * and formula-leading cells neutralised (toSpreadsheetCsv).
 */
export function exportArticlesCsv(articles: KbArticle[]): string {
  const rows = articles.map((a) => [
    a.id,
    a.question,
    a.phrasings.join('|'),
    a.answer,
    a.tags.join('|'),
    a.locale,
    a.enabled === false ? 'false' : 'true',
  ]);
  return '\uFEFF' + toSpreadsheetCsv([[...csvColumns], ...rows]);
}

/** Writes articles as the JSON `parseArticlesJson` reads. */
export function exportArticlesJson(articles: KbArticle[]): string {
  return JSON.stringify(
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
  );
}
