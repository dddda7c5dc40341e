import { unsafeTextProblem } from '@kefu/schemas/validate';
import { questionKey, type KbArticle } from '../article';

/** An article as imported: the id is optional (storage assigns one) and enabled is explicit. */
export type ArticleInput = Omit<KbArticle, 'id' | 'enabled'> & { id?: string; enabled: boolean };

export interface ImportProblem {
  /**
   * Where: for CSV the file line the record ends on (the header is line 1), for JSON the
   * 1-based position in the article list; null when the whole file is refused.
   */
  row: number | null;
  /** The column or property at fault, when there is one. */
  field?: string;
  code: 'encoding' | 'syntax' | 'columns' | 'missing' | 'empty-answer' | 'duplicate' | 'invalid';
  message: string;
}

export interface ImportReport {
  articles: Array<{ row: number; article: ArticleInput }>;
  problems: ImportProblem[];
}

export interface ImportOptions {
  /** Locale for rows that do not give one. */
  defaultLocale?: string;
  /** Questions already in the workspace: importing them again is reported as a duplicate. */
  existingQuestions?: Iterable<string>;
}

/** Raw field values of one row/item, before checking. */
export interface RawRow {
  row: number;
  id?: unknown;
  question?: unknown;
  phrasings?: unknown;
  answer?: unknown;
  tags?: unknown;
  locale?: unknown;
  enabled?: unknown;
}

const limits = { question: 500, phrasing: 500, answer: 10_000, tag: 50, items: 20 };
const locale = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * Checks rows in order and keeps the good ones. Shared by the CSV and JSON parsers so both
 * formats accept and refuse exactly the same articles.
 */
export function checkRows(rows: RawRow[], options: ImportOptions = {}): ImportReport {
  const report: ImportReport = { articles: [], problems: [] };
  const seen = new Map<string, number | null>();
  for (const q of options.existingQuestions ?? []) seen.set(questionKey(q), null);
  for (const raw of rows) {
    const problem = (code: ImportProblem['code'], field: string | undefined, message: string) =>
      report.problems.push({ row: raw.row, ...(field ? { field } : {}), code, message });
    const bad = Object.entries(raw).find(([, v]) => typeof v === 'string' && v.includes('\uFFFD'));
    if (bad) {
      problem('encoding', bad[0], `${bad[0]} holds bytes that are not UTF-8 (was the file saved as GBK?)`);
      continue;
    }
    // The API's rule for text (@kefu/schemas safe-text.ts): NUL, other control characters than
    // tab and line breaks, lone surrogates and prototype keys are refused, not stored.
    const { row: _row, ...values } = raw;
    const unsafe = unsafeTextProblem(values);
    if (unsafe) {
      const field = unsafe.field.slice(1).split('/')[0];
      problem('invalid', field, `${unsafe.field.slice(1)} ${unsafe.message}`);
      continue;
    }
    const question = text(raw.question);
    const answer = text(raw.answer);
    if (
      question === undefined ||
      answer === undefined ||
      (raw.id !== undefined && text(raw.id) === undefined)
    ) {
      const field = question === undefined ? 'question' : answer === undefined ? 'answer' : 'id';
      problem('invalid', field, `${field} must be text`);
      continue;
    }
    if (!question) {
      problem('missing', 'question', 'the question is empty');
      continue;
    }
    if (!answer) {
      problem('empty-answer', 'answer', 'the answer is empty');
      continue;
    }
    const phrasings = list(raw.phrasings, /[|\n]/);
    const tags = list(raw.tags, /[|,，\n]/);
    const enabled = flag(raw.enabled);
    const lang =
      raw.locale === undefined || raw.locale === '' ? (options.defaultLocale ?? 'zh-CN') : text(raw.locale);
    if (!phrasings)
      problem(
        'invalid',
        'phrasings',
        'phrasings must be text (separate them with | or new lines) or a list of text',
      );
    else if (!tags)
      problem('invalid', 'tags', 'tags must be text (separate them with | or ,) or a list of text');
    else if (enabled === undefined)
      problem('invalid', 'enabled', 'enabled must be true/false, yes/no, 1/0 or 是/否');
    else if (!lang || !locale.test(lang))
      problem('invalid', 'locale', `"${String(raw.locale)}" is not a locale such as zh-CN or en`);
    else if (question.length > limits.question)
      problem('invalid', 'question', `the question is longer than ${limits.question} characters`);
    else if (answer.length > limits.answer)
      problem('invalid', 'answer', `the answer is longer than ${limits.answer} characters`);
    else if (phrasings.length > limits.items || phrasings.some((p) => p.length > limits.phrasing))
      problem(
        'invalid',
        'phrasings',
        `at most ${limits.items} phrasings of ${limits.phrasing} characters each`,
      );
    else if (tags.length > limits.items || tags.some((t) => t.length > limits.tag))
      problem('invalid', 'tags', `at most ${limits.items} tags of ${limits.tag} characters each`);
    else {
      const key = questionKey(question);
      if (seen.has(key)) {
        const first = seen.get(key);
        problem(
          'duplicate',
          'question',
          first == null ? 'this question is already in the knowledge base' : `same question as row ${first}`,
        );
        continue;
      }
      seen.set(key, raw.row);
      const id = text(raw.id);
      report.articles.push({
        row: raw.row,
        article: { ...(id ? { id } : {}), question, phrasings, answer, tags, locale: lang, enabled },
      });
    }
  }
  return report;
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v.trim() : undefined;
}

function list(v: unknown, separators: RegExp): string[] | undefined {
  if (v === undefined || v === null) return [];
  const parts =
    typeof v === 'string'
      ? v.split(separators)
      : Array.isArray(v) && v.every((x) => typeof x === 'string')
        ? v
        : undefined;
  return parts?.map((p: string) => p.trim()).filter(Boolean);
}

function flag(v: unknown): boolean | undefined {
  if (v === undefined || v === null || v === '') return true;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (['true', 'yes', 'y', '1', '是', '启用'].includes(s)) return true;
  if (['false', 'no', 'n', '0', '否', '停用'].includes(s)) return false;
  return undefined;
}
