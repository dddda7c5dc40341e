import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { ROLES } from '@kefu/schemas/api';
import { tenantScoped } from './tenant-scope';

/** An emailed invitation to join a workspace; only the hash of its token is stored. */
export const inviteSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true },
    roles: { type: [String], enum: ROLES, required: true },
    tokenHash: { type: String, required: true },
    invitedBy: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    acceptedAt: { type: Date },
  },
  { timestamps: true },
);
inviteSchema.plugin(tenantScoped);
inviteSchema.index({ workspaceId: 1, tokenHash: 1 }, { unique: true });

export type InviteDoc = InferSchemaType<typeof inviteSchema>;
export const inviteModel = (conn: Connection) => conn.model('Invite', inviteSchema);
