import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { changeFromRead, revisioned } from './revision';
import { sealedFields } from './sealed-fields';
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
    /** The customer's address (the From of their first mail); stored sealed, like the contact's email. */
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
// A workspace backup reads its documents by this (runtime/src/backup).
emailThreadSchema.index({ workspaceId: 1 });
emailThreadSchema.plugin(growsWithHistory);
// A customer's mail and our reply can land at once: both append to references (recordThreadMessage).
emailThreadSchema.plugin(revisioned);
/** Replies must go to the address, so it is kept; sealed, it is clear only to the model's readers. */
sealedFields(emailThreadSchema, 'EmailThread', ['address']);

export type EmailThreadDoc = InferSchemaType<typeof emailThreadSchema>;
export const emailThreadModel = (conn: Connection) => conn.model('EmailThread', emailThreadSchema);

/** References a reply lists: the thread's newest Message-IDs (older ones add nothing to threading). */
const REFERENCES_KEPT = 20;

/** The thread's references with `messageId` appended (moved to the end if it was there), capped. */
export function appendReference(references: readonly string[], messageId: string): string[] {
  return [...references.filter((r) => r !== messageId), messageId].slice(-REFERENCES_KEPT);
}

/** A mail joined the thread (the customer's, or our reply): the next reply answers it and lists it. */
export async function recordThreadMessage(
  EmailThread: ReturnType<typeof emailThreadModel>,
  workspaceId: string | Types.ObjectId,
  conversationId: string | Types.ObjectId,
  messageId: string,
): Promise<void> {
  await changeFromRead(EmailThread, { _id: conversationId, workspaceId }, (thread) => ({
    update: {
      $set: { lastMessageId: messageId, references: appendReference(thread.references ?? [], messageId) },
    },
    result: undefined,
  }));
}

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
// A workspace backup reads its documents by this (runtime/src/backup).
mailIdSchema.index({ workspaceId: 1 });
mailIdSchema.plugin(growsWithHistory);
/** A conversation's, found when it is erased (privacy/erase.ts). */
mailIdSchema.index({ workspaceId: 1, conversationId: 1 });

export const mailIdKey = (workspaceId: string, mailMessageId: string) =>
  `mail-id/${workspaceId}/${mailMessageId.trim().toLowerCase()}`;

export type MailIdDoc = InferSchemaType<typeof mailIdSchema>;
export const mailIdModel = (conn: Connection) => conn.model('MailId', mailIdSchema);
