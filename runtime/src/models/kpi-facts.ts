import type { Connection } from 'mongoose';
import { binOf } from './kpi-histogram';
import { splitCsatFacts, splitFacts } from './kpi-split-facts';
import { epochSeconds } from './presence-facts';
import type { KpiEvent } from './kpi-record';

/**
 * Which KPI events a stored conversation, ticket or survey response says have happened, with the
 * increments each adds (docs/analytics.md). Each kind happens at most once per document, and a
 * document keeps the fields that say so (`firstResponseAt`, `firstResolvedAt`, `reopenedAt`…), so
 * computing them again after any later write finds the same events: kpi-noted.ts records the new ones.
 *
 * Every figure goes to the bucket of the day its conversation (or ticket) came in, in the
 * workspace's time zone, under the dimension values it had when the event was recorded.
 */
type Doc = Record<string, unknown> & { _id: unknown; workspaceId: unknown };
type Facts = (doc: Doc, ctx: FactContext) => Promise<KpiEvent[]>;
export interface FactContext {
  conn: Connection;
  dayOf(workspaceId: string, at: Date): Promise<string>;
  /** The hour of day of `at` in the workspace's time zone, `00`–`23`. */
  hourOf(workspaceId: string, at: Date): Promise<string>;
  /** The workspace's time zone (IANA name). */
  zoneOf(workspaceId: string): Promise<string>;
}

const id = (v: unknown) => (v === undefined || v === null ? null : String(v));
const seconds = (from: unknown, to: unknown) =>
  Math.max(0, (new Date(to as Date).getTime() - new Date(from as Date).getTime()) / 1000);

/** Adds `fields` under every dimension value in `dims`. */
function incs(dims: (string | null)[], fields: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const dim of dims)
    if (dim)
      for (const [f, n] of Object.entries(fields))
        out[`dims.${dim}.${f}`] = (out[`dims.${dim}.${f}`] ?? 0) + n;
  return out;
}
const merge = (...parts: Record<string, number>[]) => Object.assign({}, ...parts) as Record<string, number>;

interface ConversationLike {
  channel?: unknown;
  flowRun?: { flowId?: unknown; version?: unknown } | null;
  teamId?: unknown;
  assignee?: { agentId?: unknown } | null;
  resolvedBy?: unknown;
}

/** The dimension values a conversation is counted under now. */
export function conversationDims(c: ConversationLike) {
  const flow = c.flowRun?.flowId ? `flow:${String(c.flowRun.flowId)}:${String(c.flowRun.version)}` : null;
  const team = id(c.teamId) ? `team:${id(c.teamId)}` : null;
  const agentId = id(c.assignee?.agentId) ?? id(c.resolvedBy);
  return {
    base: ['all', `channel:${String(c.channel)}`, flow],
    team,
    agent: agentId ? `agent:${agentId}` : null,
  };
}

/** Whether a person was asked for: the conversation was handed off, queued for a team or taken. */
export function askedForPerson(c: ConversationLike & { handoff?: { at?: unknown } | null }): boolean {
  return Boolean(c.teamId || c.handoff?.at || c.assignee?.agentId);
}

/**
 * The dimension values of a conversation, with the agent who took it even when it no longer says
 * so: a reopened conversation goes back unassigned, and the worker may note it only after that
 * (kpi-noted.ts), so one replied to falls back on who replied first (one key lookup).
 */
export async function conversationDimsNoted(
  c: ConversationLike & { _id?: unknown; workspaceId?: unknown; firstResponseAt?: unknown },
  ctx: FactContext,
) {
  const dims = conversationDims(c);
  if (dims.agent || !c.firstResponseAt) return dims;
  const reply = await ctx.conn
    .model('Message')
    .findOne({ workspaceId: c.workspaceId, conversationId: c._id, author: 'agent' }, { agentId: 1 })
    .sort({ createdAt: 1 })
    .lean<{ agentId?: unknown }>();
  const agentId = id(reply?.agentId);
  return { ...dims, agent: agentId ? `agent:${agentId}` : null };
}

export const conversationFacts: Facts = async (c, ctx) => {
  if (c.test || !c.createdAt) return [];
  const workspaceId = String(c.workspaceId);
  const day = await ctx.dayOf(workspaceId, c.createdAt as Date);
  const { base, team, agent } = await conversationDimsNoted(c as ConversationLike, ctx);
  const all = [...base, team, agent];
  const ev = (kind: string, inc: Record<string, number>): KpiEvent => ({
    workspaceId,
    kind: `conversation.${kind}`,
    entityId: String(c._id),
    day,
    inc,
  });
  // Busiest hours: conversations in by hour of day, in the workspace's zone (not per team or agent).
  const hour = await ctx.hourOf(workspaceId, c.createdAt as Date);
  const events = [ev('in', incs(base, { conversationsIn: 1, [`inHour.h${hour}`]: 1 }))];
  const asked = askedForPerson(c as ConversationLike);
  const noted = new Set((c.kpiNoted as string[] | undefined) ?? []);
  if (asked)
    events.push(
      ev('asked', merge(incs([...base, team], { asked: 1 }), incs([team], { conversationsIn: 1 }))),
    );
  if (asked && agent)
    events.push(
      ev(
        'answered',
        merge(incs([...base, team, agent], { answered: 1 }), incs([agent], { conversationsIn: 1 })),
      ),
    );
  if (c.firstResponseAt)
    events.push(
      ev(
        'first-response',
        incs(all, { firstResponses: 1, [`frt.${binOf(seconds(c.createdAt, c.firstResponseAt))}`]: 1 }),
      ),
    );
  if (c.firstResolvedAt) {
    const deflected = !asked && !noted.has('conversation.asked');
    events.push(
      ev(
        'resolved',
        incs(all, {
          resolved: 1,
          [`rt.${binOf(seconds(c.createdAt, c.firstResolvedAt))}`]: 1,
          ...(deflected ? { botDeflected: 1 } : {}),
        }),
      ),
    );
  }
  // Reopened, it went back unassigned: its reopen counts under its team, not an agent.
  if (c.reopenedAt) events.push(ev('reopened', incs([...base, team], { reopened: 1 })));
  const handled = await handledEvent(c, ctx);
  if (handled) events.push(handled);
  return [...events, ...(await splitFacts(c, day, asked, noted, ctx))];
};

/**
 * Occupancy's handling time: the whole seconds from the agent getting the conversation
 * (`assignee.at`) to its first resolution, under the workspace and that agent, on the day of the
 * resolution (not the cohort day: it is set against that day's online time). Counted when noted
 * while the conversation still says who held it; one reopened before its resolution was noted has
 * lost its assignee, and its handling time is not counted (docs/analytics.md).
 */
async function handledEvent(c: Doc, ctx: FactContext): Promise<KpiEvent | null> {
  const assignee = c.assignee as { agentId?: unknown; at?: unknown } | null | undefined;
  const agentId = id(assignee?.agentId);
  if (!c.firstResolvedAt || !assignee?.at || !agentId) return null;
  const handle = epochSeconds(c.firstResolvedAt as Date) - epochSeconds(assignee.at as Date);
  if (handle < 0) return null; // taken again after its first resolution: that was not this hold
  const workspaceId = String(c.workspaceId);
  return {
    workspaceId,
    kind: 'conversation.handled',
    entityId: String(c._id),
    day: await ctx.dayOf(workspaceId, c.firstResolvedAt as Date),
    inc: incs(['all', `agent:${agentId}`], { handleSeconds: handle }),
  };
}

/**
 * Complaints by cause: a ticket tagged `complaint:<cause>` (`complaint:late-delivery`) is a
 * complaint of that cause, counted once per cause the first time the tag is seen. A cause is kept
 * as a bucket key, so it is lower-cased and anything but letters, digits, `-` and `_` becomes `-`.
 */
export function complaintCauses(tags: unknown): string[] {
  if (!Array.isArray(tags)) return [];
  const causes = tags
    .map((t) => /^complaint:(.+)$/i.exec(String(t))?.[1])
    .filter((c): c is string => Boolean(c?.trim()))
    .map((c) =>
      c
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_-]/gu, '-'),
    );
  return [...new Set(causes)];
}

export const ticketFacts: Facts = async (t, ctx) => {
  if (!t.createdAt) return [];
  const workspaceId = String(t.workspaceId);
  const day = await ctx.dayOf(workspaceId, t.createdAt as Date);
  const dims = [
    'all',
    id(t.teamId) ? `team:${id(t.teamId)}` : null,
    id(t.assigneeId) ? `agent:${id(t.assigneeId)}` : null,
  ];
  const ev = (kind: string, fields: Record<string, number>): KpiEvent => ({
    workspaceId,
    kind: `ticket.${kind}`,
    entityId: String(t._id),
    day,
    inc: incs(dims, fields),
  });
  const events = [ev('in', { ticketsIn: 1 })];
  // Reopened, it was solved or closed before (its solvedAt is unset again by the reopen).
  if (t.solvedAt || t.closedAt || t.reopenedAt) events.push(ev('resolved', { ticketsResolved: 1 }));
  if (t.reopenedAt) events.push(ev('reopened', { ticketsReopened: 1 }));
  if (t.firstResponseLate === true) events.push(ev('sla-first-response', { slaBreaches: 1 }));
  if (t.resolutionLate === true) events.push(ev('sla-resolution', { slaBreaches: 1 }));
  for (const cause of complaintCauses(t.tags))
    events.push(ev(`complaint:${cause}`, { [`complaints.${cause}`]: 1 }));
  return events;
};

/** A CSAT answer, counted on its conversation's day under the conversation's dimension values. */
export const surveyFacts: Facts = async (s, ctx) => {
  const conversation = await ctx.conn
    .model('Conversation')
    .findOne({ _id: s.conversationId, workspaceId: s.workspaceId })
    .lean<ConversationLike & { _id: unknown; test?: boolean; createdAt?: Date }>();
  if (!conversation || conversation.test || !conversation.createdAt) return [];
  const workspaceId = String(s.workspaceId);
  const { base, team, agent } = await conversationDimsNoted(conversation, ctx);
  const rating = Number(s.rating);
  return [
    {
      workspaceId,
      kind: 'survey.csat',
      entityId: String(s._id),
      day: await ctx.dayOf(workspaceId, conversation.createdAt),
      inc: incs([...base, team, agent], { csatCount: 1, csatSum: rating, csatPositive: rating >= 4 ? 1 : 0 }),
    },
    ...(await splitCsatFacts(conversation, s, ctx)),
  ];
};
