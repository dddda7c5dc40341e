import type { Models } from '.';
import { changeFromRead } from './revision';

/**
 * A creation or change of a ticket not yet passed to its flows (ticket.ts `flowsDue`,
 * `dueFlowEvents`): written with the creation or change, removed once the flows have it.
 */
export type DueFlowEvent =
  { kind: 'created'; at: Date } | { kind: 'changed'; key: string; fields: string[]; at: Date };

export const dueFlowEventsOf = (ticket: { dueFlowEvents?: unknown }) =>
  (ticket.dueFlowEvents ?? []) as DueFlowEvent[];

const same = (a: DueFlowEvent, b: DueFlowEvent) =>
  a.kind === b.kind && (a.kind === 'created' || a.key === (b as { key: string }).key);

/** The ticket's flows have `event`: it is no longer due, and the ticket is not due once none is. */
export async function flowEventPassed(
  models: Pick<Models, 'Ticket'>,
  workspaceId: string,
  ticketId: string,
  event: DueFlowEvent,
): Promise<void> {
  await changeFromRead(models.Ticket, { _id: ticketId, workspaceId }, (ticket) => {
    const due = dueFlowEventsOf(ticket);
    const left = due.filter((e) => !same(e, event));
    if (left.length === due.length) return { update: null, result: undefined };
    return {
      update: left.length ? { $set: { dueFlowEvents: left } } : { $unset: { flowsDue: 1, dueFlowEvents: 1 } },
      result: undefined,
    };
  });
}
