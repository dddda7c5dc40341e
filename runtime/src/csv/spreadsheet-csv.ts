import { stringify } from 'csv-stringify/sync';

/**
 * Rows as CSV that a spreadsheet opens as data, never as formulas: every cell of every column
 * that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms) is
 * prefixed with `'`, which spreadsheet programs read as "this is text" (OWASP, CSV injection).
 * Customers reach these cells through the widget (`=cmd|'/Ccalc'!A0@x.co` is a valid email), so
 * no column is trusted. csv-stringify's own `escape_formulas` does the prefixing: the library we
 * already write CSV with, kept up to date for spreadsheets' quirks, rather than a second list here.
 *
 * Numbers stay readable: a number cell, or a text cell that is exactly a plain number such as
 * "-5" (imports store attributes as text), is written as the number, since a number is never
 * run. Anything more ("-5+1", "+86 139…") is prefixed. The imports strip the prefix again
 * (`fromSpreadsheetCell`), so an export reads back unchanged.
 */
export function toSpreadsheetCsv(rows: readonly (readonly unknown[])[]): string {
  return stringify(
    rows.map((row) => row.map(plainNumber)),
    { escape_formulas: true },
  );
}

const PREFIXED = /^'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/;

/** A cell as an import reads it: without the `'` that `toSpreadsheetCsv` put before a formula character. */
export function fromSpreadsheetCell(value: string): string {
  return value.replace(PREFIXED, '');
}

function plainNumber(cell: unknown): unknown {
  if (typeof cell !== 'string' || !cell.startsWith('-')) return cell;
  const n = Number(cell);
  return Number.isFinite(n) && String(n) === cell ? n : cell;
}
