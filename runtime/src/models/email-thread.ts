import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

/**
 * The mail side of an email conversation (`_id` is the conversation's id): whom replies go to, the
 * subject they answer, and the Message-IDs a reply lists in References so the customer's mail
 * client threads it under the original mail.
 */
export const emailThreadSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    /** The customer's address (the From of their first mail). */
    address: { type: String, required: true },
    /** Our address in this thread (the one the customer wrote to); replies come from it. */
    ourAddress: { type: String, required: true },
    subject: { type: String, required: true },
    /** Message-IDs of the thread, oldest first, capped (see appendReference). */
    references: { type: [String], default: [] },
    /** The newest Message-ID in the thread: the next reply's In-Reply-To. */
    lastMessageId: { type: String },
  },
  { timestamps: true },
);
emailThreadSchema.plugin(tenantScoped);
emailThreadSchema.plugin(growsWithHistory);

export type EmailThreadDoc = InferSchemaType<typeof emailThreadSchema>;
export const emailThreadModel = (conn: Connection) => conn.model('EmailThread', emailThreadSchema);

/**
 * A Message-ID (ours or the customer's) and the conversation it belongs to, so a mail that names it
 * in In-Reply-To or References threads into that conversation. `_id` = idForKey(mailIdKey(...)):
 * a lookup is one primary-key read.
 */
export const mailIdSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    /** The Kefu message stored for (or sent as) this mail. */
    messageId: { type: Schema.Types.ObjectId },
    mailMessageId: { type: String, required: true },
    idempotencyKey: { type: String, required: true },
  },
  { timestamps: true },
);
mailIdSchema.plugin(tenantScoped);
mailIdSchema.plugin(growsWithHistory);

export const mailIdKey = (workspaceId: string, mailMessageId: string) =>
  `mail-id/${workspaceId}/${mailMessageId.trim().toLowerCase()}`;

export type MailIdDoc = InferSchemaType<typeof mailIdSchema>;
export const mailIdModel = (conn: Connection) => conn.model('MailId', mailIdSchema);
