import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

/**
 * How far one agent has read one conversation. Its _id derives from the pair (idForKey), so
 * marking read is an upsert by primary key and the inbox reads marks without scanning.
 */
export const readMarkSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    readAt: { type: Date, required: true },
  },
  { timestamps: true },
);
readMarkSchema.plugin(tenantScoped);
// A workspace backup reads its documents by this (runtime/src/backup).
readMarkSchema.index({ workspaceId: 1 });
readMarkSchema.plugin(growsWithHistory);
/** A conversation's, found when it is erased (privacy/erase.ts). */
readMarkSchema.index({ workspaceId: 1, conversationId: 1 });

export type ReadMarkDoc = InferSchemaType<typeof readMarkSchema>;
export const readMarkModel = (conn: Connection) => conn.model('ReadMark', readMarkSchema);
