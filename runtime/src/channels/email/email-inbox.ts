import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { idForKey, insertOnce, mailIdKey, recordThreadMessage } from '../../models';
import { emailVisitorId } from '../../contacts/blind-keys';
import { contactFor } from '../contact-for';
import type { InboundMail } from './parse-mail';

export interface MailDestination {
  workspaceId: string;
  /** The address the customer wrote to (lower-cased): our replies come from it. */
  ourAddress: string;
}

/**
 * Files one customer mail into its workspace: the contact by email address, the conversation by
 * threading headers (a reply to any Message-ID of an open email conversation of the same
 * contact), else a new email conversation whose flow starts like the widget's. Safe to repeat
 * for the same mail (an SMTP client resends when our "250 OK" got lost): the mail's Message-ID
 * is recorded against its conversation before the message is stored, and the message is stored
 * once per Message-ID.
 */
export async function receiveMail(
  app: FastifyInstance,
  to: MailDestination,
  mail: InboundMail,
): Promise<{ conversationId: string; messageId: string }> {
  const { Conversation, EmailThread, MailId } = app.models;
  const { workspaceId } = to;
  // A mail without a Message-ID still gets a stable key: the hash of what it says.
  const mailMessageId =
    mail.messageId ?? `<${hash(`${mail.from.address}\n${mail.subject}\n${mail.text}`)}@no-message-id>`;

  // The name a mail client sends is only a default: an agent's edit of the contact wins.
  const contactId = await contactFor(app.models, workspaceId, emailVisitorId(mail.from.address), {
    onInsert: { email: mail.from.address, ...(mail.from.name ? { name: mail.from.name } : {}) },
  });

  const seen = await findMailId(app, workspaceId, mailMessageId);
  let conversationId = seen
    ? String(seen.conversationId)
    : await threadOf(app, workspaceId, contactId, mail.threadIds);
  if (!conversationId) {
    // A new thread: its conversation id comes from the mail's Message-ID, so a resent mail (our
    // 250 lost, or a crash half-way) lands on the same conversation instead of opening another.
    conversationId = String(idForKey(`email-conversation/${workspaceId}/${mailMessageId.toLowerCase()}`));
    // The thread first: the flow's welcome may go out before this function ends, and it needs
    // the address, the subject and the Message-ID it answers.
    await EmailThread.create({
      _id: conversationId,
      workspaceId,
      address: mail.from.address,
      ourAddress: to.ourAddress,
      subject: mail.subject,
      references: [mailMessageId],
      lastMessageId: mailMessageId,
    }).catch(ignoreDuplicate);
    const exists = await Conversation.exists({ _id: conversationId, workspaceId });
    if (!exists)
      await app.conversations
        .openForContact({ workspaceId, contactId, channel: 'email', resume: false, id: conversationId })
        .catch(ignoreDuplicate);
  }
  // Before the message: a resent mail must find this conversation rather than open another.
  await insertOnce(MailId, {
    workspaceId,
    conversationId,
    mailMessageId,
    idempotencyKey: mailIdKey(workspaceId, mailMessageId),
  });

  // In the thread before the run has the message: the flow's answer to it goes out by mail as soon
  // as the run has it, and must answer this mail (In-Reply-To, References). Appending is a
  // revisioned change, so our own replies joining the thread meanwhile are kept.
  await recordThreadMessage(EmailThread, workspaceId, conversationId, mailMessageId);
  const session = await app.conversations.sessionOf(workspaceId, conversationId);
  if (!session) throw new Error(`conversation ${conversationId} vanished`);
  const message = await app.conversations.receiveFromCustomer(
    session,
    `mail-${hash(mailMessageId)}`,
    mail.text,
    {
      mayRefuse: false,
    },
  );
  await MailId.updateOne(
    { _id: idForKey(mailIdKey(workspaceId, mailMessageId)), workspaceId },
    { $set: { messageId: message.id } },
  );
  return { conversationId, messageId: message.id };
}

/** The open email conversation of this contact that one of the mail's thread ids belongs to. */
async function threadOf(
  app: FastifyInstance,
  workspaceId: string,
  contactId: string,
  threadIds: string[],
): Promise<string | null> {
  for (const id of threadIds) {
    const known = await findMailId(app, workspaceId, id);
    if (!known) continue;
    const conversation = await app.models.Conversation.findOne(
      { _id: known.conversationId, workspaceId },
      { contactId: 1, status: 1, channel: 1 },
    ).lean();
    // Same contact only: a Message-ID is no secret, and must not let a stranger into a thread.
    if (
      conversation?.status === 'open' &&
      conversation.channel === 'email' &&
      String(conversation.contactId) === contactId
    )
      return String(conversation._id);
  }
  return null;
}

function ignoreDuplicate(err: unknown): void {
  if ((err as { code?: number }).code !== 11000) throw err;
}

function findMailId(app: FastifyInstance, workspaceId: string, mailMessageId: string) {
  return app.models.MailId.findOne(
    { _id: idForKey(mailIdKey(workspaceId, mailMessageId)), workspaceId },
    { conversationId: 1 },
  ).lean();
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
