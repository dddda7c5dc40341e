import type { TicketListQuery } from '@kefu/schemas/api';
import { searchedTicketNumber, ticketNumberOf } from '../../models';
import { toWireTicket, type TicketRecord } from '../../plugins/app/ticket-wire';
import { CLEAR } from '../../privacy/pii-view';

type Filters = Omit<TicketListQuery, 'limit' | 'cursor' | 'sort'>;

/**
 * GET /tickets' filters as a test of one stored ticket. Lists apply it to the rows they read (a
 * working set, or page keys of the history): no filter here needs the store to search.
 */
export function ticketMatcher(userId: string, q: Filters, now: number): (t: TicketRecord) => boolean {
  const assignee = q.assignee === 'me' ? userId : q.assignee;
  const text = q.q?.toLowerCase();
  const number = searchedTicketNumber(q.q);
  const dueBefore = q.dueBefore ? new Date(q.dueBefore).getTime() : null;
  return (t) => {
    if (q.status === 'active' ? !isActive(t) : q.status && t.status !== q.status) return false;
    if (q.priority && t.priority !== q.priority) return false;
    if (assignee === 'none' ? t.assigneeId : assignee && String(t.assigneeId) !== assignee) return false;
    if (q.teamId && String(t.teamId) !== q.teamId) return false;
    if (q.contactId && String(t.contactId) !== q.contactId) return false;
    if (q.conversationId && String(t.conversationId) !== q.conversationId) return false;
    if (q.tag && !(t.tags ?? []).includes(q.tag)) return false;
    if (
      dueBefore !== null &&
      !(isActive(t) && t.resolutionDueAt && new Date(t.resolutionDueAt).getTime() < dueBefore)
    )
      return false;
    if (
      text &&
      !(number !== null && ticketNumberOf(t.seq) === number) &&
      !`${t.subject}\n${t.description ?? ''}`.toLowerCase().includes(text)
    )
      return false;
    if (q.breached !== undefined) {
      // Breached as the ticket itself answers it: either clock past due when met, or now.
      const { sla } = toWireTicket(t, CLEAR, now);
      if ((sla.firstResponseBreached || sla.resolutionBreached) !== q.breached) return false;
    }
    return true;
  };
}

export function isActive(t: { status: string }): boolean {
  return t.status === 'open' || t.status === 'pending';
}
