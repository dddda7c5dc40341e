import type { ContactImportProblem, ContactWire } from '@kefu/schemas/api';
import { unsafeTextProblem } from '@kefu/schemas/validate';
import { fromSpreadsheetCell, toSpreadsheetCsv } from '../csv/spreadsheet-csv';
import { phoneKey } from './normalize';

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

export type { ContactImportProblem };

/** What each column of an uploaded file holds, read from its header. */
export interface ContactColumns {
  header: string[];
  columns: Column[];
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
 * Reads the header of an uploaded contacts CSV, or says why the file cannot be imported at all
 * (no name, email or phone column; a column twice).
 */
export function readContactHeader(
  header: string[],
): { ok: true; columns: ContactColumns } | { ok: false; message: string } {
  const columns = header.map(columnOf);
  // A column name becomes an attribute key: the API's rule for keys applies (no control
  // characters, no __proto__ / constructor / prototype).
  for (const column of columns) {
    const unsafe = unsafeTextProblem({ [column.name]: '' });
    if (unsafe) return { ok: false, message: `the column ${unsafe.field.slice(1)}: ${unsafe.message}` };
  }
  if (!columns.some((c) => c.kind === 'known' && ['name', 'email', 'phone'].includes(c.name)))
    return { ok: false, message: 'the header needs a "name", "email" or "phone" column' };
  const names = columns.filter((c) => c.kind !== 'ignored').map((c) => `${c.kind}:${c.name}`);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) return { ok: false, message: `the column "${twice.split(':')[1]}" appears twice in the header` };
  return { ok: true, columns: { header, columns } };
}

/**
 * Reads one record of an uploaded contacts CSV by its header (pure: fields in, a row or the
 * reason it cannot be imported out, with its line and field), so one broken row never costs the
 * others. Rows that are the same contact as another are found by the import, which sees the store.
 */
export function readContactRow(
  { header, columns }: ContactColumns,
  fields: string[],
  line: number,
): { ok: true; row: ContactRow } | { ok: false; problem: ContactImportProblem } {
  const problem = (code: ContactImportProblem['code'], field: string | undefined, message: string) => ({
    ok: false as const,
    problem: { row: line, ...(field ? { field } : {}), code, message },
  });
  if (fields.length !== header.length)
    return problem('columns', undefined, `${fields.length} columns where the header has ${header.length}`);
  const badBytes = fields.findIndex((f) => f.includes('\uFFFD'));
  if (badBytes >= 0)
    return problem(
      'encoding',
      header[badBytes],
      'holds bytes that are not UTF-8 (was the file saved as GBK?)',
    );
  // The API's rule for text (@kefu/schemas safe-text.ts): control characters other than tab and
  // line breaks, and lone surrogates, are refused rather than stored.
  for (const [i, field] of fields.entries()) {
    const unsafe = unsafeTextProblem(field);
    if (unsafe) return problem('invalid', header[i], unsafe.message);
  }
  const row: ContactRow = { row: line, tags: [], attributes: {} };
  for (const [i, column] of columns.entries()) {
    const value = fromSpreadsheetCell(fields[i]!.trim()).trim();
    if (!value || column.kind === 'ignored') continue;
    // A masked value (the export masks personal data, docs/privacy.md) is not data: left as stored,
    // so importing an export back never writes masks over the real email, phone or attribute.
    if (column.kind !== 'known' || column.name === 'email' || column.name === 'phone')
      if (/\*{3}/.test(value)) continue;
    if (column.kind === 'attribute') {
      if (value.length > limits.attribute)
        return problem('invalid', column.name, `longer than ${limits.attribute} characters`);
      row.attributes[column.name] = value;
    } else if (column.name === 'tags')
      row.tags = [
        ...new Set(
          value
            .split(/[|,，\n]/)
            .map((t) => t.trim())
            .filter(Boolean),
        ),
      ];
    else row[column.name] = value;
  }
  if (!row.name && !row.email && !row.phone)
    return problem('missing', 'name', 'the row has no name, email or phone');
  if (row.name && row.name.length > limits.name)
    return problem('invalid', 'name', `the name is longer than ${limits.name} characters`);
  if (row.email && (row.email.length > limits.email || !EMAIL.test(row.email)))
    return problem('invalid', 'email', `"${row.email.slice(0, 60)}" is not an email address`);
  if (row.phone && (!PHONE.test(row.phone) || !phoneKey(row.phone)))
    return problem('invalid', 'phone', `"${row.phone.slice(0, 60)}" is not a phone number`);
  if (row.id && !/^[0-9a-f]{24}$/.test(row.id))
    return problem('invalid', 'id', 'the id is not a contact id (leave it empty for new contacts)');
  if (row.tags.length > limits.tags || row.tags.some((t) => t.length > limits.tag))
    return problem('invalid', 'tags', `at most ${limits.tags} tags of ${limits.tag} characters each`);
  if (Object.keys(row.attributes).length > limits.attributes)
    return problem('invalid', undefined, `at most ${limits.attributes} attribute columns`);
  return { ok: true, row };
}

/**
 * The header of a contacts CSV that the import reads back: known columns, then one column per
 * attribute key, after a UTF-8 byte-order mark so spreadsheet programs open Chinese correctly.
 */
export function contactCsvHeader(attributeKeys: readonly string[]): string {
  const header = [
    ...known,
    'createdAt',
    ...attributeKeys.map((k) => (isReserved(k) ? ATTRIBUTE_PREFIX + k : k)),
  ];
  return '\uFEFF' + toSpreadsheetCsv([header]);
}

/** Contacts as CSV lines under `contactCsvHeader(attributeKeys)`. */
export function contactCsvLines(contacts: readonly ContactWire[], attributeKeys: readonly string[]): string {
  return toSpreadsheetCsv(
    contacts.map((c) => [
      c.id,
      c.name ?? '',
      c.email ?? '',
      c.phone ?? '',
      c.tags.join('|'),
      c.createdAt,
      ...attributeKeys.map((k) => cell(c.attributes[k])),
    ]),
  );
}

type Column =
  { kind: 'known'; name: Known } | { kind: 'attribute'; name: string } | { kind: 'ignored'; name: string };

function columnOf(raw: string): Column {
  const name = fromSpreadsheetCell(raw.trim()).trim();
  const lower = name.toLowerCase();
  if (!name) return { kind: 'ignored', name };
  if ((known as readonly string[]).includes(lower)) return { kind: 'known', name: lower as Known };
  // Own keys only: `constructor` is a key of every object, not an alias.
  if (Object.hasOwn(aliases, name)) return { kind: 'known', name: aliases[name]! };
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
    Object.hasOwn(aliases, key) ||
    ignored.has(lower) ||
    lower.startsWith(ATTRIBUTE_PREFIX)
  );
}

/** An attribute as a cell: text and numbers as they are, anything else a flow stored as JSON. */
function cell(value: unknown): string | number {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}
