import type { AgentEvent, InboxConversation, InboxMessage, NoteWire } from '@kefu/schemas/api';
import { shown, shownEmail, type PiiView } from '../privacy/pii-view';

/**
 * The inbox's wire shapes as one reader may see them (docs/privacy.md): the builders in
 * inbox-view.ts and conversation-actions.ts take a view, and the agent hub passes every pushed
 * event through `agentEventFor` per socket, so a push cannot carry clear text to a masked reader.
 */
export function inboxMessageFor(view: PiiView, m: InboxMessage): InboxMessage {
  return view.clear ? m : { ...m, text: shown(view, m.text) };
}

export function noteFor(view: PiiView, n: NoteWire): NoteWire {
  return view.clear ? n : { ...n, text: shown(view, n.text) };
}

export function inboxConversationFor(view: PiiView, c: InboxConversation): InboxConversation {
  if (view.clear) return c;
  return {
    ...c,
    contact: { ...c.contact, ...(c.contact.email ? { email: shownEmail(view, c.contact.email) } : {}) },
    ...(c.lastMessage ? { lastMessage: { ...c.lastMessage, text: shown(view, c.lastMessage.text) } } : {}),
    ...(c.csat?.comment ? { csat: { ...c.csat, comment: shown(view, c.csat.comment) } } : {}),
  };
}

/** A pushed frame for one socket. */
export function agentEventFor(view: PiiView, event: AgentEvent): AgentEvent {
  if (view.clear) return event;
  if ('message' in event) return { ...event, message: inboxMessageFor(view, event.message) };
  if ('note' in event) return { ...event, note: noteFor(view, event.note) };
  if ('conversation' in event)
    return { ...event, conversation: inboxConversationFor(view, event.conversation) };
  return event;
}
