import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

export const PRESENCES = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];

/**
 * How an agent takes work: one small document per agent, read on every routing decision (a tiny
 * collection, so FerretDB's full scans stay cheap).
 */
export const agentProfileSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    presence: { type: String, enum: PRESENCES, required: true, default: 'offline' },
    /** Most chats (open offers + accepted conversations, see AgentSlot) the agent holds at once. */
    maxConcurrent: { type: Number, required: true, min: 0, max: 100, default: 3 },
    skills: { type: [String], default: [] },
    /** Least-loaded gives ties to whoever waited longest for an offer. */
    lastOfferedAt: { type: Date },
  },
  { timestamps: true },
);
agentProfileSchema.plugin(tenantScoped);
agentProfileSchema.index({ workspaceId: 1, userId: 1 }, { unique: true });

export type AgentProfileDoc = InferSchemaType<typeof agentProfileSchema>;
export const agentProfileModel = (conn: Connection) => conn.model('AgentProfile', agentProfileSchema);
