import type {
  CannedReplyWire,
  ContactDetail,
  ContactReveal,
  ContactWire,
  Inbox,
  InboxConversation,
  InboxMessage,
  NoteWire,
} from '@kefu/schemas/api';
import { loadPeople } from '../shared/directory';
import { apiCall, queryString } from '../shared/http';

/** What the inbox shows; the http implementation below maps the API's wire shapes onto these. */
export type Author = 'customer' | 'bot' | 'agent' | 'system' | 'note';

export interface ThreadMessage {
  id: string;
  author: Author;
  text: string;
  createdAt: string;
  /** The staff member who wrote an agent reply or a note. */
  authorId?: string;
  /** Sensitive-word categories found in it (docs/sensitive-words.md). */
  sensitive?: string[];
}

export interface InboxItem {
  id: string;
  contactId: string;
  contactName?: string;
  contactEmail?: string;
  status: 'open' | 'closed';
  channel: string;
  teamId?: string;
  assigneeId?: string;
  priority?: string;
  preview?: string;
  lastMessageAt?: string;
  unread: number;
  csat?: { rating: number; comment?: string };
  /** Set when this conversation is offered to me through routing (accept/decline the offer). */
  offerId?: string;
}

export interface Queues {
  unassigned: InboxItem[];
  mine: InboxItem[];
}

export interface CannedReply {
  id: string;
  title: string;
  text: string;
  shortcut?: string;
}

export interface ContactProfile {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  tags: string[];
  attributes: Record<string, unknown>;
  /** Email, phone and attributes came masked (docs/privacy.md); `revealContact` shows them. */
  masked?: boolean;
}

export interface ContactHistory {
  conversations: { id: string; status: string; createdAt: string; lastMessageAt?: string }[];
  tickets: { id: string; number?: number; subject: string; status: string; createdAt: string }[];
}

export interface TransferTarget {
  id: string;
  name: string;
}

/** The one seam between the inbox screens and the network, so component tests can stand in. */
export interface InboxApi {
  queues(): Promise<Queues>;
  conversation(id: string): Promise<InboxItem>;
  messages(id: string): Promise<ThreadMessage[]>;
  reply(id: string, text: string): Promise<void>;
  note(id: string, text: string): Promise<void>;
  /** Tells the customer's widget the agent is typing a reply (or stopped); optional for test fakes. */
  typing?(id: string, typing: boolean): Promise<void>;
  /** The conversation as it is after the change, when the API says (the offer route does not). */
  accept(item: InboxItem): Promise<InboxItem | void>;
  decline(item: InboxItem): Promise<void>;
  transfer(id: string, to: { agentId: string } | { teamId: string }): Promise<InboxItem>;
  resolve(id: string): Promise<InboxItem>;
  reopen(id: string): Promise<InboxItem>;
  markRead(id: string): Promise<void>;
  cannedReplies(query: string): Promise<CannedReply[]>;
  /**
   * The contact with their conversations and tickets (GET /contacts/:id), personal fields masked
   * for everyone: the panel shows them on an explicit reveal.
   */
  contact(id: string): Promise<{ profile: ContactProfile; history: ContactHistory }>;
  /** The contact's email, phone and attributes in clear (POST /contacts/:id/reveal, audited). */
  revealContact(id: string): Promise<ContactReveal>;
  teams(): Promise<TransferTarget[]>;
  agents(): Promise<TransferTarget[]>;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The inbox API on this origin (schemas/src/api/inbox.ts; routes /inbox, /conversations/:id/...). */
export function createHttpInboxApi(): InboxApi {
  let people: Promise<TransferTarget[]> | null = null;
  return {
    async queues() {
      const inbox = await apiCall<Inbox>('GET', '/inbox');
      const offerOf = new Map(inbox.offers.map((o) => [o.conversationId, o.id]));
      const unassigned = inbox.queue.map((c) => toItem(c, offerOf.get(c.id)));
      // An offer for a conversation outside my queue list (over 100 waiting) still shows.
      for (const offer of inbox.offers)
        if (!unassigned.some((item) => item.id === offer.conversationId))
          unassigned.push({
            id: offer.conversationId,
            contactId: '',
            status: 'open',
            channel: 'web',
            unread: 0,
            offerId: offer.id,
          });
      return { unassigned, mine: inbox.mine.map((c) => toItem(c)) };
    },
    async conversation(id) {
      const answer = await apiCall<InboxConversation | WireSummary>('GET', `/conversations/${id}`);
      if ('contact' in answer) return toItem(answer);
      // GET /conversations/:id answers a bare summary: the contact's detail adds the name and the
      // rating (which GET /inbox does not hold for a resolved conversation).
      const item = toItem(answer);
      const detail = await apiCall<ContactDetail>('GET', `/contacts/${answer.contactId}`).catch(() => null);
      if (!detail || !('contact' in detail)) return item;
      const rating = detail.conversations.find((c) => c.id === id)?.csat;
      return {
        ...item,
        ...(detail.contact.name ? { contactName: detail.contact.name } : {}),
        ...(detail.contact.email ? { contactEmail: detail.contact.email } : {}),
        ...(rating ? { csat: { rating } } : {}),
      };
    },
    async messages(id) {
      const [messages, notes] = await Promise.all([
        apiCall<Page<InboxMessage>>('GET', `/conversations/${id}/messages?limit=100&sort=-createdAt`),
        apiCall<Page<NoteWire>>('GET', `/conversations/${id}/notes?limit=100&sort=-createdAt`).catch(() => ({
          items: [],
        })),
      ]);
      const thread: ThreadMessage[] = [
        ...[...messages.items].reverse().map((m) => ({
          id: m.id,
          author: m.author,
          text: m.text,
          createdAt: m.createdAt,
          ...(m.agentId ? { authorId: m.agentId } : {}),
          ...(m.sensitive?.length ? { sensitive: m.sensitive } : {}),
        })),
        ...[...notes.items].reverse().map((n) => ({
          id: n.id,
          author: 'note' as const,
          text: n.text,
          createdAt: n.createdAt,
          authorId: n.authorId,
        })),
      ];
      // Asked newest first (the latest 100), shown oldest first; a stable sort keeps equal times in order.
      return thread.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async reply(id, text) {
      await apiCall('POST', `/conversations/${id}/messages`, { clientMessageId: newClientId(), text });
    },
    async note(id, text) {
      await apiCall('POST', `/conversations/${id}/notes`, { clientMessageId: newClientId(), text });
    },
    async typing(id, typing) {
      await apiCall('POST', `/conversations/${id}/typing`, { typing });
    },
    async accept(item) {
      if (item.offerId) await apiCall('POST', `/offers/${item.offerId}/accept`);
      else return toItem(await apiCall<InboxConversation>('POST', `/conversations/${item.id}/accept`));
    },
    async decline(item) {
      if (item.offerId) await apiCall('POST', `/offers/${item.offerId}/decline`);
    },
    async transfer(id, to) {
      return toItem(await apiCall<InboxConversation>('POST', `/conversations/${id}/transfer`, to));
    },
    async resolve(id) {
      return toItem(await apiCall<InboxConversation>('POST', `/conversations/${id}/resolve`));
    },
    async reopen(id) {
      return toItem(await apiCall<InboxConversation>('POST', `/conversations/${id}/reopen`));
    },
    async markRead(id) {
      await apiCall('POST', `/conversations/${id}/read`).catch(() => {});
    },
    async cannedReplies(query) {
      const answer = await apiCall<Page<CannedReplyWire> | CannedReplyWire[]>(
        'GET',
        `/canned-replies${queryString({ q: query })}`,
      );
      return (Array.isArray(answer) ? answer : answer.items).map((r) => ({
        id: r.id,
        title: r.title,
        text: r.text,
        shortcut: r.shortcut,
      }));
    },
    revealContact: (id) => apiCall('POST', `/contacts/${encodeURIComponent(id)}/reveal`),
    async contact(id) {
      const answer = await apiCall<ContactDetail | ContactWire>('GET', `/contacts/${id}?masked=true`);
      // The detail answer; an older API answered the bare contact.
      const detail: ContactDetail =
        'contact' in answer
          ? answer
          : { contact: answer, conversations: [], tickets: [], surveyResponses: [] };
      const c = detail.contact;
      return {
        profile: {
          id: c.id,
          ...(c.name ? { name: c.name } : {}),
          ...(c.email ? { email: c.email } : {}),
          ...(c.phone ? { phone: c.phone } : {}),
          tags: c.tags ?? [],
          attributes: (c.attributes ?? {}) as Record<string, unknown>,
          ...(c.masked ? { masked: true } : {}),
        },
        history: { conversations: detail.conversations, tickets: detail.tickets },
      };
    },
    async teams() {
      const page = await apiCall<Page<{ id: string; name: string }>>('GET', '/teams?limit=100');
      return page.items.map((t) => ({ id: t.id, name: t.name }));
    },
    agents() {
      // Asked once per page load: for an agent /users answers 403 (owners only), no need to repeat it.
      people ??= loadPeople();
      return people;
    },
  };
}

/** The older conversation summary (contactId only) or the inbox's richer shape. */
type WireSummary = {
  id: string;
  contactId: string;
  channel: string;
  status: 'open' | 'closed';
  lastMessageAt?: string;
};

export function toItem(c: InboxConversation | WireSummary, offerId?: string): InboxItem {
  if (!('contact' in c))
    return { id: c.id, contactId: c.contactId, status: c.status, channel: c.channel, unread: 0 };
  return {
    id: c.id,
    contactId: c.contact.id,
    ...(c.contact.name ? { contactName: c.contact.name } : {}),
    ...(c.contact.email ? { contactEmail: c.contact.email } : {}),
    status: c.status,
    channel: c.channel,
    ...(c.teamId ? { teamId: c.teamId } : {}),
    ...(c.assigneeId ? { assigneeId: c.assigneeId } : {}),
    ...(c.priority ? { priority: c.priority } : {}),
    ...(c.lastMessage ? { preview: c.lastMessage.text } : {}),
    ...(c.lastMessageAt ? { lastMessageAt: c.lastMessageAt } : {}),
    unread: c.unread,
    ...(c.csat ? { csat: c.csat } : {}),
    ...(offerId ? { offerId } : {}),
  };
}

/** Ids the API uses to store a resend once (clientMessageIdSchema: 8-64 of A-Za-z0-9_-). */
function newClientId(): string {
  return `a${crypto.randomUUID().replace(/-/g, '')}`;
}
