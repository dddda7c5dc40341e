import { condition, sleep } from '@temporalio/workflow';
import type { CustomerMessage, RunContext, TicketSnapshot } from '@kefu/nodes';
import type { TicketFacts } from '@kefu/schemas';
import { expireOffer } from './flow-activities';
import type { RunState } from './run-state';

/**
 * A run waiting for a reply writes its history once the customer has been quiet this long, not
 * before every reply: a lively chat writes its steps in batches (at the latest every 25 steps), and
 * they are safe meanwhile in the workflow's own history. Saves a history activity, its workflow task
 * and two database writes per message under load.
 */
const HISTORY_QUIET_MS = 2000;

export type Waits = Pick<
  RunContext<unknown>,
  'waitForCustomerMessage' | 'waitForAgentAcceptance' | 'sleep' | 'waitForTicket' | 'waitForResolution'
>;

export interface WaitOptions {
  /** A simulation: a skipWait signal ends a wait early, and offers were never stored. */
  test: boolean;
  /** The run was started on code with the quiet period (patch 'history-after-quiet'). */
  historyAfterQuiet: boolean;
  workspaceId: string;
  /** Writes the buffered run history: waiting is when history is written, never before a reply. */
  beforeWait: () => void;
}

/**
 * The waits a node's `run` may ask for during one step (`stepStartedAt`): for a customer message, an
 * agent, a timer, a ticket or a resolution. Each notes what it waits for in `run.waiting` for the state
 * query, and takes what the signal handlers put into the run's state.
 */
export function stepWaits(run: RunState, options: WaitOptions, stepStartedAt: number): Waits {
  const { test, beforeWait } = options;
  return {
    waitForCustomerMessage: async (timeoutMs) => {
      run.waiting = { for: 'reply', ...(timeoutMs === undefined ? {} : { until: Date.now() + timeoutMs }) };
      // Simulations skip waits by signal and keep writing history at every wait; runs recorded
      // before the quiet period (no patch marker) replay as they ran.
      const quietMs =
        test || !options.historyAfterQuiet ? 0 : Math.min(HISTORY_QUIET_MS, timeoutMs ?? Infinity);
      let got = quietMs > 0 && (await condition(() => run.inbox.length > 0, quietMs));
      if (!got) {
        beforeWait();
        const left = timeoutMs === undefined ? undefined : timeoutMs - quietMs;
        if (left === undefined) got = await condition(() => run.inbox.length > 0).then(() => true);
        else got = left > 0 && (await waitUntil(run, test, () => run.inbox.length > 0, left));
      }
      run.waiting = null;
      if (!got) return null;
      const message = run.inbox.shift() as CustomerMessage;
      // No patch: messages recorded before categories existed carry none, and no flow of theirs can
      // name `message.sensitive` (the compiler refused unknown paths), so they decide as they did.
      run.facts.message = {
        messageId: message.messageId,
        text: message.text,
        ...(message.sensitive ? { sensitive: message.sensitive } : {}),
      };
      return message;
    },
    waitForAgentAcceptance: async (offerId, timeoutMs) => {
      beforeWait();
      run.waiting = { for: 'agent', offerId, until: Date.now() + timeoutMs };
      // An agent may resolve the chat from the queue before anyone accepts the offer (the API then
      // withdraws it): the chat was handled, so the step goes on as assigned instead of timing
      // out into bot steps on a closed conversation. Only a resolve since this step began counts.
      const resolvedNow = () => run.resolution !== null && run.resolution.at >= stepStartedAt;
      const got = await waitUntil(run, test, () => run.accepted.has(offerId) || resolvedNow(), timeoutMs);
      run.waiting = null;
      if (run.accepted.has(offerId)) return { agentId: run.accepted.get(offerId) as string };
      if (got && run.resolution && resolvedNow()) return { agentId: run.resolution.agentId };
      // A simulated offer was never stored: nothing to expire.
      if (test) return null;
      // The timer is the offer's expiry: end the offer, unless an acceptance reached the
      // database before the timer fired and its signal is still on the way.
      const { acceptedBy } = await expireOffer({ workspaceId: options.workspaceId, offerId });
      return acceptedBy ? { agentId: acceptedBy } : null;
    },
    // Temporal's timer: recorded in history, so replays agree.
    sleep: async (ms) => {
      beforeWait();
      run.waiting = { for: 'timer', until: Date.now() + ms };
      if (test) await waitUntil(run, test, () => false, ms);
      else await sleep(ms);
      run.waiting = null;
    },
    waitForTicket: async (ticketId, done, timeoutMs) => {
      beforeWait();
      run.waiting = { for: 'timer', until: Date.now() + timeoutMs };
      const got = await waitUntil(
        run,
        test,
        () => {
          const ticket = ticketSnapshot(run.facts.ticket);
          return ticket?.ticketId === ticketId && done(ticket);
        },
        timeoutMs,
      );
      run.waiting = null;
      return got;
    },
    waitForResolution: async (timeoutMs) => {
      beforeWait();
      // Messages since the agent took over were for the agent: a later question must not take them.
      run.inbox.length = 0;
      run.humanHolds = true;
      run.waiting = { for: 'agent', ...(timeoutMs === undefined ? {} : { until: Date.now() + timeoutMs }) };
      // A simulation has no agent: skipping the wait there is as if nobody resolved it in time.
      const skipsBefore = run.skips;
      const got =
        timeoutMs === undefined
          ? await condition(() => run.resolution !== null || run.skips > skipsBefore).then(
              () => run.resolution !== null,
            )
          : await waitUntil(run, test, () => run.resolution !== null, timeoutMs);
      run.humanHolds = false;
      run.waiting = null;
      const taken = run.resolution;
      run.resolution = null;
      return got && taken ? { agentId: taken.agentId } : null;
    },
  };
}

/** `condition` with a timeout; in a test run a skipWait ends it early, as if the time had passed. */
async function waitUntil(run: RunState, test: boolean, ready: () => boolean, ms: number): Promise<boolean> {
  if (!test) return condition(ready, ms);
  const mark = run.skips;
  await condition(() => ready() || run.skips > mark, ms);
  return ready();
}

/** The run's ticket (`facts.ticket`, as the API sends it) in the shape nodes read tickets. */
function ticketSnapshot(facts: unknown): TicketSnapshot | undefined {
  const t = facts as Partial<TicketFacts> | undefined;
  if (!t?.id || !t.status || !t.priority) return undefined;
  return {
    ticketId: t.id,
    status: t.status,
    priority: t.priority,
    ...(t.firstResponseAt ? { firstResponseAt: t.firstResponseAt } : {}),
    ...(t.solvedAt ? { solvedAt: t.solvedAt } : {}),
  };
}
