import type { Types } from 'mongoose';
import type { TicketEventWire, TicketWire } from '@kefu/schemas/api';
import { shown, shownDeep, type PiiView } from '../../privacy/pii-view';
import { ticketNumberField, type TicketDoc, type TicketEventDoc } from '../../models';

export type TicketRecord = TicketDoc & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

const iso = (d: Date | null | undefined) => (d ? { value: new Date(d).toISOString() } : null);

/**
 * A stored ticket as the API answers it, its customer text as the reader may see it (`CLEAR` for
 * the service's own answers, which the routes pass through `ticketFor`); breaches are judged at `now`.
 */
export function toWireTicket(t: TicketRecord, view: PiiView, now = Date.now()): TicketWire {
  return ticketFor(view, clearTicket(t, now));
}

/** A ticket's subject, body, custom fields and rating comment as this reader may see them. */
export function ticketFor(view: PiiView, t: TicketWire): TicketWire {
  if (view.clear) return t;
  return {
    ...t,
    subject: shown(view, t.subject),
    description: shown(view, t.description),
    customFields: shownDeep(view, t.customFields),
    ...(t.csat?.comment ? { csat: { ...t.csat, comment: shown(view, t.csat.comment) } } : {}),
  };
}

/** A timeline entry (a reply, a note, a changed field) as this reader may see it. */
export function ticketEventFor(view: PiiView, e: TicketEventWire): TicketEventWire {
  if (view.clear) return e;
  return {
    ...e,
    ...(e.text !== undefined ? { text: shown(view, e.text) } : {}),
    ...(e.from !== undefined ? { from: shownDeep(view, e.from) } : {}),
    ...(e.to !== undefined ? { to: shownDeep(view, e.to) } : {}),
  };
}

function clearTicket(t: TicketRecord, now: number): TicketWire {
  const firstResponseDue = t.firstResponseDueAt ? new Date(t.firstResponseDueAt).getTime() : null;
  const resolutionDue = t.resolutionDueAt ? new Date(t.resolutionDueAt).getTime() : null;
  const answeredAt = t.firstResponseAt ? new Date(t.firstResponseAt).getTime() : now;
  const doneAt = t.solvedAt
    ? new Date(t.solvedAt).getTime()
    : t.closedAt
      ? new Date(t.closedAt).getTime()
      : now;
  const opt = (name: string, d: Date | null | undefined) => {
    const v = iso(d);
    return v ? { [name]: v.value } : {};
  };
  return {
    id: String(t._id),
    ...ticketNumberField(t.seq),
    subject: t.subject,
    description: t.description ?? '',
    status: t.status,
    priority: t.priority,
    source: t.source,
    ...(t.contactId ? { contactId: String(t.contactId) } : {}),
    ...(t.conversationId ? { conversationId: String(t.conversationId) } : {}),
    ...(t.assigneeId ? { assigneeId: String(t.assigneeId) } : {}),
    ...(t.teamId ? { teamId: String(t.teamId) } : {}),
    tags: t.tags ?? [],
    customFields: (t.customFields ?? {}) as Record<string, string | number | boolean>,
    sla: {
      ...(t.slaPolicyId ? { policyId: String(t.slaPolicyId) } : {}),
      ...opt('firstResponseDueAt', t.firstResponseDueAt),
      ...opt('resolutionDueAt', t.resolutionDueAt),
      ...opt('firstResponseAt', t.firstResponseAt),
      ...opt('solvedAt', t.solvedAt),
      firstResponseBreached: firstResponseDue !== null && answeredAt > firstResponseDue,
      resolutionBreached: resolutionDue !== null && doneAt > resolutionDue,
    },
    ...(t.csat?.rating && t.csat.at
      ? {
          csat: {
            rating: t.csat.rating,
            ...(t.csat.comment ? { comment: t.csat.comment } : {}),
            at: new Date(t.csat.at).toISOString(),
          },
        }
      : {}),
    ...(t.flowRun?.workflowId && t.flowRun.flowId && t.flowRun.version && t.flowRun.status
      ? {
          flowRun: {
            workflowId: t.flowRun.workflowId,
            flowId: String(t.flowRun.flowId),
            version: t.flowRun.version,
            status: t.flowRun.status,
          },
        }
      : {}),
    ...opt('closedAt', t.closedAt),
    createdAt: new Date(t.createdAt).toISOString(),
    updatedAt: new Date(t.updatedAt).toISOString(),
  };
}

export function toWireTicketEvent(
  e: TicketEventDoc & { _id: Types.ObjectId },
  view: PiiView,
): TicketEventWire {
  return ticketEventFor(view, {
    id: String(e._id),
    ticketId: String(e.ticketId),
    kind: e.kind,
    actor: {
      type: e.actor?.type ?? 'system',
      ...(e.actor?.userId ? { userId: String(e.actor.userId) } : {}),
      ...(e.actor?.runId ? { runId: e.actor.runId } : {}),
    },
    ...(e.field ? { field: e.field } : {}),
    ...(e.from !== undefined ? { from: e.from as TicketEventWire['from'] } : {}),
    ...(e.to !== undefined ? { to: e.to as TicketEventWire['to'] } : {}),
    ...(e.text !== undefined && e.text !== null ? { text: e.text } : {}),
    at: new Date(e.at).toISOString(),
  });
}
