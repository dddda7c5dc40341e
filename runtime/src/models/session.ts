import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

/**
 * A signed-in browser. The cookie carries `<workspaceId>.<secret>`; only sha256(secret) is stored,
 * so a leaked database does not leak sessions, and every lookup is still workspace-scoped.
 */
export const sessionSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    tokenHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    userAgent: { type: String },
  },
  { timestamps: true },
);
sessionSchema.plugin(tenantScoped);
sessionSchema.index({ tokenHash: 1 }, { unique: true });
// No TTL index: FerretDB 1.x cannot build one. The lookup refuses expired sessions and each login
// removes the user's expired ones.

export type SessionDoc = InferSchemaType<typeof sessionSchema>;
export const sessionModel = (conn: Connection) => conn.model('Session', sessionSchema);
