import type { KpiItem, KpiItemKpi, KpiItemsPage, KpiItemsQuery } from '@kefu/schemas/api';
import { KPI_ITEMS_LOOKUPS } from '@kefu/schemas/api';
import { KefuError } from '../errors';
import type { Models } from '../models';
import type { KpiEventDoc } from '../models/kpi-bucket';
import { bucketIdOf } from '../models/kpi-record';
import { decodeCursor, encodeCursor } from '../paginate';
import { addDays } from './kpi-days';

/**
 * Which ledger entries a figure counts: the bucket field it sums and the kinds of entry that can
 * add to it. An entry is listed when it incremented `dims.<dim>.<field>` — the very increment the
 * bucket summed — so a figure's list is exactly what it counted (kpi-facts.ts).
 */
const SOURCES: Record<KpiItemKpi, { field: string; kinds: (dim: string) => string[] }> = {
  // A team's conversations in are those that entered its queue; an agent's, those it got.
  conversationsIn: {
    field: 'conversationsIn',
    kinds: (dim) =>
      dim.startsWith('team:')
        ? ['conversation.asked']
        : dim.startsWith('agent:')
          ? ['conversation.answered']
          : ['conversation.in'],
  },
  ticketsIn: { field: 'ticketsIn', kinds: () => ['ticket.in'] },
  askedForPerson: { field: 'asked', kinds: () => ['conversation.asked'] },
  gotPerson: { field: 'answered', kinds: () => ['conversation.answered'] },
  resolved: { field: 'resolved', kinds: () => ['conversation.resolved'] },
  resolution: { field: 'resolved', kinds: () => ['conversation.resolved'] },
  botDeflected: { field: 'botDeflected', kinds: () => ['conversation.resolved'] },
  firstResponse: { field: 'firstResponses', kinds: () => ['conversation.first-response'] },
  csat: { field: 'csatCount', kinds: () => ['survey.csat'] },
  slaBreaches: { field: 'slaBreaches', kinds: () => ['ticket.sla-first-response', 'ticket.sla-resolution'] },
  reopened: { field: 'reopened', kinds: () => ['conversation.reopened'] },
  ticketsResolved: { field: 'ticketsResolved', kinds: () => ['ticket.resolved'] },
  ticketsReopened: { field: 'ticketsReopened', kinds: () => ['ticket.reopened'] },
};

type Entry = Pick<KpiEventDoc, 'kind' | 'entityId' | 'day' | 'inc'> & { _id: unknown };
const BEFORE_ALL = '000000000000000000000000';

/**
 * GET /analytics/kpis/items: newest day first, each day's entries of the figure's kinds read by one
 * equality lookup on (bucket, kind) — a day of one kind, bounded by a day's traffic — kept when they
 * incremented the asked row, in id order; then their conversations (tickets) loaded by `_id`, one
 * lookup each. At most KPI_ITEMS_LOOKUPS ledger lookups a request: a rare row comes back short with
 * a cursor that goes on to older days. `from`/`to` are checked by the route.
 */
export async function kpiItems(
  models: Models,
  workspaceId: string,
  query: KpiItemsQuery,
): Promise<KpiItemsPage> {
  const { kpi, from, to, dim = 'all', limit = 50 } = query;
  const source = SOURCES[kpi];
  const kinds = source.kinds(dim);
  const path = `dims.${dim}.${source.field}`;
  const shape = `kpi-items/${kpi}/${dim}/${from}/${to}`;
  const start = query.cursor ? decodeCursor(query.cursor, shape) : { v: to, i: BEFORE_ALL };
  if (!('v' in start) || typeof start.v !== 'string' || start.v < from || start.v > to)
    throw new KefuError(
      'KEFU_ERR_VALIDATION',
      'querystring/cursor is not a cursor of this list with this sort and filter',
      'querystring/cursor',
    );
  let day: string = start.v;
  let after = start.i;
  const picked: Entry[] = [];
  let lookups = 0;
  let next: { v: string; i: string } | null = null;
  for (;;) {
    if (lookups + kinds.length > KPI_ITEMS_LOOKUPS) {
      next = { v: day, i: after };
      break;
    }
    lookups += kinds.length;
    const found = await Promise.all(
      kinds.map((kind) =>
        models.KpiEvent.find({ workspaceId, bucket: bucketIdOf(workspaceId, day), kind }).lean<Entry[]>(),
      ),
    );
    const rows = found
      .flat()
      .filter((e) => String(e._id) > after && e.inc.some((i) => i.path === path && i.n > 0))
      .sort((a, b) => String(a._id).localeCompare(String(b._id)));
    const room = limit - picked.length;
    picked.push(...rows.slice(0, room));
    if (rows.length > room) {
      next = { v: day, i: String(picked[picked.length - 1]!._id) };
      break;
    }
    if (day <= from) break;
    day = addDays(day, -1);
    after = BEFORE_ALL;
    if (picked.length === limit) {
      next = { v: day, i: after };
      break;
    }
  }
  const items = await Promise.all(picked.map((e) => itemOf(models, workspaceId, kpi, e)));
  return {
    items: items.filter((i): i is KpiItem => i !== null),
    nextCursor: next ? encodeCursor(shape, next) : null,
    scannedTo: next ? next.v : from,
  };
}

const seconds = (a?: Date | null, b?: Date | null) =>
  a && b ? Math.max(0, Math.round((new Date(b).getTime() - new Date(a).getTime()) / 1000)) : undefined;

/** One entry's conversation or ticket, as the list shows it (a CSAT answer shows its conversation). */
async function itemOf(
  models: Models,
  workspaceId: string,
  kpi: KpiItemKpi,
  e: Entry,
): Promise<KpiItem | null> {
  if (e.kind.startsWith('ticket.')) {
    const t = await models.Ticket.findOne({ _id: e.entityId, workspaceId }).lean();
    if (!t) return null;
    return {
      type: 'ticket',
      id: String(t._id),
      day: e.day,
      createdAt: new Date(t.createdAt).toISOString(),
      status: String(t.status),
      title: t.subject,
      ...(t.teamId ? { teamId: String(t.teamId) } : {}),
      ...(t.assigneeId ? { agentId: String(t.assigneeId) } : {}),
      ...(kpi === 'slaBreaches'
        ? { breach: e.kind === 'ticket.sla-first-response' ? 'firstResponse' : 'resolution' }
        : {}),
    } as KpiItem;
  }
  let rating: number | undefined;
  let conversationId = e.entityId;
  if (e.kind === 'survey.csat') {
    const answer = await models.SurveyResponse.findOne({ _id: e.entityId, workspaceId }).lean();
    if (!answer) return null;
    rating = answer.rating;
    conversationId = String(answer.conversationId);
  }
  const c = await models.Conversation.findOne({ _id: conversationId, workspaceId }).lean();
  if (!c) return null;
  const contact = await models.Contact.findOne(
    { _id: c.contactId, workspaceId },
    { name: 1, email: 1 },
  ).lean();
  const agentId = c.assignee?.agentId ?? c.resolvedBy;
  const took =
    kpi === 'firstResponse'
      ? seconds(c.createdAt, c.firstResponseAt)
      : kpi === 'resolution'
        ? seconds(c.createdAt, c.firstResolvedAt)
        : undefined;
  return {
    type: 'conversation',
    id: String(c._id),
    day: e.day,
    createdAt: new Date(c.createdAt).toISOString(),
    status: String(c.status),
    title: contact?.name || contact?.email || '',
    channel: c.channel,
    ...(c.teamId ? { teamId: String(c.teamId) } : {}),
    ...(agentId ? { agentId: String(agentId) } : {}),
    ...(took !== undefined ? { seconds: took } : {}),
    ...(rating !== undefined ? { rating } : {}),
  } as KpiItem;
}
