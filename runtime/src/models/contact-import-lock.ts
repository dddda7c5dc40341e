import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

/**
 * At most one contacts import per workspace at a time: the `_id` is the workspace, so claiming is
 * an insert that a second claim collides with (one winner on any store). Deleted when the import
 * ends; a lock whose import has ended anyway (a crash between the two) is cleared by the next claim.
 */
export const contactImportLockSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    importId: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false, timestamps: true },
);
contactImportLockSchema.plugin(tenantScoped);

export type ContactImportLockDoc = InferSchemaType<typeof contactImportLockSchema>;
export const contactImportLockModel = (conn: Connection) =>
  conn.model('ContactImportLock', contactImportLockSchema);
