import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

/**
 * A workspace's alert rules and where their notices go (schemas/src/api/operations.ts), one
 * document per workspace. `active` is true while any rule is on: the evaluator's one lookup for
 * the workspaces it has work in.
 */
export const alertSettingsSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    emailOwners: { type: Boolean, required: true, default: true },
    webhookUrl: { type: String, default: null },
    /** The rules as the API validated them (their schema is the API's, alertSettingsSchema). */
    rules: { type: Schema.Types.Mixed, required: true },
    active: { type: Boolean, required: true },
  },
  { timestamps: true, minimize: false },
);
alertSettingsSchema.plugin(tenantScoped);
alertSettingsSchema.index({ workspaceId: 1 }, { unique: true });
alertSettingsSchema.index({ active: 1 });

export type AlertSettingsDoc = InferSchemaType<typeof alertSettingsSchema>;
export const alertSettingsModel = (conn: Connection) => conn.model('AlertSettings', alertSettingsSchema);
