import { Types } from 'mongoose';
import type { Models } from '.';
import { changeFromRead } from './revision';
import { slaDueDates } from './sla-due';
import { dueFlowEventsOf } from './ticket-flows-due';
import { PRIORITY_RANK, type TicketDoc, type TicketPriority, type TicketStatus } from './ticket';
import { recordTicketEvents, ticketDiff, type TicketActorRef, type TicketEventEntry } from './ticket-changes';

/** What a change may set; `null` clears assignee or team, and a custom field. */
export interface TicketChange {
  subject?: string;
  description?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string | null;
  teamId?: string | null;
  tags?: string[];
  addTags?: string[];
  removeTags?: string[];
  customFields?: Record<string, string | number | boolean | null>;
}

export type TicketRow = TicketDoc & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

export interface TicketChanged {
  /** The ticket right after this change. */
  ticket: TicketRow;
  /** The fields this change moved (empty when the ticket already said it all). */
  fields: string[];
}

/**
 * Changes a ticket and puts each changed field on its timeline, once, under `key` (a request, a flow
 * step): the one way agents (API) and flows (worker) change a ticket. Tags added, a custom field set
 * and a status moved by others at the same moment all stay: the change is decided from the ticket as
 * it is when written (changeFromRead), so each timeline entry's "from" is what the field really held.
 * `notes` go on the timeline with the change. Null when the workspace has no such ticket.
 */
export async function changeTicket(
  models: Pick<Models, 'Ticket' | 'TicketEvent' | 'SlaPolicy' | 'Workspace'>,
  target: { workspaceId: string; ticketId: string },
  change: TicketChange,
  actor: TicketActorRef,
  key: string,
  notes: TicketEventEntry[] = [],
  options: { flowsDue?: boolean } = {},
): Promise<TicketChanged | null> {
  const { workspaceId, ticketId } = target;
  if (!Types.ObjectId.isValid(ticketId)) return null;
  const now = new Date();
  const done = await changeFromRead(models.Ticket, { _id: ticketId, workspaceId }, async (before) => {
    // Made already (a retried step whose timeline entries were not all written): record them now.
    const made = recentOf(before as TicketRow).find((c) => c.key === key);
    if (made) return { update: null, result: made.diff };
    const plan = await planChange(models, workspaceId, before as TicketRow, change, now);
    if (!plan.update) return { update: null, result: plan.diff };
    const recentChanges = [
      ...recentOf(before as TicketRow).slice(1 - RECENT_CHANGES_KEPT),
      { key, diff: plan.diff },
    ];
    // The API passes the change to flows after writing it: marked due in this same write (ticket.ts).
    const due = options.flowsDue
      ? {
          flowsDue: 'due',
          dueFlowEvents: [
            ...dueFlowEventsOf(before),
            { kind: 'changed', key, fields: plan.diff.map((d) => d.field), at: now },
          ],
        }
      : {};
    return {
      update: { ...plan.update, $set: { ...plan.update.$set, recentChanges, ...due } },
      result: plan.diff,
    };
  });
  if (!done) return null;
  const entries: TicketEventEntry[] = [
    ...done.result.map((d) => ({ kind: 'changed' as const, field: d.field, from: d.from, to: d.to })),
    ...notes,
  ];
  if (entries.length)
    await recordTicketEvents(models, { workspaceId, ticketId: done.after._id }, key, actor, entries, now);
  return { ticket: done.after as TicketRow, fields: done.result.map((d) => d.field) };
}

/** Changes remembered on a ticket: enough for a retry to find its own among many agents' edits. */
const RECENT_CHANGES_KEPT = 20;

interface RecentChange {
  key: string;
  diff: Array<{ field: string; from: unknown; to: unknown }>;
}

const recentOf = (ticket: TicketRow) => (ticket.recentChanges ?? []) as RecentChange[];

/** The update that makes `before` say what `change` asks, with the fields it moves; null update when none. */
async function planChange(
  models: Pick<Models, 'SlaPolicy' | 'Workspace'>,
  workspaceId: string,
  before: TicketRow,
  change: TicketChange,
  now: Date,
) {
  const next: Record<string, unknown> = {};
  for (const field of ['subject', 'description', 'status', 'priority'] as const)
    if (change[field] !== undefined) next[field] = change[field];
  if (change.assigneeId !== undefined)
    next.assigneeId = change.assigneeId ? new Types.ObjectId(change.assigneeId) : null;
  if (change.teamId !== undefined) next.teamId = change.teamId ? new Types.ObjectId(change.teamId) : null;
  if (change.tags || change.addTags || change.removeTags) {
    const tags = new Set(change.tags ?? before.tags ?? []);
    for (const t of change.addTags ?? []) tags.add(t);
    for (const t of change.removeTags ?? []) tags.delete(t);
    next.tags = [...tags];
  }
  if (change.customFields) {
    const fields: Record<string, unknown> = {
      ...((before.customFields as Record<string, unknown> | undefined) ?? {}),
    };
    for (const [k, v] of Object.entries(change.customFields)) {
      if (v === null) delete fields[k];
      else fields[k] = v;
    }
    next.customFields = fields;
  }
  const diff = ticketDiff(before as unknown as Record<string, unknown>, next);
  if (diff.length === 0) return { update: null, diff };

  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  for (const { field } of diff) {
    if (next[field] === null) unset[field] = 1;
    else set[field] = next[field];
  }
  const changed = new Set(diff.map((d) => d.field));
  if (changed.has('priority')) {
    const priority = next.priority as TicketPriority;
    set.priorityRank = PRIORITY_RANK[priority];
    // A new priority is a new promise: due dates count again from now.
    const due = await slaDueDates(models, workspaceId, priority, now.getTime());
    if (due.firstResponseDueAt && !before.firstResponseAt) set.firstResponseDueAt = due.firstResponseDueAt;
    if (due.resolutionDueAt) set.resolutionDueAt = due.resolutionDueAt;
    if (due.slaPolicyId) set.slaPolicyId = due.slaPolicyId;
  }
  if (changed.has('status')) {
    const status = next.status as TicketStatus;
    const late = before.resolutionDueAt ? now > new Date(before.resolutionDueAt) : false;
    if (status === 'solved') Object.assign(set, { solvedAt: now, resolutionLate: late });
    if (status === 'closed') {
      set.closedAt = now;
      if (!before.solvedAt) set.resolutionLate = late;
    }
    // Reopened: the resolution clock runs again.
    if (status === 'open' || status === 'pending') {
      Object.assign(unset, { solvedAt: 1, closedAt: 1, resolutionLate: 1 });
      // The first reopening is kept for the reopen rate (analytics).
      const wasDone = before.solvedAt || before.closedAt;
      if (wasDone && !(before as { reopenedAt?: unknown }).reopenedAt) set.reopenedAt = now;
    }
  }
  const update: { $set: Record<string, unknown>; $unset?: Record<string, 1> } = {
    $set: set,
    ...(Object.keys(unset).length ? { $unset: unset } : {}),
  };
  return { update, diff };
}
