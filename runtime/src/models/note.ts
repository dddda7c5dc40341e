import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

/**
 * An internal note on a conversation. A collection of its own, not a kind of Message: the widget
 * reads a conversation's messages, so a note can never reach the customer by being in that list.
 */
export const noteSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    authorId: { type: Schema.Types.ObjectId, required: true },
    text: { type: String, required: true },
    /** `note/<conversation>/<author>/<clientMessageId>`, or a fresh one: a resend is stored once. */
    idempotencyKey: { type: String, required: true, unique: true },
  },
  { timestamps: true },
);
noteSchema.plugin(tenantScoped);
noteSchema.plugin(growsWithHistory);
noteSchema.index({ workspaceId: 1, conversationId: 1, createdAt: 1 });

export type NoteDoc = InferSchemaType<typeof noteSchema>;
export const noteModel = (conn: Connection) => conn.model('Note', noteSchema);
