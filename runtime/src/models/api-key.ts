import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

/**
 * A key the shop's own systems use on the API channel. The key is `kefu_<workspaceId>.<id>.<secret>`;
 * only sha256(secret) is stored, so a leaked database leaks no keys, and the lookup is by
 * `{ _id, workspaceId }` taken from the key itself.
 */
export const apiKeySchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    secretHash: { type: String, required: true },
    /** The key's first characters, so owners can tell keys apart without seeing them. */
    prefix: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    revokedAt: { type: Date },
    lastUsedAt: { type: Date },
  },
  { timestamps: true },
);
apiKeySchema.plugin(tenantScoped);
// A workspace backup reads its documents by this (runtime/src/backup).
apiKeySchema.index({ workspaceId: 1 });

export type ApiKeyDoc = InferSchemaType<typeof apiKeySchema>;
export const apiKeyModel = (conn: Connection) => conn.model('ApiKey', apiKeySchema);
