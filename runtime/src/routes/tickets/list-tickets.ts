import type { Page, TicketListQuery, TicketWire } from '@kefu/schemas/api';
import { PAGE_LIMIT_DEFAULT } from '@kefu/schemas/api';
import { TICKET_NUMBER_BASE, listId, pageKey, searchedTicketNumber, type Models } from '../../models';
import {
  decodeCursor,
  encodeCursor,
  pageOfSet,
  sortOf,
  sortRefused,
  walkList,
  type CursorValue,
} from '../../paginate';
import { toWireTicket, type TicketRecord } from '../../plugins/app/ticket-wire';
import { viewOf } from '../../privacy/pii-view';
import { ticketMatcher } from './list-filter';

/**
 * GET /tickets without reading the workspace's history: a working set small by nature (the open
 * or pending tickets, one contact's or one conversation's) is read whole by equality and sorted
 * here, so every filter and sort works on it; anything else walks the tickets newest or oldest
 * first by creation, filtering what the pages hold, and refuses the sorts that would need all.
 */
export async function listTickets(
  models: Models,
  caller: { workspaceId: string; userId: string; seesPersonalData: boolean },
  query: TicketListQuery,
  now: Date,
): Promise<Page<TicketWire>> {
  const { Ticket } = models;
  const { limit = PAGE_LIMIT_DEFAULT, cursor, sort = '-createdAt', ...filters } = query;
  const { workspaceId } = caller;
  const { field, dir } = sortOf(sort);
  const match = ticketMatcher(caller.userId, filters, now.getTime());
  const toWire = (t: TicketRecord) => toWireTicket(t, viewOf(caller), now.getTime());

  const set = workingSet(workspaceId, filters);
  if (set) {
    const shape = `tickets/set/${sort}`;
    const after = cursor ? decodeCursor(cursor, shape) : undefined;
    const rows = (
      await Promise.all(set.map((f) => Ticket.find(f).lean()))
    ).flat() as unknown as TicketRecord[];
    const page = pageOfSet(rows, {
      sort: { value: (t) => sortValue(t, field), dir },
      limit,
      match,
      ...(after && 'v' in after ? { after: { v: after.v, i: after.i } } : {}),
    });
    return {
      items: page.items.map(toWire),
      nextCursor: page.next ? encodeCursor(shape, page.next) : null,
      total: page.total,
    };
  }

  if (field !== 'createdAt')
    throw sortRefused(
      `Tickets sort by ${field} only within a working set: give status=open, pending or active, a contactId or a conversationId (all tickets sort by createdAt)`,
    );
  const shape = `tickets/all/${sort}`;
  const after = cursor ? decodeCursor(cursor, shape) : undefined;
  const walk = await walkList<TicketRecord & Record<string, unknown>>({
    model: Ticket as never,
    workspaceId,
    list: 'tickets',
    order: dir,
    limit,
    match,
    ...(after && 'o' in after ? { after: after.o } : {}),
  });
  const short = walk.next !== null && walk.items.length < limit && walk.reached;
  return {
    items: walk.items.map(toWire),
    nextCursor: walk.next !== null ? encodeCursor(shape, { o: walk.next }) : null,
    ...(short ? { scannedTo: new Date(walk.reached!.createdAt).toISOString() } : {}),
  };
}

/** The equality lookups that read a working set the filters stay within, or null. */
function workingSet(workspaceId: string, q: Omit<TicketListQuery, 'limit' | 'cursor' | 'sort'>) {
  if (q.contactId) return [{ workspaceId, contactId: q.contactId }];
  // "#1001": the one ticket with that number, on its page of the ticket list. Bare digits may be
  // text too ("2024" in a subject), so they walk the list, matching either.
  const number = searchedTicketNumber(q.q);
  if (number !== null && q.q?.trim().startsWith('#')) {
    const seq = number - TICKET_NUMBER_BASE;
    return [{ workspaceId, page: pageKey(listId(workspaceId, 'tickets'), seq), seq }];
  }
  if (q.conversationId) return [{ workspaceId, conversationId: q.conversationId }];
  if (q.status === 'open' || q.status === 'pending')
    return [{ workspaceId, statusKey: `${workspaceId}:${q.status}` }];
  // Due before a date: only open and pending tickets have a due date to meet.
  if (q.status === 'active' || q.dueBefore)
    return ['open', 'pending'].map((s) => ({ workspaceId, statusKey: `${workspaceId}:${s}` }));
  return null;
}

function sortValue(t: TicketRecord, field: string): CursorValue {
  if (field === 'priority') return t.priorityRank ?? null;
  const value = (t as unknown as Record<string, unknown>)[field];
  return value instanceof Date ? value : ((value as CursorValue | undefined) ?? null);
}
