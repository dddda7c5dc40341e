import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { ROLES } from '@kefu/schemas/api';
import { tenantScoped } from './tenant-scope';

/** A person who signs in to one workspace's console. One account per email (see README). */
export const userSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    /** Lower-cased; unique across all workspaces so that login needs only email and password. */
    email: { type: String, required: true },
    name: { type: String, required: true },
    passwordHash: { type: String, required: true },
    roles: { type: [String], enum: ROLES, required: true },
    disabled: { type: Boolean, default: false, required: true },
    /** Granted "view personal data" (docs/privacy.md); owners have it whatever this says. */
    viewPersonalData: { type: Boolean, default: false },
  },
  { timestamps: true },
);
userSchema.plugin(tenantScoped);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ workspaceId: 1, createdAt: 1 });

export type UserDoc = InferSchemaType<typeof userSchema>;
export const userModel = (conn: Connection) => conn.model('User', userSchema);
