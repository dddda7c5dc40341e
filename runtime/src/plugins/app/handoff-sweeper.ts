import fp from 'fastify-plugin';
import { ACROSS_TENANTS } from '../../models';
import type { DueMessage } from './conversations';
import { tellRunResolved } from '../../inbox/conversation-actions';

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
 * What an API process that died half way left undelivered to runs. Customer messages are stored first and handed to their runs after (conversations.ts). A process
 * that dies in between leaves a message `handoff: 'due'`, and the widget, which sees it in the
 * resumed history, does not send it again. This finds those messages (one key lookup: only
 * messages in that gap carry the key) and hands them over: at start, every due message, since the
 * process that stored it may be this one before a crash; then every `everyMs`, the ones older than
 * `olderThanMs`, for a process that died and stays down. Repeating a hand-off is safe (runs take
 * each message id once), so racing the original process or another sweeper costs nothing.
 */
export default fp(
  async (app, opts: HandoffSweeperOptions) => {
    const everyMs = opts.everyMs ?? 30_000;
    const olderThanMs = opts.olderThanMs ?? 30_000;
    let running: Promise<void> = Promise.resolve();
    let stopped = false;

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
          app.log.warn({ id }, `${what} delivered by the sweeper`);
        } catch (err) {
          // Temporal or the store away: the next pass tries again.
          app.log.warn({ err, id }, `${what} still due`);
        }
      }
    }

    async function sweep(olderThan: number): Promise<void> {
      const messages = await app.models.Message.find(
        { handoff: 'due' },
        { workspaceId: 1, conversationId: 1, text: 1, createdAt: 1 },
      )
        .setOptions(across)
        .lean<DueMessage[]>();
      await deliverDue(
        messages,
        olderThan,
        (m) => ({ at: m.createdAt, what: 'customer message', id: String(m._id) }),
        (m) => app.conversations.handOverDue(m),
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
    }
    const pass = (olderThan: number) => {
      running = running
        .then(() => sweep(olderThan))
        .catch((err: unknown) => app.log.error({ err }, 'hand-off sweep failed'));
    };

    const timer = setInterval(() => pass(olderThanMs), everyMs);
    timer.unref();
    app.addHook('onReady', async () => pass(0));
    app.addHook('onClose', async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    });
  },
  { name: 'handoff-sweeper', dependencies: ['db', 'temporal', 'conversations', 'tickets'] },
);
