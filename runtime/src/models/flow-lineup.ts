import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { revisioned } from './revision';
import { tenantScoped } from './tenant-scope';

/**
 * The order in which a trigger's live flows are tried (routes/flows/lineups.ts). Only an order of
 * preference: which flows are live is each Flow's activeVersion, so publishing or unpublishing never
 * has to keep two documents in step. Live flows missing here come after, first published first.
 */
export const flowLineupSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    trigger: { type: String, required: true },
    /** Flow ids, first tried first; may name flows no longer live (they are skipped). */
    order: { type: [String], default: [] },
  },
  { timestamps: true },
);
flowLineupSchema.plugin(tenantScoped);
// Moves are decided from the stored order and written back (changeFromRead).
flowLineupSchema.plugin(revisioned);
flowLineupSchema.index({ workspaceId: 1, trigger: 1 }, { unique: true });

export type FlowLineupDoc = InferSchemaType<typeof flowLineupSchema>;
export const flowLineupModel = (conn: Connection) => conn.model('FlowLineup', flowLineupSchema);
