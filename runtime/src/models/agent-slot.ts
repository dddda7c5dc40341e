import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

/**
 * One chat an agent holds: an open offer or the conversation it became. An agent with capacity N
 * has slots 0..N-1, and the unique index makes taking one a single insert that only one writer can
 * win. FerretDB 1.x does not make a conditional update atomic under concurrency (two offers racing
 * for a last slot both "won" a `load < max` $inc in a test), but it does enforce unique indexes.
 * An agent's load is the number of their slots; the collection holds only chats open now.
 */
export const agentSlotSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    agentId: { type: Schema.Types.ObjectId, required: true },
    slot: { type: Number, required: true, min: 0 },
    /** The offer's idempotency key: known before the offer is written, so a retry finds its slot. */
    holder: { type: String, required: true },
  },
  { timestamps: true },
);
agentSlotSchema.plugin(tenantScoped);
agentSlotSchema.index({ workspaceId: 1, agentId: 1, slot: 1 }, { unique: true });

export type AgentSlotDoc = InferSchemaType<typeof agentSlotSchema>;
export const agentSlotModel = (conn: Connection) => conn.model('AgentSlot', agentSlotSchema);
