import fp from 'fastify-plugin';
import { ACROSS_TENANTS, dueFlowEventsOf } from '../../models';
import type { DueMessage } from './conversations';
import { handOverDueAgentMessage, tellRunResolved } from '../../inbox/conversation-actions';
import { tellRunAccepted, tellRunTransferred, type StoredTransfer } from '../../inbox/assignment';
import type { TicketRecord } from './ticket-wire';

export interface HandoffSweeperOptions {
  /** How often to look for messages left due. */
  everyMs?: number;
  /**
   * How old a due message must be before a periodic pass takes it: younger ones are most likely
   * being handed over by the process that stored them right now.
   */
  olderThanMs?: number;
}

const across = { [ACROSS_TENANTS]: 'the sweeper hands over what any process left due' };

/**
 * What an API process that died half way left undelivered to runs. Every change a run must hear of
 * is stored first, with a mark saying it is due, and passed on after: customer and agent messages
 * (`handoff: 'due'`, conversations.ts, inbox/conversation-actions.ts), resolutions and transfers
 * (`resolvedSignal`, `transferSignal` on the conversation), accepted offers (`acceptedSignal`),
 * tickets' creations and changes (`flowsDue` with `dueFlowEvents`, tickets.ts). A process that dies
 * in between leaves the mark, and the widget or console that sees the change stored does not make
 * it again. This finds the marks (one key lookup each: only changes in that gap carry them) and
 * passes the changes on: at start, everything due, since the process that stored it may be this one
 * before a crash; then every `everyMs`, what is older than `olderThanMs`, for a process that died
 * and stays down. Repeating a delivery is safe (runs take each message, offer and change key once;
 * runs start once per id), so racing the original process or another sweeper costs nothing.
 */
export default fp(
  async (app, opts: HandoffSweeperOptions) => {
    const everyMs = opts.everyMs ?? 30_000;
    const olderThanMs = opts.olderThanMs ?? 30_000;
    let running: Promise<void> = Promise.resolve();
    let stopped = false;
    let delivered = 0;
    let stillDue = 0;

    /** Delivers each due item older than `olderThan`; one that fails stays due for the next pass. */
    async function deliverDue<T>(
      due: T[],
      olderThan: number,
      item: (t: T) => { at: Date | null | undefined; what: string; id: string },
      deliver: (t: T) => Promise<void>,
    ): Promise<void> {
      const cutoff = Date.now() - olderThan;
      for (const t of due) {
        if (stopped) return;
        const { at, what, id } = item(t);
        if (!at || new Date(at).getTime() > cutoff) continue;
        try {
          await deliver(t);
          delivered++;
          app.log.warn({ id }, `${what} delivered by the sweeper`);
        } catch (err) {
          // Temporal or the store away: the next pass tries again.
          stillDue++;
          app.log.warn({ err, id }, `${what} still due`);
        }
      }
    }

    async function sweep(olderThan: number): Promise<void> {
      const { Message, Conversation, Offer, Ticket } = app.models;
      const messages = await Message.find(
        { handoff: 'due' },
        { workspaceId: 1, conversationId: 1, author: 1, text: 1, createdAt: 1 },
      )
        .setOptions(across)
        .lean<(DueMessage & { author: string })[]>();
      await deliverDue(
        messages,
        olderThan,
        (m) => ({ at: m.createdAt, what: `${m.author} message`, id: String(m._id) }),
        (m) => (m.author === 'agent' ? handOverDueAgentMessage(app, m) : app.conversations.handOverDue(m)),
      );
      // Resolutions whose run was not told (resolvedSignal `due`), by the same rule.
      const resolved = await app.models.Conversation.find(
        { resolvedSignal: 'due' },
        { workspaceId: 1, resolvedAt: 1, resolvedBy: 1 },
      )
        .setOptions(across)
        .lean();
      await deliverDue(
        resolved.filter((c) => c.resolvedBy),
        olderThan,
        (c) => ({ at: c.resolvedAt, what: 'resolution', id: String(c._id) }),
        (c) =>
          tellRunResolved(app, String(c.workspaceId), String(c._id), String(c.resolvedBy), c.resolvedAt!),
      );
      const transferred = await Conversation.find({ transferSignal: 'due' }, { workspaceId: 1, transfer: 1 })
        .setOptions(across)
        .lean();
      await deliverDue(
        transferred.filter((c) => c.transfer?.by && c.transfer.at),
        olderThan,
        (c) => ({ at: c.transfer?.at, what: 'transfer', id: String(c._id) }),
        (c) => tellRunTransferred(app, String(c.workspaceId), String(c._id), c.transfer as StoredTransfer),
      );
      const accepted = await Offer.find(
        { acceptedSignal: 'due' },
        { workspaceId: 1, conversationId: 1, agentId: 1, acceptedAt: 1 },
      )
        .setOptions(across)
        .lean();
      await deliverDue(
        accepted,
        olderThan,
        (o) => ({ at: o.acceptedAt, what: 'accepted offer', id: String(o._id) }),
        (o) => tellRunAccepted(app, String(o.workspaceId), o),
      );
      // Tickets: each creation or change still due, oldest first as they were made.
      const tickets = await Ticket.find({ flowsDue: 'due' }).setOptions(across).lean<TicketRecord[]>();
      await deliverDue(
        tickets.flatMap((ticket) => dueFlowEventsOf(ticket).map((event) => ({ ticket, event }))),
        olderThan,
        ({ ticket, event }) => ({
          at: event.at,
          what: event.kind === 'created' ? 'ticket creation' : `ticket change ${event.key}`,
          id: String(ticket._id),
        }),
        ({ ticket, event }) => app.tickets.passToFlows(ticket, event),
      );
    }
    const pass = (olderThan: number, after?: () => void) => {
      running = running
        .then(() => sweep(olderThan))
        .then(after)
        .catch((err: unknown) => app.log.error({ err }, 'hand-off sweep failed'));
    };

    const timer = setInterval(() => pass(olderThanMs), everyMs);
    timer.unref();
    // Said once the first pass is over: an operator sees what a crash had left, and the fault
    // tests know this process has no old work of its own in flight before they crash it again.
    app.addHook('onReady', async () =>
      pass(0, () => app.log.info({ delivered, stillDue }, 'start-up hand-off sweep done')),
    );
    app.addHook('onClose', async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    });
  },
  { name: 'handoff-sweeper', dependencies: ['db', 'temporal', 'conversations', 'tickets'] },
);
