import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

export const flowSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    kind: { type: String, required: true },
    description: { type: String },
    /** Bumped by every draft save; a save naming an older revision is refused (optimistic concurrency). */
    revision: { type: Number, required: true, default: 0 },
    /** Draft as the editor saved it (validated by the compiler, not by Mongoose). */
    draft: { type: Schema.Types.Mixed, required: true },
    /** Version new conversations start on; absent until first publish. */
    activeVersion: { type: Number },
    /** When this flow last went live: live flows not placed in their lineup are tried in this order. */
    activatedAt: { type: Date },
    /** Entry filter (EntryFilter in schemas/api/flow-lineups.ts); absent accepts every event. */
    entry: { type: Schema.Types.Mixed },
    /** What starts this flow, e.g. conversation-started. */
    trigger: { type: String, required: true },
  },
  { timestamps: true, minimize: false },
);
flowSchema.plugin(tenantScoped);
flowSchema.index({ workspaceId: 1, trigger: 1 });

export type FlowDoc = InferSchemaType<typeof flowSchema>;
export const flowModel = (conn: Connection) => conn.model('Flow', flowSchema);
