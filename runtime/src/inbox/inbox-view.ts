import type { InboxConversation, InboxMessage } from '@kefu/schemas/api';
import { idForKey, type ConversationDoc, type MessageDoc, type Models } from '../models';

type ConversationRow = ConversationDoc & { _id: unknown };
const PREVIEW_CHARS = 200;

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
 * Conversations as the inbox lists them, for one agent: contact, newest message and how many
 * customer messages arrived after the agent's read mark. A fixed number of queries whatever the
 * count (FerretDB scans on every query, so one scan for all beats one per conversation).
 */
export async function toInboxConversations(
  models: Models,
  workspaceId: string,
  userId: string,
  rows: readonly ConversationRow[],
): Promise<InboxConversation[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((c) => String(c._id));
  const [contacts, marks, messages] = await Promise.all([
    models.Contact.find({ workspaceId, _id: { $in: rows.map((c) => c.contactId) } }, { name: 1, email: 1 }).lean(),
    models.ReadMark.find({ workspaceId, _id: { $in: ids.map((id) => readMarkId(id, userId)) } }).lean(),
    models.Message.find({ workspaceId, conversationId: { $in: ids } }, { conversationId: 1, author: 1, text: 1, createdAt: 1 })
      .sort({ createdAt: 1 })
      .lean(),
  ]);
  const contactById = new Map(contacts.map((c) => [String(c._id), c]));
  const readAt = new Map(marks.map((m) => [String(m.conversationId), m.readAt.getTime()]));
  const last = new Map<string, (typeof messages)[number]>();
  const unread = new Map<string, number>();
  for (const m of messages) {
    const id = String(m.conversationId);
    last.set(id, m);
    if (m.author === 'customer' && new Date(m.createdAt).getTime() > (readAt.get(id) ?? 0))
      unread.set(id, (unread.get(id) ?? 0) + 1);
  }
  return rows.map((c) => {
    const id = String(c._id);
    const contact = contactById.get(String(c.contactId));
    const newest = last.get(id);
    return {
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
              createdAt: new Date(newest.createdAt).toISOString(),
            },
          }
        : {}),
      ...(c.lastMessageAt ? { lastMessageAt: new Date(c.lastMessageAt).toISOString() } : {}),
      unread: unread.get(id) ?? 0,
      ...(c.csat?.rating ? { csat: { rating: c.csat.rating, ...(c.csat.comment ? { comment: c.csat.comment } : {}) } } : {}),
      ...(c.resolvedAt ? { resolvedAt: new Date(c.resolvedAt).toISOString() } : {}),
      createdAt: new Date(c.createdAt).toISOString(),
    };
  });
}

export async function toInboxConversation(
  models: Models,
  workspaceId: string,
  userId: string,
  row: ConversationRow,
): Promise<InboxConversation> {
  return (await toInboxConversations(models, workspaceId, userId, [row]))[0] as InboxConversation;
}

/** A stored message for staff: the widget's shape plus the agent who wrote it. */
export function toInboxMessage(doc: MessageDoc & { _id: unknown }): InboxMessage {
  return {
    id: String(doc._id),
    conversationId: String(doc.conversationId),
    author: doc.author,
    text: doc.text,
    createdAt: new Date(doc.createdAt).toISOString(),
    ...(doc.clientMessageId ? { clientMessageId: doc.clientMessageId } : {}),
    ...(doc.agentId ? { agentId: String(doc.agentId) } : {}),
    ...(doc.kb?.articleId ? { kbArticleId: String(doc.kb.articleId) } : {}),
    ...(doc.quickReplies?.length
      ? { quickReplies: doc.quickReplies.map((q) => ({ label: q.label, ...(q.value ? { value: q.value } : {}) })) }
      : {}),
  };
}
