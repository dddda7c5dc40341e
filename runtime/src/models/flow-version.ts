import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

/** A published, immutable version of a flow. */
export const flowVersionSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    flowId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    hash: { type: String, required: true },
    compiled: { type: Schema.Types.Mixed, required: true },
    /** The draft it was compiled from, so a rollback can publish it again and the editor can show it. */
    draft: { type: Schema.Types.Mixed },
    /** What this version's flow starts on (the compiled trigger). */
    trigger: { type: String },
    publishedById: { type: Schema.Types.ObjectId },
    /** Set when a rollback re-published an older version as this one. */
    rolledBackFrom: { type: Number },
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true, default: () => new Date() },
  },
  { minimize: false },
);
flowVersionSchema.plugin(tenantScoped);
// A workspace backup reads its documents by this (runtime/src/backup).
flowVersionSchema.index({ workspaceId: 1 });
flowVersionSchema.plugin(growsWithHistory);
// Published versions are immutable: running conversations are pinned to them and the hash vouches
// for their content. A change is a new version (publish or rollback), never an update.
flowVersionSchema.pre(
  ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace'],
  { document: false, query: true },
  function () {
    throw new Error('FlowVersion documents are immutable: publish a new version instead');
  },
);
flowVersionSchema.index({ flowId: 1, version: 1 }, { unique: true });

export type FlowVersionDoc = InferSchemaType<typeof flowVersionSchema>;
export const flowVersionModel = (conn: Connection) => conn.model('FlowVersion', flowVersionSchema);
