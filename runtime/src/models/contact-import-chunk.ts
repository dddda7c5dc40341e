import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { idForKey } from './insert-once';
import { tenantScoped } from './tenant-scope';

/** Every chunk but the last holds exactly this many bytes, so a byte offset names its chunk. */
export const CONTACT_IMPORT_CHUNK_BYTES = 256 * 1024;

/**
 * One piece of an uploaded contacts file. Kept in the store, not on the API's disk, so any API
 * process can run the import and a restart resumes it; deleted when the import ends.
 */
export const contactImportChunkSchema = new Schema(
  {
    /** contactImportChunkId(importId, n): read back by `_id`, one equality lookup per chunk. */
    _id: { type: Schema.Types.ObjectId, required: true },
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    importId: { type: Schema.Types.ObjectId, required: true },
    n: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { versionKey: false },
);
contactImportChunkSchema.plugin(tenantScoped);
// A workspace backup reads its documents by this (runtime/src/backup).
contactImportChunkSchema.index({ workspaceId: 1 });
contactImportChunkSchema.index({ importId: 1 });

export const contactImportChunkId = (importId: string, n: number) =>
  idForKey(`contact-import-chunk/${importId}/${n}`);

export type ContactImportChunkDoc = InferSchemaType<typeof contactImportChunkSchema>;
export const contactImportChunkModel = (conn: Connection) =>
  conn.model('ContactImportChunk', contactImportChunkSchema);
