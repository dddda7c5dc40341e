import {
  checkRows,
  type ImportOptions,
  type ImportProblem,
  type ImportReport,
  type RawRow,
} from './article-rows';
import { fromSpreadsheetCell } from '../../csv/spreadsheet-csv';
import { readCsvRecords } from './csv-records';
import { decodeText } from './decode-text';

/** The columns of an article CSV, with the header names owners may also use. */
export const csvColumns = ['id', 'question', 'phrasings', 'answer', 'tags', 'locale', 'enabled'] as const;
type Column = (typeof csvColumns)[number];
const required: Column[] = ['question', 'answer'];
const aliases: Record<string, Column> = {
  问题: 'question',
  标题: 'question',
  相似问法: 'phrasings',
  其他问法: 'phrasings',
  答案: 'answer',
  回答: 'answer',
  标签: 'tags',
  语言: 'locale',
  启用: 'enabled',
};

/**
 * Parses an uploaded CSV of articles (pure: bytes in, report out). One article per record;
 * phrasings and tags are separated by "|" or new lines inside their cell. Good rows are kept
 * and every bad one is reported with its line and why; a file whose header lacks a required
 * column, or that is not UTF-8, is refused as a whole.
 */
export function parseArticlesCsv(bytes: Uint8Array, options: ImportOptions = {}): ImportReport {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return refused('encoding', decoded.message);

  const problems: ImportProblem[] = [];
  const read = readCsvRecords(decoded.text);
  if (!read.ok) return refused('syntax', read.message);
  const { records } = read;
  problems.push(...read.problems);

  const header = records.shift();
  if (!header) return refused('columns', 'the file is empty');
  const columns = header.fields.map((name) => {
    const key = name.trim().toLowerCase();
    if ((csvColumns as readonly string[]).includes(key)) return key as Column;
    // Own keys only: `constructor` is a key of every object, not a column.
    return Object.hasOwn(aliases, name.trim()) ? aliases[name.trim()] : undefined;
  });
  header.fields.forEach((name, i) => {
    if (!columns[i])
      problems.push({
        row: header.line,
        field: name,
        code: 'columns',
        message: `unknown column "${name}" is ignored`,
      });
  });
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length) {
    return refused(
      'columns',
      `the header must have ${missing.map((c) => `"${c}"`).join(' and ')} (columns: ${csvColumns.join(', ')})`,
      [...problems],
    );
  }
  const repeated = columns.find((c, i) => c && columns.indexOf(c) !== i);
  if (repeated) return refused('columns', `the column "${repeated}" appears twice in the header`, problems);

  const rows: RawRow[] = [];
  for (const { fields, line } of records) {
    if (fields.length !== header.fields.length) {
      problems.push({
        row: line,
        code: 'columns',
        message: `${fields.length} columns where the header has ${header.fields.length} (an unquoted comma?)`,
      });
      continue;
    }
    const raw: RawRow = { row: line };
    columns.forEach((c, i) => {
      // An export prefixed formula-leading cells (an answer that starts with "- "): read them back.
      if (c) raw[c] = fromSpreadsheetCell(fields[i]!);
    });
    rows.push(raw);
  }
  const checked = checkRows(rows, options);
  return { articles: checked.articles, problems: sortByRow([...problems, ...checked.problems]) };
}

function refused(code: ImportProblem['code'], message: string, problems: ImportProblem[] = []): ImportReport {
  return { articles: [], problems: [...problems, { row: null, code, message }] };
}

function sortByRow(problems: ImportProblem[]): ImportProblem[] {
  return problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
