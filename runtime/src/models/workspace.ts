import { Schema, type Connection, type InferSchemaType } from 'mongoose';

export const workspaceSchema = new Schema(
  {
    name: { type: String, required: true },
    /** Public id the widget snippet carries; never a secret. */
    publicKey: { type: String, required: true, unique: true },
    /** IANA time zone for business hours and reports. */
    timeZone: { type: String, required: true, default: 'UTC' },
  },
  { timestamps: true },
);

export type WorkspaceDoc = InferSchemaType<typeof workspaceSchema>;
export const workspaceModel = (conn: Connection) => conn.model('Workspace', workspaceSchema);
