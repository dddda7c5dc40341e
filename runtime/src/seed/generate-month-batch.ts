import { Types } from 'mongoose';
import { idForKey, type Models } from '../models';
import type { Month, Plan } from './generate-month';
import { splitOf } from './generated-flow';

const MINUTE = 60_000;

/**
 * The batch mode of the generated month: each conversation's final state — what `play` leaves
 * after its writes — built up front and inserted through the models' insertMany, a chunk at a time
 * (messages first: a reopened conversation's agent is read from its first reply; then the
 * conversations, their survey answers, their tickets). The models' insertMany hooks record the KPI
 * events of each chunk as one batch (kpi-noted.ts, recordKpiBatch), so the rollups are still made
 * by the models, never by this script; only the update hooks are not exercised (the event-by-event
 * mode does that). About a hundred times faster than playing each write.
 */
export async function writeMonthBatch(
  models: Models,
  workspaceId: string,
  month: Month,
  contactIds: string[],
  plans: Plan[],
  chunk = 500,
): Promise<void> {
  const chunks: Plan[][] = [];
  for (let k = 0; k < plans.length; k += chunk) chunks.push(plans.slice(k, k + chunk));
  // Two chunks in flight: the store's round trips overlap (chunks share no document; the buckets'
  // increments are atomic).
  const next = async (): Promise<void> => {
    const plansOf = chunks.shift();
    if (!plansOf) return;
    await writeChunk(
      models,
      plansOf.map((p) => finalState(workspaceId, month, contactIds, p)),
    );
    await next();
  };
  await Promise.all([next(), next()]);
}

async function writeChunk(models: Models, docs: ReturnType<typeof finalState>[]): Promise<void> {
  await models.Message.insertMany(docs.flatMap((d) => d.messages));
  const tickets = docs.flatMap((d) => (d.ticket ? [d.ticket] : []));
  await Promise.all([
    (async () => {
      await models.Conversation.insertMany(docs.map((d) => d.conversation));
      // A survey answer's figures are read from its conversation: after it.
      const surveys = docs.flatMap((d) => (d.survey ? [d.survey] : []));
      if (surveys.length) await models.SurveyResponse.insertMany(surveys);
    })(),
    tickets.length ? models.Ticket.insertMany(tickets) : undefined,
  ]);
}

type Fields = Record<string, unknown>;

/** What one plan's writes leave in the store (generate-month.ts `play`, `playTicket`). */
function finalState(workspaceId: string, month: Month, contactIds: string[], p: Plan) {
  const id = new Types.ObjectId();
  const t = (ms: number) => new Date(p.at + ms);
  const keyed = (key: string, fields: Fields): Fields => ({
    _id: idForKey(key),
    idempotencyKey: key,
    ...fields,
  });
  const messages: Fields[] = [
    keyed(`generated/${id}/first`, {
      workspaceId,
      conversationId: id,
      author: 'customer',
      text: `Question ${p.i}`,
      createdAt: t(0),
    }),
  ];
  const conversation: Fields = {
    _id: id,
    workspaceId,
    contactId: contactIds[p.contact],
    channel: p.channel,
    flowRun: { flowId: month.flowId, version: p.version, workflowId: `generated-${id}`, status: 'running' },
    splits: [splitOf(month.flowId, p)],
    status: 'open',
    createdAt: t(0),
  };
  let ticket: Fields | undefined;
  if (p.bot?.closeAfter != null)
    Object.assign(conversation, { status: 'closed', firstResolvedAt: t(p.bot.closeAfter) });
  if (p.person) {
    const h = p.person;
    const teamId = month.teams[h.team]!;
    Object.assign(conversation, { teamId, handoff: { reason: 'asked for a person', at: t(h.askAfter) } });
    let now = h.askAfter;
    if (h.agent !== null) {
      const agentId = month.agents[h.agent]!;
      now += h.takeAfter;
      conversation.assignee = { agentId, holder: `generated:${id}`, at: t(now), teamId };
      if (h.replyAfter !== null) {
        now += h.replyAfter;
        messages.push(
          keyed(`generated/${id}/reply`, {
            workspaceId,
            conversationId: id,
            author: 'agent',
            agentId,
            text: 'Happy to help',
            createdAt: t(now),
          }),
        );
        conversation.firstResponseAt = t(now);
      }
      if (h.resolveAfter !== null) {
        now += h.resolveAfter;
        Object.assign(conversation, {
          status: 'closed',
          resolvedAt: t(now),
          resolvedBy: agentId,
          firstResolvedAt: t(now),
        });
      }
    }
    if (h.reopenAfter !== null) {
      now += h.reopenAfter;
      // Back in its team's queue, unassigned (reopenConversation).
      for (const f of ['resolvedAt', 'resolvedBy', 'assignee']) delete conversation[f];
      Object.assign(conversation, { status: 'open', reopenedAt: t(now) });
    }
    if (p.ticket)
      ticket = ticketState(
        workspaceId,
        String(id),
        teamId,
        h.agent === null ? null : month.agents[h.agent]!,
        p,
      );
  }
  const survey =
    p.rating === null
      ? undefined
      : keyed(`generated/${id}/csat`, {
          workspaceId,
          conversationId: id,
          contactId: contactIds[p.contact],
          rating: p.rating,
        });
  return { messages, conversation, survey, ticket };
}

function ticketState(
  workspaceId: string,
  conversationId: string,
  teamId: string,
  agentId: string | null,
  p: Plan,
): Fields {
  const k = p.ticket!;
  const opened = p.at + 10 * MINUTE;
  const t = (ms: number) => new Date(opened + ms);
  const key = `generated/${conversationId}/ticket`;
  const ticket: Fields = {
    _id: idForKey(key),
    idempotencyKey: key,
    workspaceId,
    conversationId,
    subject: `Follow-up ${p.i}`,
    source: 'conversation',
    teamId,
    tags: k.tags,
    ...(agentId ? { assigneeId: agentId } : {}),
    firstResponseDueAt: t(k.frDue),
    resolutionDueAt: t(k.resDue),
    createdAt: t(0),
  };
  if (k.firstResponseAfter !== null)
    Object.assign(ticket, {
      firstResponseAt: t(k.firstResponseAfter),
      firstResponseLate: k.firstResponseAfter > k.frDue,
    });
  if (k.solveAfter === null) return ticket;
  const solveAfter = k.reopenAfter !== null ? Math.min(k.solveAfter, k.resDue - MINUTE) : k.solveAfter;
  if (k.reopenAfter === null)
    return Object.assign(ticket, {
      status: 'solved',
      solvedAt: t(solveAfter),
      resolutionLate: solveAfter > k.resDue,
    });
  return Object.assign(ticket, { status: 'open', reopenedAt: t(solveAfter + k.reopenAfter) });
}
