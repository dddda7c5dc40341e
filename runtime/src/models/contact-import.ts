import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { CONTACT_IMPORT_STATES } from '@kefu/schemas/api';
import { tenantScoped } from './tenant-scope';

const problemSchema = new Schema(
  {
    row: { type: Number, default: null },
    field: { type: String },
    code: { type: String, required: true },
    message: { type: String, required: true },
  },
  { _id: false },
);

/**
 * One contacts import: the uploaded file (in ContactImportChunk documents), where the import is in
 * it, and what it did so far. Only the process holding the lease writes progress, and it writes
 * the resume point and the counters of a batch in one update, so a batch is either counted with
 * its position or run again from the last one.
 */
export const contactImportSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    state: { type: String, enum: CONTACT_IMPORT_STATES, required: true },
    /** Who uploaded it, for the audit entry written when it ends. */
    createdBy: { userId: { type: String }, email: { type: String } },
    fileName: { type: String },
    /** Bytes received so far (while uploading), then the file's size. */
    bytes: { type: Number, required: true, default: 0 },
    chunks: { type: Number, required: true, default: 0 },
    /** The header row as uploaded; every batch reads its rows by it. */
    columns: { type: [String], default: undefined },
    /** Resume point: the byte just after the last imported record, and the line it ended on. */
    position: { byte: { type: Number, default: 0 }, line: { type: Number, default: 0 } },
    rowsRead: { type: Number, required: true, default: 0 },
    created: { type: Number, required: true, default: 0 },
    updated: { type: Number, required: true, default: 0 },
    problemCount: { type: Number, required: true, default: 0 },
    problems: { type: [problemSchema], default: [] },
    error: { type: String },
    /** Runs that stopped on an error; after a few the import fails instead of trying forever. */
    failures: { type: Number, default: 0 },
    cancelRequested: { type: Boolean },
    /** The process working on it, until when: another takes over a lease that ran out. */
    leaseOwner: { type: String },
    leaseUntil: { type: Date },
    startedAt: { type: Date },
    finishedAt: { type: Date },
  },
  { timestamps: true },
);
contactImportSchema.plugin(tenantScoped);
// The importers look for work by state across workspaces; few imports are ever not finished.
contactImportSchema.index({ state: 1 });
contactImportSchema.index({ workspaceId: 1, createdAt: -1 });

export type ContactImportDoc = InferSchemaType<typeof contactImportSchema>;
export const contactImportModel = (conn: Connection) => conn.model('ContactImport', contactImportSchema);
