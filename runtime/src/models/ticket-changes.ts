import type { Models } from '.';
import { insertOnce } from './insert-once';
import type { TicketEventKind } from './ticket-event';

export interface TicketActorRef {
  type: 'user' | 'flow' | 'customer' | 'system';
  userId?: string;
  runId?: string;
}

export interface TicketEventEntry {
  kind: TicketEventKind;
  field?: string;
  from?: unknown;
  to?: unknown;
  text?: string;
}

/**
 * Puts entries on a ticket's timeline. `key` names the change (a request, a flow step): each
 * entry's id derives from it, so a retried change lands once.
 */
export async function recordTicketEvents(
  models: Pick<Models, 'TicketEvent'>,
  target: { workspaceId: unknown; ticketId: unknown },
  key: string,
  actor: TicketActorRef,
  entries: TicketEventEntry[],
  at = new Date(),
): Promise<void> {
  // One after another, so the timeline's order (by `at`, then _id) is the order of the change.
  for (const [i, entry] of entries.entries()) {
    await insertOnce(models.TicketEvent, {
      workspaceId: target.workspaceId,
      ticketId: target.ticketId,
      idempotencyKey: ticketEventKey(target.ticketId, key, entry),
      actor,
      at: new Date(at.getTime() + i),
      ...entry,
    });
  }
}

/**
 * The idempotency key (and so, through idForKey, the _id) of one entry of a change. A change names
 * each field once and each kind of note once, so kind and field identify the entry: a retry that
 * finds part of the change already applied still lands every entry on the same key.
 */
export function ticketEventKey(ticketId: unknown, key: string, entry: TicketEventEntry): string {
  return `ticket/${String(ticketId)}/${key}/${entry.kind}/${entry.field ?? ''}`;
}

/** Field-level differences between what a ticket holds and what a change sets; unchanged fields left out. */
export function ticketDiff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Array<{ field: string; from: unknown; to: unknown }> {
  const changes: Array<{ field: string; from: unknown; to: unknown }> = [];
  for (const [field, to] of Object.entries(after)) {
    const from = before[field];
    if (comparable(from) !== comparable(to)) changes.push({ field, from: plain(from), to: plain(to) });
  }
  return changes;
}

function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && !Array.isArray(value) && 'toHexString' in (value as object)) return String(value);
  return value;
}

function comparable(value: unknown): string {
  return JSON.stringify(plain(value) ?? null);
}
