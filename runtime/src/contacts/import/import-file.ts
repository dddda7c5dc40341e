import type { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { CONTACT_IMPORT_CHUNK_BYTES, contactImportChunkId, type Models } from '../../models';

/**
 * Stores an uploaded file as it arrives, in chunks of CONTACT_IMPORT_CHUNK_BYTES: memory holds
 * one chunk whatever the file's size. Stops, without storing the rest, as soon as the file passes
 * `maxBytes` (`tooLarge` then). `onChunk` runs after each chunk is stored (progress, lease).
 */
export async function storeImportFile(
  models: Models,
  ids: { workspaceId: string; importId: string },
  body: Readable,
  maxBytes: number,
  onChunk: (stored: { bytes: number; chunks: number }, data: Buffer) => Promise<void>,
): Promise<{ bytes: number; chunks: number; tooLarge: boolean }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let chunks = 0;
  const flush = async (data: Buffer) => {
    await models.ContactImportChunk.create({
      _id: contactImportChunkId(ids.importId, chunks),
      workspaceId: ids.workspaceId,
      importId: ids.importId,
      n: chunks,
      data,
    });
    chunks++;
    await onChunk({ bytes, chunks }, data);
  };
  // Leaving the loop early (too large, a refused header) must not destroy the request: the
  // client still gets its answer, while the rest of what it sends is drained.
  for await (const piece of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    bytes += piece.length;
    if (bytes > maxBytes) return { bytes, chunks, tooLarge: true };
    pending.push(piece);
    pendingBytes += piece.length;
    while (pendingBytes >= CONTACT_IMPORT_CHUNK_BYTES) {
      const all = Buffer.concat(pending);
      await flush(all.subarray(0, CONTACT_IMPORT_CHUNK_BYTES));
      pending = [all.subarray(CONTACT_IMPORT_CHUNK_BYTES)];
      pendingBytes = pending[0]!.length;
    }
  }
  if (pendingBytes > 0) await flush(Buffer.concat(pending));
  return { bytes, chunks, tooLarge: false };
}

/** The stored file from byte `from` on, one chunk in memory at a time. */
export async function* readImportFile(
  models: Models,
  ids: { workspaceId: string; importId: string },
  chunks: number,
  from: number,
): AsyncGenerator<Buffer> {
  for (let n = Math.floor(from / CONTACT_IMPORT_CHUNK_BYTES); n < chunks; n++) {
    const chunk = await models.ContactImportChunk.findOne(
      { _id: contactImportChunkId(ids.importId, n), workspaceId: ids.workspaceId },
      { data: 1 },
    ).lean();
    if (!chunk) throw new Error(`chunk ${n} of contact import ${ids.importId} is missing`);
    const data = toBuffer(chunk.data);
    const skip = n === Math.floor(from / CONTACT_IMPORT_CHUNK_BYTES) ? from % CONTACT_IMPORT_CHUNK_BYTES : 0;
    yield skip ? data.subarray(skip) : data;
  }
}

/**
 * Frees the stored file once its import has ended. One chunk at a time: a delete reads what it
 * deletes on FerretDB, and the whole file at once would be the whole file in its memory.
 */
export async function deleteImportFile(
  models: Models,
  ids: { workspaceId: string; importId: string },
  chunks: number,
): Promise<void> {
  for (let n = 0; n < chunks; n++)
    await models.ContactImportChunk.deleteOne({
      _id: contactImportChunkId(ids.importId, n),
      workspaceId: ids.workspaceId,
    });
}

/** A lean read gives the driver's Binary, a hydrated one a Buffer. */
function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof mongoose.mongo.Binary) return Buffer.from(data.buffer);
  throw new Error('a contact import chunk holds no bytes');
}
