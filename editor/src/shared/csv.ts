/**
 * CSV files the analysts' tables export (RFC 4180): fields quoted when they hold a comma, a quote
 * or a line break, quotes doubled, lines ended by CRLF. The file starts with a UTF-8 byte order
 * mark, without which Excel reads UTF-8 as the local code page and garbles Chinese. A text cell
 * that starts with = + - @ (or a tab / carriage return) is what a spreadsheet runs as a formula — a
 * customer's name can be `=HYPERLINK(...)` — so it is prefixed with `'`, which shows as text.
 * Numbers are written as they are (a negative change stays a number).
 */
export type CsvCell = string | number | boolean | null | undefined;

const BOM = '\uFEFF';

export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  let text = String(cell);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: the header row first, then the rows; with its BOM. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Saves the rows as `<name>.csv` through the browser's download. */
export function downloadCsv(name: string, rows: readonly (readonly CsvCell[])[]): void {
  const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name.replace(/[\\/:*?"<>|]+/g, '-')}.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
