import { Types } from 'mongoose';
import type { TicketListQuery } from '@kefu/schemas/api';
import { escapeRegex } from '../../plugins/app/tickets';

type Filters = Omit<TicketListQuery, 'limit' | 'cursor' | 'sort'>;

/** The MongoDB filter for GET /tickets; always within the caller's workspace. */
export function ticketListFilter(workspaceId: string, userId: string, q: Filters, now: Date) {
  const and: Record<string, unknown>[] = [];
  const filter: Record<string, unknown> & { workspaceId: string } = { workspaceId };
  if (q.status) filter.status = q.status;
  if (q.priority) filter.priority = q.priority;
  if (q.assignee === 'none') filter.assigneeId = { $exists: false };
  else if (q.assignee) filter.assigneeId = new Types.ObjectId(q.assignee === 'me' ? userId : q.assignee);
  if (q.teamId) filter.teamId = new Types.ObjectId(q.teamId);
  if (q.contactId) filter.contactId = new Types.ObjectId(q.contactId);
  if (q.conversationId) filter.conversationId = new Types.ObjectId(q.conversationId);
  if (q.tag) filter.tags = q.tag;
  if (q.dueBefore) {
    filter.resolutionDueAt = { $lt: new Date(q.dueBefore) };
    and.push({ status: { $in: ['open', 'pending'] } });
  }
  if (q.q) {
    // No $text on FerretDB: a case-insensitive regex of the escaped words, as a plain substring.
    const pattern = escapeRegex(q.q);
    and.push({ $or: [{ subject: { $regex: pattern, $options: 'i' } }, { description: { $regex: pattern, $options: 'i' } }] });
  }
  if (q.breached !== undefined) and.push(...(q.breached ? [breached(now)] : notBreached(now)));
  return and.length ? { ...filter, $and: and } : filter;
}

/**
 * Either clock past due: met late (flagged when it was met; no $expr on FerretDB), or still running
 * after its due time.
 */
function breached(now: Date) {
  return {
    $or: [
      { firstResponseLate: true },
      { firstResponseDueAt: { $lt: now }, firstResponseAt: { $exists: false } },
      { resolutionLate: true },
      { resolutionDueAt: { $lt: now }, solvedAt: { $exists: false }, closedAt: { $exists: false } },
    ],
  };
}

function notBreached(now: Date) {
  return [
    { firstResponseLate: { $ne: true }, resolutionLate: { $ne: true } },
    { $or: [{ firstResponseDueAt: { $exists: false } }, { firstResponseAt: { $exists: true } }, { firstResponseDueAt: { $gte: now } }] },
    {
      $or: [
        { resolutionDueAt: { $exists: false } },
        { solvedAt: { $exists: true } },
        { closedAt: { $exists: true } },
        { resolutionDueAt: { $gte: now } },
      ],
    },
  ];
}
