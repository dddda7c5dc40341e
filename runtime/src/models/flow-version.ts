import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

/** A published, immutable version of a flow. */
export const flowVersionSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    flowId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    hash: { type: String, required: true },
    compiled: { type: Schema.Types.Mixed, required: true },
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true, default: () => new Date() },
  },
  { minimize: false },
);
flowVersionSchema.plugin(tenantScoped);
flowVersionSchema.index({ flowId: 1, version: 1 }, { unique: true });

export type FlowVersionDoc = InferSchemaType<typeof flowVersionSchema>;
export const flowVersionModel = (conn: Connection) => conn.model('FlowVersion', flowVersionSchema);
