import { parse } from 'csv-parse/sync';

export interface CsvRecord {
  fields: string[];
  /** The file line the record ends on, for problems a person can find. */
  line: number;
}

export interface CsvSyntaxProblem {
  row: number | null;
  code: 'syntax';
  message: string;
}

/**
 * Reads the records of an uploaded CSV (articles, contacts). A broken record (a stray quote) is
 * reported and skipped so the rest still parse; only a file that cannot be read at all fails.
 */
export function readCsvRecords(
  text: string,
): { ok: true; records: CsvRecord[]; problems: CsvSyntaxProblem[] } | { ok: false; message: string } {
  const problems: CsvSyntaxProblem[] = [];
  try {
    const parsed = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        const line = (err as { lines?: unknown } | undefined)?.lines;
        problems.push({
          row: typeof line === 'number' ? line : null,
          code: 'syntax',
          message: err?.message ?? 'unreadable record',
        });
        return undefined;
      },
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return { ok: true, records: parsed.map((r) => ({ fields: r.record, line: r.info.lines })), problems };
  } catch (err) {
    return { ok: false, message: `not a readable CSV file: ${(err as Error).message}` };
  }
}
