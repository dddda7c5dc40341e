import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

export const messageSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    author: { type: String, enum: ['customer', 'bot', 'agent', 'system'], required: true },
    /** Stored as plain text; every client renders it inert. */
    text: { type: String, required: true },
    clientMessageId: { type: String },
    /** Who wrote an `agent` message. */
    agentId: { type: Schema.Types.ObjectId },
    /** For a bot answer from the knowledge base: which article, and the question it answered. */
    kb: {
      articleId: { type: Schema.Types.ObjectId },
      query: { type: String },
    },
    /** The owner's sensitive-word categories found in it when it came (docs/sensitive-words.md). */
    sensitive: { type: [String], default: undefined },
    /** Buttons offered with a bot message (send-message, ask-question choices, survey ratings). */
    quickReplies: {
      type: [
        new Schema({ label: { type: String, required: true }, value: { type: String } }, { _id: false }),
      ],
      default: undefined,
    },
    /** A bot message that offers the customer the offline form (see the message schema). */
    offlineForm: { type: Boolean },
    /**
     * Makes every write of a message idempotent: the customer's resend of a clientMessageId and a
     * retried reply activity of the same run step both land on the same document.
     */
    idempotencyKey: { type: String, required: true, unique: true },
    /**
     * `due` on a customer or agent message from when it is stored until it has been handed to its
     * runs (and, for an agent's, sent out by its channel): a process that died in between leaves it
     * due, and the hand-off sweeper delivers it. A string, not a boolean, so the few due messages
     * are one key lookup (store/query-shape.ts).
     */
    handoff: { type: String },
  },
  { timestamps: true },
);
messageSchema.plugin(tenantScoped);
// A workspace backup reads its documents by this (runtime/src/backup).
messageSchema.index({ workspaceId: 1 });
messageSchema.plugin(growsWithHistory);
messageSchema.index({ conversationId: 1, createdAt: 1 });
messageSchema.index({ handoff: 1 });

export type MessageDoc = InferSchemaType<typeof messageSchema>;
export const messageModel = (conn: Connection) => conn.model('Message', messageSchema);
