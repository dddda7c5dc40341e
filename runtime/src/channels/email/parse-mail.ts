import { simpleParser, type AddressObject } from 'mailparser';
import { MESSAGE_TEXT_MAX } from '@kefu/schemas';

/** A customer's mail as the inbox needs it: plain text only, headers for threading. */
export interface InboundMail {
  from: { address: string; name?: string };
  subject: string;
  text: string;
  /** Our Message-IDs are compared lower-cased; kept with their angle brackets. */
  messageId?: string;
  /** In-Reply-To first, then References newest first: the order to look a thread up in. */
  threadIds: string[];
}

/** A mail we will not take, with the SMTP reply code that says so. */
export class MailRefused extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses a raw mail (MIME, any charset and transfer encoding) into text. An HTML-only mail is
 * converted to text (mailparser's html-to-text: scripts and styles dropped, tags gone), so what
 * we store is never markup; the quoted history a mail client appends under a reply is cut off.
 */
export async function parseMail(raw: Buffer): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const from = firstAddress(parsed.from);
  if (!from) throw new MailRefused(550, '5.1.7 The mail has no sender address');
  const text = stripQuotedReply(parsed.text ?? '').trim();
  if (!text) throw new MailRefused(550, '5.6.0 The mail has no text to read');
  const references = Array.isArray(parsed.references)
    ? parsed.references
    : parsed.references
      ? parsed.references.split(/\s+/)
      : [];
  const threadIds = [...(parsed.inReplyTo ? [parsed.inReplyTo] : []), ...references.reverse()]
    .map((id) => id.trim())
    .filter((id, i, all) => id && all.indexOf(id) === i);
  return {
    from,
    subject: (parsed.subject ?? '').trim().slice(0, 200) || '(no subject)',
    text: truncate(text),
    ...(parsed.messageId ? { messageId: parsed.messageId.trim() } : {}),
    threadIds,
  };
}

function firstAddress(field: AddressObject | undefined): InboundMail['from'] | null {
  const first = field?.value.find((a) => a.address);
  if (!first?.address) return null;
  return { address: first.address.toLowerCase(), ...(first.name ? { name: first.name.slice(0, 100) } : {}) };
}

/**
 * Drops what a mail client quotes under a reply: from the first "On … wrote:" line (English, or
 * the Chinese "在 … 写道：") or the first run of "> " lines to the end. A mail that is only a quote
 * keeps its text, so nothing a customer sent is lost.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cut = lines.findIndex(
    (line, i) =>
      /^On .{4,200} wrote:\s*$/.test(line.trim()) ||
      /^在.{2,200}写道[:：]\s*$/.test(line.trim()) ||
      /^-{2,}\s*Original Message\s*-{2,}$/i.test(line.trim()) ||
      (line.startsWith('>') && lines.slice(i).every((rest) => rest.startsWith('>') || !rest.trim())),
  );
  const kept = cut > 0 ? lines.slice(0, cut).join('\n').trimEnd() : text;
  return kept.trim() ? kept : text;
}

function truncate(text: string): string {
  return text.length <= MESSAGE_TEXT_MAX ? text : `${text.slice(0, MESSAGE_TEXT_MAX - 1)}…`;
}
