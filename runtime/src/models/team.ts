import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { revisioned } from './revision';
import { tenantScoped } from './tenant-scope';

/**
 * A team agents are routed work through. Flows name it by `key` (the route-to-team node's teamId,
 * e.g. "support"), so a flow published before the team existed still reads well.
 * Skills live on the agent profile: an agent's skills are the same whichever team offers the chat.
 */
export const teamSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    /** Unique per workspace; what flows reference. */
    key: { type: String, required: true },
    name: { type: String, required: true },
    /** User ids, in the order round-robin walks them. */
    members: { type: [Schema.Types.ObjectId], default: [] },
    /** Round-robin: the member index to try first next time. Stored so a restart keeps the turn. */
    rrCursor: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);
teamSchema.plugin(tenantScoped);
// Round-robin turns are decided from rrCursor and written back (routing-service reserveAgent).
teamSchema.plugin(revisioned);
teamSchema.index({ workspaceId: 1, key: 1 }, { unique: true });

export type TeamDoc = InferSchemaType<typeof teamSchema>;
export const teamModel = (conn: Connection) => conn.model('Team', teamSchema);
