import { setHandler } from '@temporalio/workflow';
import {
  agentAcceptedSignal,
  agentMessageSignal,
  conversationResolvedSignal,
  conversationTransferredSignal,
  customerMessageSignal,
  skipWaitSignal,
  stateQuery,
  ticketUpdatedSignal,
} from './definitions';
import type { RunState } from './run-state';

/** How many message ids to remember for de-duplicating re-sent signals across continue-as-new. */
const RECENT_IDS_KEPT = 200;

/**
 * What the API tells a run, written into its state for the waits to take. Set before the run's first
 * await, so signals delivered with the first workflow task are not left unhandled.
 */
export function handleSignals(run: RunState, test: boolean): void {
  setHandler(customerMessageSignal, (message) => {
    // The API may signal the same stored message twice (a retry after a lost answer).
    if (run.seen.has(message.messageId)) return;
    run.seen.add(message.messageId);
    run.recentIds.push(message.messageId);
    if (run.recentIds.length > RECENT_IDS_KEPT) run.seen.delete(run.recentIds.shift() as string);
    if (!run.humanHolds) run.inbox.push(message);
  });
  setHandler(conversationResolvedSignal, (signal) => {
    run.resolution = signal;
  });
  // Agents' replies and transfers are the agents' business; the run takes note of nothing yet, but
  // the handlers keep these signals from piling up unhandled in the run's buffer.
  setHandler(agentMessageSignal, () => undefined);
  setHandler(conversationTransferredSignal, () => undefined);
  setHandler(agentAcceptedSignal, ({ offerId, agentId }) => {
    if (!run.accepted.has(offerId)) run.accepted.set(offerId, agentId);
  });
  // The API sends a ticket's whole state on each change: the latest one is the truth. A change the
  // API passes on again (a retry, the hand-off sweeper after a crash) is taken once, by its key.
  const changeKeys: string[] = [];
  setHandler(ticketUpdatedSignal, ({ changeKey, ticket }) => {
    if (changeKeys.includes(changeKey)) return;
    changeKeys.push(changeKey);
    if (changeKeys.length > RECENT_IDS_KEPT) changeKeys.shift();
    const current = run.facts.ticket as { id?: unknown } | undefined;
    if (current?.id === ticket.id) run.facts.ticket = ticket;
  });
  // Only a simulation may cut a wait short: a real customer's timers are the owner's promise.
  setHandler(skipWaitSignal, () => {
    if (test) run.skips += 1;
  });
  setHandler(stateQuery, () => ({
    nodeId: run.nodeId,
    vars: run.vars,
    step: run.step,
    waiting: run.waiting,
  }));
}
