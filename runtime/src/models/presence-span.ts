import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { kpiNoted } from './kpi-noted';
import { presenceFacts } from './presence-facts';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

/**
 * One stretch of time an agent was online (AgentProfile.presence), from going online to leaving it
 * (away or offline): the history the online-time and occupancy KPIs are counted from. At most one
 * span per agent is open: while open, `openKey` is `<workspaceId>:<userId>` under a unique index, so
 * going online twice (a repeat, two racing requests) opens one; closing gives the key up for the
 * span's own id (a unique value, so no sparse index is needed, which the embedded store lacks).
 */
export const presenceSpanSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    from: { type: Date, required: true },
    /** Set once, when the agent leaves online. */
    to: { type: Date },
    openKey: { type: String, required: true, unique: true },
  },
  { timestamps: true },
);
presenceSpanSchema.plugin(tenantScoped);
presenceSpanSchema.plugin(growsWithHistory);
presenceSpanSchema.index({ workspaceId: 1, userId: 1 });

/** Online time in the service KPIs: a closed span's seconds are rolled up once (kpi-noted.ts). */
kpiNoted(presenceSpanSchema, { fields: ['to'], events: presenceFacts });

export const openKeyOf = (workspaceId: string, userId: string) => `${workspaceId}:${userId}`;

export type PresenceSpanDoc = InferSchemaType<typeof presenceSpanSchema>;
export const presenceSpanModel = (conn: Connection) => conn.model('PresenceSpan', presenceSpanSchema);
