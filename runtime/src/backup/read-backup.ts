import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { CorruptBackupError, parseHeader, parseLine, type BackupHeader } from './backup-format';

/**
 * Reads a backup file line by line (bounded memory): the header, then each document with its
 * collection. Any damage — bad gzip, a cut, a line that is not JSON, counts that disagree with the
 * header or the trailer — is a CorruptBackupError naming the file and line.
 */
export async function readBackup(
  file: string,
  options: {
    /** Decode documents from Extended JSON (false: only check that each line is JSON). */
    parse: boolean;
    onHeader?: (header: BackupHeader) => void;
    onDocument?: (collection: string, doc: Record<string, unknown>) => Promise<void> | void;
  },
): Promise<BackupHeader> {
  const input = createReadStream(file);
  const gunzip = input.pipe(createGunzip());
  input.on('error', (err) => gunzip.destroy(err));
  let header: BackupHeader | null = null;
  let collection: string | null = null;
  let ended = false;
  let lineNo = 0;
  const counts = new Map<string, number>();
  try {
    for await (const text of linesOf(gunzip)) {
      lineNo++;
      if (!header) {
        header = parseHeader(text, file);
        options.onHeader?.(header);
        continue;
      }
      if (ended) throw new CorruptBackupError(file, lineNo, 'lines after the end of the backup');
      const line = parseLine(text, file, lineNo, options.parse);
      if (line.kind === 'collection') {
        if (!header.collections.some((c) => c.name === line.name) || counts.has(line.name))
          throw new CorruptBackupError(file, lineNo, `collection ${line.name} is not in the header`);
        collection = line.name;
        counts.set(collection, 0);
      } else if (line.kind === 'document') {
        if (!collection) throw new CorruptBackupError(file, lineNo, 'a document before any collection');
        counts.set(collection, counts.get(collection)! + 1);
        await options.onDocument?.(collection, line.doc);
      } else {
        ended = true;
        for (const { name, count } of header.collections) {
          if (counts.get(name) !== count || line.trailer.counts[name] !== count)
            throw new CorruptBackupError(
              file,
              lineNo,
              `${name} has ${counts.get(name) ?? 0} documents, the header says ${count}`,
            );
        }
      }
    }
  } catch (err) {
    if (err instanceof CorruptBackupError) throw err;
    const cause = err as Error;
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw cause;
    // zlib: a cut file ("unexpected end of file"), a damaged one ("incorrect header check", CRC).
    throw new CorruptBackupError(file, lineNo + 1, cause.message);
  } finally {
    input.destroy();
  }
  if (!header) throw new CorruptBackupError(file, 1, 'the file is empty');
  if (!ended) throw new CorruptBackupError(file, lineNo, 'the file ends before the backup does (cut short?)');
  return header;
}

/** The lines of a stream; its errors (the file's, zlib's) surface in the loop that reads them. */
async function* linesOf(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk);
    const lines = text.split('\n');
    rest = lines.pop()!;
    yield* lines;
  }
  rest += decoder.end();
  if (rest) yield rest;
}
