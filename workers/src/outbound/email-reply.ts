import type { Message } from '@kefu/schemas';

export interface ThreadForReply {
  address: string;
  ourAddress: string;
  subject: string;
  references: string[];
  lastMessageId?: string | null;
}

export interface ReplyMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
}

/**
 * The Message-ID of the mail that carries one of our messages. Derived from the message id, so
 * a mail sent twice (see sendOutbound) carries the same id and most mail clients show it once.
 */
export function replyMessageId(messageId: string, mailDomain: string): string {
  return `<${messageId}@${mailDomain}>`;
}

/** Our reply as mail clients thread it: In-Reply-To the newest mail, References the thread. */
export function composeReply(
  thread: ThreadForReply,
  message: Pick<Message, 'id' | 'text'>,
  opts: { mailDomain: string; fromName: string },
): ReplyMail {
  return {
    from: `"${opts.fromName.replace(/["\\\r\n]/g, '')}" <${thread.ourAddress}>`,
    to: thread.address,
    subject: replySubject(thread.subject),
    text: message.text,
    messageId: replyMessageId(message.id, opts.mailDomain),
    ...(thread.lastMessageId ? { inReplyTo: thread.lastMessageId } : {}),
    ...(thread.references.length ? { references: thread.references } : {}),
  };
}

/** "Re: <subject>", without stacking "Re: Re:". */
export function replySubject(subject: string): string {
  const trimmed = subject.trim() || '(no subject)';
  return /^re:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

/** The References of the next mail: the thread's ids plus the new one, the newest 20 kept. */
export { appendReference } from '@kefu/runtime/models';
