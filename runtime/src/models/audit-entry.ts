import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { listKeys, sequenceFields } from './list-keys';
import { tenantScoped } from './tenant-scope';

/** One change an owner made: who, when, what, and the values before and after. Never updated. */
export const auditEntrySchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    actorId: { type: Schema.Types.ObjectId, required: true },
    actorEmail: { type: String, required: true },
    /** e.g. `user.roles.change`, `invite.create`, `workspace.update`. */
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    before: { type: Schema.Types.Mixed },
    after: { type: Schema.Types.Mixed },
    at: { type: Date, required: true, default: () => new Date() },
    ...sequenceFields,
  },
  { minimize: false },
);
auditEntrySchema.plugin(tenantScoped);
auditEntrySchema.plugin(growsWithHistory);
auditEntrySchema.index({ workspaceId: 1, at: -1 });
/** A target's entries: what deleting a contact rewrites (privacy/erase-contact.ts). */
auditEntrySchema.index({ workspaceId: 1, targetId: 1 });
/** The log newest first (routes/audit) reads page keys, not the workspace's whole history. */
listKeys(auditEntrySchema, { sequences: [{ page: 'page', seq: 'seq', list: () => 'audit' }] });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema>;
export const auditEntryModel = (conn: Connection) => conn.model('AuditEntry', auditEntrySchema);
