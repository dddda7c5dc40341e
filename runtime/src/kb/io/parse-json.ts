import { checkRows, type ImportOptions, type ImportReport, type RawRow } from './article-rows';
import { decodeText } from './decode-text';

/**
 * Parses an uploaded JSON file of articles (pure): either a list of articles or
 * `{ "articles": [...] }` as `exportArticlesJson` writes it. Fields as in the CSV, with
 * phrasings and tags as lists (or "|"-separated text). Items are checked one by one; syntax
 * errors and a wrong encoding refuse the whole file, since no item can be trusted then.
 */
export function parseArticlesJson(bytes: Uint8Array, options: ImportOptions = {}): ImportReport {
  const decoded = decodeText(bytes);
  if (!decoded.ok)
    return { articles: [], problems: [{ row: null, code: 'encoding', message: decoded.message }] };
  let data: unknown;
  try {
    data = JSON.parse(decoded.text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return {
      articles: [],
      problems: [{ row: null, code: 'syntax', message: `not valid JSON: ${(err as Error).message}` }],
    };
  }
  const list = Array.isArray(data)
    ? data
    : isObject(data) && Array.isArray(data.articles)
      ? data.articles
      : undefined;
  if (!list) {
    return {
      articles: [],
      problems: [
        { row: null, code: 'columns', message: 'expected a list of articles or { "articles": [...] }' },
      ],
    };
  }
  const problems: ImportReport['problems'] = [];
  const rows: RawRow[] = [];
  list.forEach((item: unknown, i: number) => {
    const row = i + 1;
    if (!isObject(item)) {
      problems.push({ row, code: 'invalid', message: 'each article must be an object' });
      return;
    }
    const unknown = Object.keys(item).filter((k) => !known.has(k));
    if (unknown.length) {
      problems.push({
        row,
        field: unknown[0],
        code: 'columns',
        message: `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`,
      });
      return;
    }
    rows.push({ row, ...item });
  });
  const checked = checkRows(rows, options);
  return {
    articles: checked.articles,
    problems: [...problems, ...checked.problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
  };
}

const known = new Set(['id', 'question', 'phrasings', 'answer', 'tags', 'locale', 'enabled']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
