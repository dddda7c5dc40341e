import { simpleParser, type AddressObject } from 'mailparser';
import { MESSAGE_TEXT_MAX } from '@kefu/schemas';
import { cleanText, truncateText, unsafeTextProblem } from '@kefu/schemas/validate';

/** A customer's mail as the inbox needs it: plain text only, headers for threading. */
export interface InboundMail {
  from: { address: string; name?: string };
  subject: string;
  text: string;
  /** Our Message-IDs are compared lower-cased; kept with their angle brackets. */
  messageId?: string;
  /** In-Reply-To first, then References newest first: the order to look a thread up in. */
  threadIds: string[];
  /**
   * Characters taken out of or replaced in each field (control characters, lone surrogates) so the
   * mail could be kept: the text rule of the API and the widget, applied without losing the mail.
   * Absent when nothing was changed; the SMTP listener logs it.
   */
  cleaned?: Partial<Record<'text' | 'subject' | 'name', number>>;
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
  const body = cleanText(stripQuotedReply(parsed.text ?? ''));
  const text = body.text.trim();
  if (!text) throw new MailRefused(550, '5.6.0 The mail has no text to read');
  const subject = cleanText((parsed.subject ?? '').trim(), true);
  const cleaned = {
    ...(body.changed ? { text: body.changed } : {}),
    ...(subject.changed ? { subject: subject.changed } : {}),
    ...(from.cleaned ? { name: from.cleaned } : {}),
  };
  const references = Array.isArray(parsed.references)
    ? parsed.references
    : parsed.references
      ? parsed.references.split(/\s+/)
      : [];
  const threadIds = [...(parsed.inReplyTo ? [parsed.inReplyTo] : []), ...references.reverse()]
    .map((id) => id.trim())
    .filter((id, i, all) => id && all.indexOf(id) === i);
  return {
    from: { address: from.address, ...(from.name ? { name: from.name } : {}) },
    subject: truncateText(subject.text.trim(), 200) || '(no subject)',
    text: truncateText(text, MESSAGE_TEXT_MAX),
    ...(parsed.messageId ? { messageId: parsed.messageId.trim() } : {}),
    threadIds,
    ...(Object.keys(cleaned).length > 0 ? { cleaned } : {}),
  };
}

/** The sender; an address holding control characters is none we could answer (refused as no sender). */
function firstAddress(field: AddressObject | undefined): (InboundMail['from'] & { cleaned: number }) | null {
  const first = field?.value.find((a) => a.address);
  if (!first?.address || unsafeTextProblem(first.address)) return null;
  const name = first.name ? cleanText(first.name, true) : null;
  const shown = name ? truncateText(name.text.trim(), 100) : '';
  return {
    address: first.address.toLowerCase(),
    ...(shown ? { name: shown } : {}),
    cleaned: name?.changed ?? 0,
  };
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
