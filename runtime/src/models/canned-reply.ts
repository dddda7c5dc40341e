import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

/** A reply owners prepare and agents insert; its text may hold `{{contact.name}}`-style variables. */
export const cannedReplySchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    /** Unique per workspace: what an agent types after "/". */
    shortcut: { type: String, required: true },
    title: { type: String, required: true },
    text: { type: String, required: true },
    tags: { type: [String], default: [] },
  },
  { timestamps: true },
);
cannedReplySchema.plugin(tenantScoped);
cannedReplySchema.index({ workspaceId: 1, shortcut: 1 }, { unique: true });

export type CannedReplyDoc = InferSchemaType<typeof cannedReplySchema>;
export const cannedReplyModel = (conn: Connection) => conn.model('CannedReply', cannedReplySchema);
