import { mongo } from 'mongoose';

/**
 * A Kefu backup: one gzip file of lines. The first line is the header; then, for each collection,
 * a line `{"$collection": name}` followed by its documents, one Extended JSON (canonical) document
 * a line, so ObjectIds, Dates, Binary, Int32/Int64/Double come back exactly; the last line is the
 * trailer with the counts again, so a file cut short is told from a complete one even where gzip
 * alone would not say (a cut exactly between gzip members).
 *
 * The header is written as its own gzip member ahead of the documents (gzip members concatenate
 * into one stream), which lets it carry the counts known only once every document is written.
 */
export const BACKUP_FORMAT = 1;

export const { EJSON } = mongo.BSON;

export interface BackupHeader {
  kefuBackup: typeof BACKUP_FORMAT;
  /** Names one backup, so a restore re-run with the same file knows it is finishing its own work. */
  id: string;
  createdAt: string;
  database: string;
  scope: { kind: 'database' } | { kind: 'workspace'; workspaceId: string };
  /** The data migrations the documents have been through (storemigrations done), oldest first. */
  migrations: string[];
  /** Each collection in file order, with its number of documents. */
  collections: { name: string; count: number }[];
}

export interface BackupTrailer {
  $end: true;
  counts: Record<string, number>;
}

export type BackupLine =
  | { kind: 'collection'; name: string }
  | { kind: 'document'; doc: Record<string, unknown> }
  | { kind: 'end'; trailer: BackupTrailer };

/** The store's own write guard field (stale-write-guard.ts): bookkeeping, not data. */
export const STORE_FIELDS = ['_rev'];

export function documentLine(doc: Record<string, unknown>): string {
  const copy = { ...doc };
  for (const field of STORE_FIELDS) delete copy[field];
  return `${EJSON.stringify(copy, { relaxed: false })}\n`;
}

export class CorruptBackupError extends Error {
  constructor(file: string, line: number, why: string) {
    super(`${file} is not a complete Kefu backup (line ${line}): ${why}`);
    this.name = 'CorruptBackupError';
  }
}

export function parseHeader(text: string, file: string): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(text) as BackupHeader;
  } catch {
    throw new CorruptBackupError(file, 1, 'the first line is not a backup header');
  }
  if (header?.kefuBackup !== BACKUP_FORMAT)
    throw new CorruptBackupError(
      file,
      1,
      header?.kefuBackup ? `format ${header.kefuBackup} is not one this Kefu reads` : 'no backup header',
    );
  return header;
}

/** One line after the header; `parse` false only checks it is JSON (the verifying pass). */
export function parseLine(text: string, file: string, lineNo: number, parse: boolean): BackupLine {
  if (text.startsWith('{"$collection":')) {
    const { $collection } = JSON.parse(text) as { $collection: string };
    return { kind: 'collection', name: $collection };
  }
  if (text.startsWith('{"$end":')) return { kind: 'end', trailer: JSON.parse(text) as BackupTrailer };
  try {
    const doc = (parse ? EJSON.parse(text, { relaxed: false }) : JSON.parse(text)) as Record<string, unknown>;
    return { kind: 'document', doc };
  } catch {
    throw new CorruptBackupError(file, lineNo, 'a document line is not Extended JSON');
  }
}
