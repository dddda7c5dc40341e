import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ContactImportProblem } from '@kefu/schemas/api';

/** A place in a CSV file: the byte just after a record, and the line that record ended on. */
export interface CsvPosition {
  byte: number;
  line: number;
}

export interface CsvBatch {
  records: { fields: string[]; line: number }[];
  /** Records that could not be read (a stray quote), up to `end`. */
  problems: ContactImportProblem[];
  /** Where the next batch starts: after the last record of this one. */
  end: CsvPosition;
}

/**
 * Reads CSV records from `start` in batches of at most `size`, streaming: only the parser's
 * buffer and one batch are in memory whatever the file's size. Each batch says where it ends, so
 * a reader stopped at any point resumes with a new call from the last batch it finished.
 * A broken record is reported and skipped so the rest still import; a file cut off inside a
 * quoted field ends with one problem for the rest of it.
 */
export async function* csvBatches(
  source: AsyncIterable<Buffer>,
  start: CsvPosition,
  size: number,
): AsyncGenerator<CsvBatch> {
  const skipped: ContactImportProblem[] = [];
  const parser = parse({
    // The byte-order mark can only be at the very start of the file.
    bom: start.byte === 0,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      const lines = (err as { lines?: unknown } | undefined)?.lines;
      skipped.push({
        row: typeof lines === 'number' ? start.line + lines : null,
        code: 'syntax',
        message: err?.message ?? 'unreadable record',
      });
      return undefined;
    },
  });
  const input = Readable.from(source);
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let records: CsvBatch['records'] = [];
  let end = start;
  // The parser reads ahead of the records handed out, so a skip it reports may lie past the last
  // record of the batch: it goes with the batch its line belongs to.
  const upTo = (line: number) => {
    const mine = skipped.filter((p) => p.row !== null && p.row <= line);
    skipped.splice(0, skipped.length, ...skipped.filter((p) => !mine.includes(p)));
    return mine;
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { bytes: number; lines: number };
    }>) {
      end = { byte: start.byte + info.bytes, line: start.line + info.lines };
      records.push({ fields: record, line: end.line });
      if (records.length >= size) {
        yield { records, problems: upTo(end.line), end };
        records = [];
      }
    }
  } catch (err) {
    skipped.push({
      row: end.line + 1,
      code: 'syntax',
      message: `the rest of the file cannot be read: ${(err as Error).message}`,
    });
  } finally {
    input.destroy();
    parser.destroy();
  }
  yield { records, problems: skipped.splice(0), end };
}
