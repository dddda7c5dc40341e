import { stringify } from 'csv-stringify/sync';
import type { ContactWire } from '@kefu/schemas/api';
import { readCsvRecords } from '../kb/io/csv-records';
import { decodeText } from '../kb/io/decode-text';
import { emailKey, phoneKey } from './normalize';

export interface ContactRow {
  /** The file line the record ends on (the header is line 1). */
  row: number;
  id?: string;
  name?: string;
  email?: string;
  phone?: string;
  tags: string[];
  attributes: Record<string, string>;
}

export interface ContactImportProblem {
  row: number | null;
  field?: string;
  code: 'encoding' | 'syntax' | 'columns' | 'missing' | 'duplicate' | 'invalid';
  message: string;
}

export interface ContactCsv {
  rows: ContactRow[];
  problems: ContactImportProblem[];
}

const known = ['id', 'name', 'email', 'phone', 'tags'] as const;
type Known = (typeof known)[number];
/** Header names owners also use; any other column is a CRM attribute of that name. */
const aliases: Record<string, Known> = {
  姓名: 'name',
  名字: 'name',
  名称: 'name',
  邮箱: 'email',
  电子邮件: 'email',
  电话: 'phone',
  手机: 'phone',
  手机号: 'phone',
  标签: 'tags',
};
/** Export-only columns: importing the export back must not turn them into attributes. */
const ignored = new Set(['createdat', 'updatedat', 'created', '创建时间']);
const ATTRIBUTE_PREFIX = 'attribute:';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{3,40}$/;
const limits = { name: 100, email: 254, tag: 50, tags: 30, attribute: 1000, attributes: 50 };

/**
 * Parses an uploaded contacts CSV (pure: bytes in, rows and problems out). Every good row is kept
 * and every bad one is reported with its line, field and why, so one broken row never costs the
 * others; only a file that is not UTF-8 or has no usable header is refused as a whole.
 */
export function parseContactsCsv(bytes: Uint8Array): ContactCsv {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return refused('encoding', decoded.message);
  const problems: ContactImportProblem[] = [];
  const read = readCsvRecords(decoded.text);
  if (!read.ok) return refused('syntax', read.message);
  const { records } = read;
  problems.push(...read.problems);
  const header = records.shift();
  if (!header) return refused('columns', 'the file is empty');
  const columns = header.fields.map(columnOf);
  if (!columns.some((c) => c.kind === 'known' && ['name', 'email', 'phone'].includes(c.name)))
    return refused('columns', 'the header needs a "name", "email" or "phone" column', problems);
  const names = columns.filter((c) => c.kind !== 'ignored').map((c) => `${c.kind}:${c.name}`);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice)
    return refused('columns', `the column "${twice.split(':')[1]}" appears twice in the header`, problems);

  const rows: ContactRow[] = [];
  const seen = new Map<string, number>();
  for (const { fields, line } of records) {
    const problem = (code: ContactImportProblem['code'], field: string | undefined, message: string) =>
      problems.push({ row: line, ...(field ? { field } : {}), code, message });
    if (fields.length !== header.fields.length) {
      problem('columns', undefined, `${fields.length} columns where the header has ${header.fields.length}`);
      continue;
    }
    const badBytes = fields.findIndex((f) => f.includes('\uFFFD'));
    if (badBytes >= 0) {
      problem(
        'encoding',
        header.fields[badBytes],
        'holds bytes that are not UTF-8 (was the file saved as GBK?)',
      );
      continue;
    }
    const row: ContactRow = { row: line, tags: [], attributes: {} };
    let bad = false;
    columns.forEach((column, i) => {
      const value = fields[i]!.trim();
      if (!value || bad || column.kind === 'ignored') return;
      if (column.kind === 'attribute') {
        if (value.length > limits.attribute) {
          problem('invalid', column.name, `longer than ${limits.attribute} characters`);
          bad = true;
        } else row.attributes[column.name] = value;
        return;
      }
      if (column.name === 'tags')
        row.tags = [
          ...new Set(
            value
              .split(/[|,，\n]/)
              .map((t) => t.trim())
              .filter(Boolean),
          ),
        ];
      else row[column.name] = value;
    });
    if (bad) continue;
    if (!row.name && !row.email && !row.phone)
      problem('missing', 'name', 'the row has no name, email or phone');
    else if (row.name && row.name.length > limits.name)
      problem('invalid', 'name', `the name is longer than ${limits.name} characters`);
    else if (row.email && (row.email.length > limits.email || !EMAIL.test(row.email)))
      problem('invalid', 'email', `"${row.email.slice(0, 60)}" is not an email address`);
    else if (row.phone && (!PHONE.test(row.phone) || !phoneKey(row.phone)))
      problem('invalid', 'phone', `"${row.phone.slice(0, 60)}" is not a phone number`);
    else if (row.id && !/^[0-9a-f]{24}$/.test(row.id))
      problem('invalid', 'id', 'the id is not a contact id (leave it empty for new contacts)');
    else if (row.tags.length > limits.tags || row.tags.some((t) => t.length > limits.tag))
      problem('invalid', 'tags', `at most ${limits.tags} tags of ${limits.tag} characters each`);
    else if (Object.keys(row.attributes).length > limits.attributes)
      problem('invalid', undefined, `at most ${limits.attributes} attribute columns`);
    else {
      const keys = [emailKey(row.email), phoneKey(row.phone)].filter((k): k is string => !!k);
      const earlier = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
      if (earlier !== undefined) {
        problem(
          'duplicate',
          row.email && seen.has(emailKey(row.email)!) ? 'email' : 'phone',
          `same contact as row ${earlier}`,
        );
        continue;
      }
      for (const k of keys) seen.set(k, line);
      rows.push(row);
    }
  }
  return { rows, problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
}

/**
 * Writes contacts as CSV that `parseContactsCsv` reads back: known columns, then one column per
 * attribute key, with a UTF-8 byte-order mark so spreadsheet programs open Chinese correctly.
 */
export function exportContactsCsv(contacts: ContactWire[]): string {
  const keys = [...new Set(contacts.flatMap((c) => Object.keys(c.attributes)))].sort();
  const header = [...known, 'createdAt', ...keys.map((k) => (isReserved(k) ? ATTRIBUTE_PREFIX + k : k))];
  const rows = contacts.map((c) => [
    c.id,
    cell(c.name),
    c.email ?? '',
    c.phone ?? '',
    c.tags.join('|'),
    c.createdAt,
    ...keys.map((k) => cell(c.attributes[k])),
  ]);
  return '\uFEFF' + stringify([header, ...rows]);
}

type Column =
  { kind: 'known'; name: Known } | { kind: 'attribute'; name: string } | { kind: 'ignored'; name: string };

function columnOf(raw: string): Column {
  const name = raw.trim();
  const lower = name.toLowerCase();
  if (!name) return { kind: 'ignored', name };
  if ((known as readonly string[]).includes(lower)) return { kind: 'known', name: lower as Known };
  if (aliases[name]) return { kind: 'known', name: aliases[name] };
  if (ignored.has(lower)) return { kind: 'ignored', name };
  // Dots and dollars would be read as paths and operators by the database.
  const key = (lower.startsWith(ATTRIBUTE_PREFIX) ? name.slice(ATTRIBUTE_PREFIX.length) : name)
    .replace(/[.$]/g, '_')
    .slice(0, 64);
  return { kind: 'attribute', name: key };
}

function isReserved(key: string): boolean {
  const lower = key.toLowerCase();
  return (
    (known as readonly string[]).includes(lower) ||
    key in aliases ||
    ignored.has(lower) ||
    lower.startsWith(ATTRIBUTE_PREFIX)
  );
}

/** Formula-looking cells are prefixed so a spreadsheet never runs a customer's text. */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function refused(
  code: ContactImportProblem['code'],
  message: string,
  problems: ContactImportProblem[] = [],
): ContactCsv {
  return { rows: [], problems: [...problems, { row: null, code, message }] };
}
