import type { InboxConversation, InboxMessage } from '@kefu/schemas/api';
import { idForKey, type ConversationDoc, type MessageDoc, type Models } from '../models';
import { PREVIEW_CHARS } from './last-message';
import type { PiiView } from '../privacy/pii-view';
import { inboxConversationFor, inboxMessageFor } from './inbox-privacy';

type ConversationRow = ConversationDoc & { _id: unknown };

/** The ids of the teams the user belongs to. */
export async function teamsOf(models: Models, workspaceId: string, userId: string): Promise<string[]> {
  const teams = await models.Team.find({ workspaceId, members: userId }, { _id: 1 }).lean();
  return teams.map((t) => String(t._id));
}

/** The read mark of one agent on one conversation has an id derived from the pair. */
export function readMarkId(conversationId: string, userId: string) {
  return idForKey(`read/${conversationId}/${userId}`);
}

/**
 * Conversations as the inbox lists them, for one agent: contact, newest words and how many
 * customer messages arrived after the agent's read mark. Every read is by key and per row (a
 * contact, a read mark by its derived id, at most one conversation's messages), so the cost follows
 * the rows shown, never the workspace's history (an `$in` over ids would read the whole workspace).
 */
export async function toInboxConversations(
  models: Models,
  workspaceId: string,
  userId: string,
  rows: readonly ConversationRow[],
  view: PiiView,
): Promise<InboxConversation[]> {
  const contactIds = [...new Set(rows.map((c) => String(c.contactId)))];
  const contacts = await Promise.all(
    contactIds.map((id) => models.Contact.findOne({ _id: id, workspaceId }, { name: 1, email: 1 }).lean()),
  );
  const contactById = new Map(contacts.filter((c) => c !== null).map((c) => [String(c._id), c]));
  return await Promise.all(
    rows.map(async (c) => {
      const id = String(c._id);
      const contact = contactById.get(String(c.contactId));
      const { newest, unread } = await summaryFor(models, workspaceId, userId, c);
      return inboxConversationFor(view, {
        id,
        contact: {
          id: String(c.contactId),
          ...(contact?.name ? { name: contact.name } : {}),
          ...(contact?.email ? { email: contact.email } : {}),
        },
        channel: c.channel,
        status: c.status,
        ...(c.teamId ? { teamId: String(c.teamId) } : {}),
        ...(c.assignee?.agentId ? { assigneeId: String(c.assignee.agentId) } : {}),
        ...(c.priority ? { priority: c.priority } : {}),
        ...(c.handoff?.reason ? { handoffReason: c.handoff.reason } : {}),
        ...(newest
          ? {
              lastMessage: {
                author: newest.author,
                text: newest.text.slice(0, PREVIEW_CHARS),
                createdAt: new Date(newest.at).toISOString(),
              },
            }
          : {}),
        ...(c.lastMessageAt ? { lastMessageAt: new Date(c.lastMessageAt).toISOString() } : {}),
        unread,
        ...(c.csat?.rating
          ? { csat: { rating: c.csat.rating, ...(c.csat.comment ? { comment: c.csat.comment } : {}) } }
          : {}),
        ...(c.resolvedAt ? { resolvedAt: new Date(c.resolvedAt).toISOString() } : {}),
        createdAt: new Date(c.createdAt).toISOString(),
      });
    }),
  );
}

type Newest = { author: 'customer' | 'agent'; text: string; at: Date };

/**
 * The preview and the unread count of one conversation for one agent. The conversation carries its
 * newest customer or agent message and its latest customer message time (last-message.ts): only
 * when a customer wrote after the agent's read mark are that conversation's customer messages read.
 * A conversation without them (stored before they were kept, or with no customer or agent
 * message yet) reads its own messages here.
 */
async function summaryFor(
  models: Models,
  workspaceId: string,
  userId: string,
  c: ConversationRow,
): Promise<{ newest: Newest | null; unread: number }> {
  const id = String(c._id);
  const mark = await models.ReadMark.findOne(
    { _id: readMarkId(id, userId), workspaceId },
    { readAt: 1 },
  ).lean();
  const readAt = mark?.readAt.getTime() ?? 0;
  const stored = c.lastMessage?.author && c.lastMessage.at ? (c.lastMessage as Newest) : null;
  const summarized = Boolean(stored);
  if (summarized && (!c.lastCustomerAt || new Date(c.lastCustomerAt).getTime() <= readAt))
    return { newest: stored, unread: 0 };
  const messages = await models.Message.find(
    { workspaceId, conversationId: id, ...(summarized ? { author: 'customer' as const } : {}) },
    { author: 1, text: 1, createdAt: 1 },
  ).lean();
  let newest = stored;
  let unread = 0;
  for (const m of messages) {
    const at = new Date(m.createdAt);
    if (m.author === 'customer' && at.getTime() > readAt) unread++;
    if (!summarized && (m.author === 'customer' || m.author === 'agent') && (!newest || at >= newest.at))
      newest = { author: m.author, text: m.text, at };
  }
  return { newest, unread };
}

export async function toInboxConversation(
  models: Models,
  workspaceId: string,
  userId: string,
  row: ConversationRow,
  view: PiiView,
): Promise<InboxConversation> {
  return (await toInboxConversations(models, workspaceId, userId, [row], view))[0] as InboxConversation;
}

/**
 * A stored message for staff: the widget's shape plus the agent who wrote it and the sensitive-word
 * categories it was flagged with. Every push to agents uses it too, so a live message carries the
 * same flags as the stored one.
 */
export function toInboxMessage(doc: MessageDoc & { _id: unknown }, view: PiiView): InboxMessage {
  return inboxMessageFor(view, {
    id: String(doc._id),
    conversationId: String(doc.conversationId),
    author: doc.author,
    text: doc.text,
    createdAt: new Date(doc.createdAt).toISOString(),
    ...(doc.clientMessageId ? { clientMessageId: doc.clientMessageId } : {}),
    ...(doc.agentId ? { agentId: String(doc.agentId) } : {}),
    ...(doc.kb?.articleId ? { kbArticleId: String(doc.kb.articleId) } : {}),
    ...(doc.sensitive?.length ? { sensitive: [...doc.sensitive] } : {}),
    ...(doc.quickReplies?.length
      ? {
          quickReplies: doc.quickReplies.map((q) => ({
            label: q.label,
            ...(q.value ? { value: q.value } : {}),
          })),
        }
      : {}),
  });
}
