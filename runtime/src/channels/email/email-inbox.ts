import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { idForKey, insertOnce, mailIdKey } from '../../models';
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
export async function receiveMail(app: FastifyInstance, to: MailDestination, mail: InboundMail): Promise<{ conversationId: string; messageId: string }> {
  const { Conversation, EmailThread, MailId } = app.models;
  const { workspaceId } = to;
  // A mail without a Message-ID still gets a stable key: the hash of what it says.
  const mailMessageId =
    mail.messageId ?? `<${hash(`${mail.from.address}\n${mail.subject}\n${mail.text}`)}@no-message-id>`;

  // The name a mail client sends is only a default: an agent's edit of the contact wins.
  const contactId = await contactFor(app.models, workspaceId, `email:${mail.from.address}`, {
    onInsert: { email: mail.from.address, ...(mail.from.name ? { name: mail.from.name } : {}) },
  });

  const seen = await findMailId(app, workspaceId, mailMessageId);
  let conversationId = seen ? String(seen.conversationId) : null;
  if (!conversationId) {
    for (const id of mail.threadIds) {
      const known = await findMailId(app, workspaceId, id);
      if (!known) continue;
      const conversation = await Conversation.findOne(
        { _id: known.conversationId, workspaceId },
        { contactId: 1, status: 1, channel: 1 },
      ).lean();
      if (conversation?.status === 'open' && conversation.channel === 'email' && String(conversation.contactId) === contactId) {
        conversationId = String(conversation._id);
        break;
      }
    }
  }
  if (!conversationId) {
    const session = await app.conversations.openForContact({ workspaceId, contactId, channel: 'email', resume: false });
    conversationId = session.conversationId;
    await EmailThread.create({
      _id: conversationId,
      workspaceId,
      address: mail.from.address,
      ourAddress: to.ourAddress,
      subject: mail.subject,
      references: [],
    });
  }
  // Before the message: a resent mail must find this conversation rather than open another.
  await insertOnce(MailId, {
    workspaceId,
    conversationId,
    mailMessageId,
    idempotencyKey: mailIdKey(workspaceId, mailMessageId),
  });

  const session = await app.conversations.sessionOf(workspaceId, conversationId);
  if (!session) throw new Error(`conversation ${conversationId} vanished`);
  const message = await app.conversations.receiveFromCustomer(session, `mail-${hash(mailMessageId)}`, mail.text);
  await MailId.updateOne(
    { _id: idForKey(mailIdKey(workspaceId, mailMessageId)), workspaceId },
    { $set: { messageId: message.id } },
  );
  const thread = await EmailThread.findOne({ _id: conversationId, workspaceId }, { references: 1 }).lean();
  await EmailThread.updateOne(
    { _id: conversationId, workspaceId },
    {
      $set: {
        lastMessageId: mailMessageId,
        references: [...(thread?.references ?? []).filter((r) => r !== mailMessageId), mailMessageId].slice(-20),
      },
    },
  );
  return { conversationId, messageId: message.id };
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
