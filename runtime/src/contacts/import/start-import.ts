import type { Readable } from 'node:stream';
import { Types } from 'mongoose';
import { CONTACT_IMPORT_MAX_BYTES } from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { transition, type Models } from '../../models';
import { decodeText } from '../../kb/io/decode-text';
import { readContactHeader } from '../contact-csv';
import { csvBatches, type CsvPosition } from './csv-batches';
import { cleanUpImport } from './end-import';
import { storeImportFile } from './import-file';
import { claimImportLock } from './import-lock';
import type { ContactImportRecord } from './import-wire';

export interface UploadedFile {
  body: Readable;
  /** The Content-Length the client announced, if any: a file announced too big is refused unread. */
  length?: number;
  fileName?: string;
}

/**
 * Takes an uploaded contacts CSV: claims the workspace's import slot, stores the file in bounded
 * chunks as it arrives, checks that it can be read (UTF-8, a usable header), and queues the
 * import for the runner. Refuses at once what it can: a file too big (413), one that is not UTF-8
 * or has no usable header (400), a second import in the same workspace (409). Nothing of a
 * refused upload is kept.
 */
export async function startContactImport(
  models: Models,
  who: { workspaceId: string; userId: string; email: string },
  file: UploadedFile,
  lease: { owner: string; ms: number },
  maxBytes = CONTACT_IMPORT_MAX_BYTES,
): Promise<ContactImportRecord> {
  const tooLarge = () =>
    new KefuError(
      'KEFU_ERR_PAYLOAD_TOO_LARGE',
      `The file is larger than ${megabytes(maxBytes)} MB: split it into files of at most that size and import them one after another`,
      'body',
    );
  if (file.length !== undefined && file.length > maxBytes) {
    file.body.resume();
    throw tooLarge();
  }
  const { ContactImport } = models;
  const { workspaceId } = who;
  const importId = new Types.ObjectId().toHexString();
  await claimImportLock(models, workspaceId, importId);
  const scope = { _id: importId, workspaceId };
  const job = await ContactImport.create({
    ...scope,
    state: 'uploading',
    createdBy: { userId: who.userId, email: who.email },
    ...(file.fileName ? { fileName: file.fileName } : {}),
    leaseOwner: lease.owner,
    leaseUntil: new Date(Date.now() + lease.ms),
  });
  let header: { columns: string[]; end: CsvPosition } | null = null;
  let stored = { bytes: 0, chunks: 0 };
  try {
    const result = await storeImportFile(
      models,
      { workspaceId, importId },
      file.body,
      maxBytes,
      async (progress, data) => {
        stored = progress;
        // The header is in the first chunk: a file that cannot be imported is refused before the rest.
        if (progress.chunks === 1) header = await readHeader(data);
        await ContactImport.updateOne(scope, {
          $set: {
            bytes: progress.bytes,
            chunks: progress.chunks,
            leaseUntil: new Date(Date.now() + lease.ms),
          },
        });
      },
    );
    stored = result;
    if (result.tooLarge) throw tooLarge();
    if (!header) throw new KefuError('KEFU_ERR_VALIDATION', 'The file is empty', 'body');
    const { columns, end } = header as { columns: string[]; end: CsvPosition };
    const queued = (await transition(
      ContactImport,
      { ...scope, state: 'uploading' },
      {
        $set: {
          state: 'queued',
          bytes: result.bytes,
          chunks: result.chunks,
          columns,
          position: end,
          // Queued imports wait for any process's runner, not for this one.
          leaseUntil: new Date(),
        },
      },
    )) as ContactImportRecord | null;
    if (!queued) throw new KefuError('KEFU_ERR_CONFLICT', 'The import was cancelled while it was uploading');
    return queued;
  } catch (err) {
    file.body.resume();
    // A refused or broken upload never becomes an import: nothing of it stays.
    await cleanUpImport(models, { ...scope, chunks: Math.max(stored.chunks, job.chunks) });
    await ContactImport.deleteOne(scope);
    throw err;
  }
}

/** The header record of the file's first chunk, checked, and where the rows start. */
async function readHeader(first: Buffer): Promise<{ columns: string[]; end: CsvPosition }> {
  const decoded = decodeText(first);
  if (!decoded.ok)
    throw new KefuError('KEFU_ERR_VALIDATION', `The file cannot be read: ${decoded.message}`, 'body');
  for await (const batch of csvBatches(toSource(first), { byte: 0, line: 0 }, 1)) {
    const record = batch.records[0];
    if (!record) break;
    const checked = readContactHeader(record.fields);
    if (!checked.ok)
      throw new KefuError('KEFU_ERR_VALIDATION', `The file cannot be imported: ${checked.message}`, 'body');
    return { columns: record.fields, end: batch.end };
  }
  throw new KefuError('KEFU_ERR_VALIDATION', 'The file is empty', 'body');
}

async function* toSource(data: Buffer): AsyncGenerator<Buffer> {
  yield data;
}

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
