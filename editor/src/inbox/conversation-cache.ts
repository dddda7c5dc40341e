import { create } from 'zustand';
import type { InboxItem } from './inbox-api';

interface ConversationCache {
  /** The newest inbox view of each conversation seen: from GET /inbox, actions and socket events. */
  items: Record<string, InboxItem>;
  /** Conversations whose customer is typing now. */
  typing: Record<string, boolean>;
  put(items: InboxItem[]): void;
  /** After a fresh GET /inbox: offers not in it are over (accepted, expired, released). */
  keepOffers(offered: Set<string>): void;
  setTyping(conversationId: string, typing: boolean): void;
}

/**
 * GET /conversations/:id answers a bare summary; the inbox's richer view of a conversation (contact
 * name, assignee, CSAT) comes with the queues, every action's answer and every socket event, so
 * the page keeps the latest it saw. An offer's queue entry keeps its offer id.
 */
export const useConversationCache = create<ConversationCache>((set) => ({
  items: {},
  typing: {},
  put(items) {
    set((s) => {
      const next = { ...s.items };
      for (const item of items) {
        const before = next[item.id];
        next[item.id] =
          before?.offerId && !item.offerId && item.status === 'open' && !item.assigneeId
            ? { ...item, offerId: before.offerId }
            : item;
      }
      return { items: next };
    });
  },
  keepOffers(offered) {
    set((s) => {
      const next = { ...s.items };
      for (const [id, item] of Object.entries(next))
        if (item.offerId && !offered.has(id)) next[id] = { ...item, offerId: undefined };
      return { items: next };
    });
  },
  setTyping(conversationId, typing) {
    set((s) => ({ typing: { ...s.typing, [conversationId]: typing } }));
  },
}));
