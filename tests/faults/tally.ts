/**
 * Counts, per customer message, what became of it: from the customers' own logs (what they sent)
 * and from the store (stored how often, handed to the run or still due, answered how often).
 */
import type { Models } from '@kefu/runtime/models';
import type { WidgetCustomer } from './widget-customer';

export interface Tally {
  conversations: number;
  sent: number;
  /** Sent and never stored. */
  lost: string[];
  /** Stored more than once (same clientMessageId). */
  duplicated: string[];
  /** Stored and still waiting to be handed to its run (handoff: 'due'). */
  notHandedOver: string[];
  /** Stored with no bot reply naming it. */
  repliesMissing: string[];
  repliesDoubled: string[];
  /** Conversations without their one welcome, or with more than one. */
  welcomesMissing: string[];
  welcomesDoubled: string[];
  /** A customer whose hello opened a second conversation (lost their chat). */
  conversationsSplit: string[];
  /** Conversations with a customer message still unanswered. */
  stuckRuns: string[];
  /** Messages the widgets still hold unacknowledged. */
  unacknowledged: number;
  /** How often the widgets re-sent a message, and found an unacknowledged one in a resumed history. */
  resent: number;
  foundInHistory: number;
  /** How often a widget reconnected (sessions after the first). */
  reconnects: number;
}

const WELCOME = 'Hi! Welcome to Demo Shop. How can we help you today?';
const REPLY = /^Thanks, we got your message: "(.*)"\. A teammate will answer shortly\.$/s;

export async function tally(
  models: Models,
  workspaceId: string,
  customers: WidgetCustomer[],
): Promise<Tally> {
  const t: Tally = {
    conversations: customers.length,
    sent: 0,
    lost: [],
    duplicated: [],
    notHandedOver: [],
    repliesMissing: [],
    repliesDoubled: [],
    welcomesMissing: [],
    welcomesDoubled: [],
    conversationsSplit: [],
    stuckRuns: [],
    unacknowledged: 0,
    resent: 0,
    foundInHistory: 0,
    reconnects: 0,
  };
  for (const customer of customers) {
    t.sent += customer.sent.length;
    t.unacknowledged += customer.unacknowledged;
    t.resent += customer.resent;
    t.foundInHistory += customer.foundInHistory;
    t.reconnects += Math.max(0, customer.sessions - 1);
    const conversationIds = [...customer.conversationIds];
    if (conversationIds.length > 1) t.conversationsSplit.push(conversationIds.join(' '));
    const stored = (
      await Promise.all(
        conversationIds.map((conversationId) => models.Message.find({ workspaceId, conversationId }).lean()),
      )
    ).flat();
    const byClientId = new Map<string, typeof stored>();
    const replies = new Map<string, number>();
    let welcomes = 0;
    for (const m of stored) {
      if (m.author === 'customer' && m.clientMessageId)
        byClientId.set(m.clientMessageId, [...(byClientId.get(m.clientMessageId) ?? []), m]);
      if (m.author !== 'bot') continue;
      if (m.text === WELCOME) welcomes++;
      const answered = REPLY.exec(m.text)?.[1];
      if (answered !== undefined) replies.set(answered, (replies.get(answered) ?? 0) + 1);
    }
    const conversation = conversationIds[0] ?? '(no session)';
    if (welcomes === 0) t.welcomesMissing.push(conversation);
    if (welcomes > 1) t.welcomesDoubled.push(`${conversation} ×${welcomes}`);
    let stuck = false;
    for (const { clientMessageId, text } of customer.sent) {
      const copies = byClientId.get(clientMessageId) ?? [];
      const label = `${conversation} "${text}"`;
      if (copies.length === 0) {
        t.lost.push(label);
        continue;
      }
      if (copies.length > 1) t.duplicated.push(`${label} ×${copies.length}`);
      if (copies.some((m) => m.handoff === 'due')) t.notHandedOver.push(label);
      const answers = replies.get(text) ?? 0;
      if (answers === 0) {
        t.repliesMissing.push(label);
        stuck = true;
      }
      if (answers > 1) t.repliesDoubled.push(`${label} ×${answers}`);
    }
    if (stuck) t.stuckRuns.push(conversation);
  }
  return t;
}

/** Everything sent is stored once, handed over and answered once, and no widget waits for an ack. */
export function settled(t: Tally): boolean {
  return failures(t) === 0 && t.unacknowledged === 0;
}

export function failures(t: Tally): number {
  return (
    t.lost.length +
    t.duplicated.length +
    t.notHandedOver.length +
    t.repliesMissing.length +
    t.repliesDoubled.length +
    t.welcomesMissing.length +
    t.welcomesDoubled.length +
    t.conversationsSplit.length
  );
}
