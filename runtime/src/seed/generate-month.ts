import { Types } from 'mongoose';
import { compileFlow } from '@kefu/nodes/compiler';
import { claimConversation } from '../inbox/assignee-writes';
import { insertOnce, markFirst, type Models } from '../models';
import { joinTeam } from '../models/inbox-keys';
import { writeMonthBatch } from './generate-month-batch';
import type { GENERATED_SPLIT} from './generated-flow';
import { generatedFlowDraft, splitOf } from './generated-flow';
import { planPresence, writePresence } from './generate-presence';

/**
 * A reproducible month of service activity in one workspace, for the KPI recompute test and the
 * benchmark: conversations on two channels and two versions of one flow (a 50/50 split), each run through
 * the flow's random split (an A/B greeting, branches drawn 50/50), bot-only
 * ones closed by the flow, hand-offs to teams taken by agents who reply and resolve, reopens, CSAT
 * answers, tickets with SLA clocks and the agents' online spans. Everything is written through the models with the writes the
 * product makes (joinTeam, claimConversation, markFirst, insertOnce, the ticket fields changeTicket
 * sets), at the generated times, so the KPI rollups are made by the models' own hooks
 * (models/kpi-noted.ts), never by this script. The same seed gives the same month.
 */
export interface MonthOptions {
  workspaceId: string;
  conversations: number;
  /** First day, `YYYY-MM-DD` (UTC midnight; the workspace's zone decides which day each lands in). */
  start: string;
  days?: number;
  seed?: number;
  /** How many conversations are played at once. */
  concurrency?: number;
  /**
   * How many of the conversations (the first drawn) are played write by write, as the product
   * makes them (the models' update hooks); the rest are written in batch, each as its final state
   * (generate-month-batch.ts). Default: all played.
   */
  played?: number;
}

export interface Month {
  teams: string[];
  agents: string[];
  flowId: string;
}

/** mulberry32: a small seeded PRNG, so a month is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['billing', 'shipping', 'returns'] as const;
const AGENTS = 8;
const COMPLAINT_CAUSES = [
  'late-delivery',
  'damaged-item',
  'wrong-item',
  'refund-delay',
  'rude-staff',
] as const;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** One conversation's story, drawn up front so the writes can run concurrently and stay reproducible. */
export interface Plan {
  i: number;
  at: number;
  channel: 'web' | 'email';
  version: 1 | 2;
  /** The branch the run took at the flow's random split (GENERATED_SPLIT). */
  branch: (typeof GENERATED_SPLIT.ports)[number];
  contact: number;
  bot?: { closeAfter: number | null };
  person?: {
    team: number;
    askAfter: number;
    agent: number | null;
    takeAfter: number;
    replyAfter: number | null;
    resolveAfter: number | null;
    reopenAfter: number | null;
  };
  rating: number | null;
  ticket?: {
    firstResponseAfter: number | null;
    solveAfter: number | null;
    reopenAfter: number | null;
    frDue: number;
    resDue: number;
    /** `complaint:<cause>` for a complaint (docs/analytics.md: complaints by cause). */
    tags: string[];
  };
}

export async function generateMonth(models: Models, options: MonthOptions): Promise<Month> {
  const { workspaceId, conversations } = options;
  const days = options.days ?? 30;

  const teamIds: string[] = [];
  for (const [k, name] of TEAMS.entries()) {
    const team = await models.Team.create({ workspaceId, key: `${name}-${k}`, name });
    teamIds.push(String(team._id));
  }
  const agentIds: string[] = [];
  for (let a = 0; a < AGENTS; a++) {
    const user = await models.User.create({
      workspaceId,
      email: `agent${a}-${workspaceId}@example.com`,
      name: `Agent ${a}`,
      passwordHash: 'generated: cannot sign in',
      roles: ['agent'],
    });
    agentIds.push(String(user._id));
  }
  const contactIds: string[] = [];
  const contactCount = Math.max(10, Math.ceil(conversations / 4));
  for (let c = 0; c < contactCount; c += 200) {
    const batch = Array.from({ length: Math.min(200, contactCount - c) }, (_, j) => ({
      workspaceId,
      visitorId: `generated-${workspaceId}-${c + j}`,
    }));
    const made = await models.Contact.insertMany(batch);
    contactIds.push(...made.map((m) => String(m._id)));
  }
  const flowId = await publishGeneratedFlow(models, workspaceId);

  const plans = planMonth({ ...options, days, contacts: contactCount });

  const month = { teams: teamIds, agents: agentIds, flowId };
  const concurrency = options.concurrency ?? 4;
  const played = plans.slice(0, options.played ?? plans.length);
  for (let k = 0; k < played.length; k += concurrency)
    await Promise.all(
      played.slice(k, k + concurrency).map((p) => play(models, workspaceId, month, contactIds, p)),
    );
  await writeMonthBatch(models, workspaceId, month, contactIds, plans.slice(played.length));
  // The agents' online time: all played when every conversation is, else the first day's.
  const spans = planPresence({ agents: AGENTS, start: options.start, days, seed: options.seed });
  const playedBefore =
    played.length === plans.length ? Infinity : Date.parse(`${options.start}T00:00:00Z`) + 24 * HOUR;
  await writePresence(models, workspaceId, agentIds, spans, playedBefore);
  return month;
}

/** The month's flow, published twice (versions 1 and 2), as an owner publishes it. */
async function publishGeneratedFlow(models: Models, workspaceId: string): Promise<string> {
  const compiled = compileFlow(generatedFlowDraft);
  if (!compiled.ok)
    throw new Error(`the generated flow does not compile: ${JSON.stringify(compiled.problems)}`);
  const flow = await models.Flow.create({
    workspaceId,
    name: generatedFlowDraft.name,
    kind: generatedFlowDraft.kind,
    draft: generatedFlowDraft,
    trigger: 'conversation-started',
  });
  for (const version of [1, 2])
    await models.FlowVersion.create({
      workspaceId,
      flowId: flow._id,
      version,
      hash: compiled.flow.hash,
      compiled: compiled.flow,
      draft: generatedFlowDraft,
      publishedBy: 'generated',
    });
  await models.Flow.updateOne({ _id: flow._id, workspaceId }, { $set: { activeVersion: 2 } });
  return String(flow._id);
}

/**
 * The month's conversations as drawn from the seed, before anything is written: the same options
 * and seed give the same plans (the writes then follow them).
 */
export function planMonth(options: {
  conversations: number;
  start: string;
  days: number;
  seed?: number;
  contacts: number;
}): Plan[] {
  const rand = seededRandom(options.seed ?? 17);
  // Complaints drawn from a stream of their own, so adding them left the rest of a month unchanged.
  const complaintRand = seededRandom((options.seed ?? 17) + 0x5eed);
  // Likewise the split's branches: the rest of the month is the same with or without them.
  const splitRand = seededRandom((options.seed ?? 17) + 0x5b11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
  // Long-tailed durations: most fast, some slow.
  const wait = (typical: number) =>
    Math.round(typical * Math.exp(between(-1.5, 1.5)) * (rand() < 0.1 ? 5 : 1));
  const start = Date.parse(`${options.start}T00:00:00Z`);
  const plans: Plan[] = [];
  for (let i = 0; i < options.conversations; i++) {
    const at = Math.floor(start + rand() * options.days * 24 * HOUR);
    const plan: Plan = {
      i,
      at,
      channel: rand() < 0.7 ? 'web' : 'email',
      version: rand() < 0.5 ? 1 : 2,
      branch: splitRand() < 0.5 ? 'a' : 'b',
      contact: Math.floor(rand() * options.contacts),
      rating: null,
    };
    if (rand() < (plan.version === 2 ? 0.45 : 0.35)) {
      plan.bot = { closeAfter: rand() < 0.7 ? wait(3 * MINUTE) : null };
    } else {
      const taken = rand() < 0.9;
      const replied = taken && rand() < 0.92;
      const resolved = replied && rand() < 0.85;
      plan.person = {
        team: Math.floor(rand() * TEAMS.length),
        askAfter: wait(2 * MINUTE),
        agent: taken ? Math.floor(rand() * AGENTS) : null,
        takeAfter: wait(4 * MINUTE),
        replyAfter: replied ? wait(3 * MINUTE) : null,
        resolveAfter: resolved ? wait(40 * MINUTE) : null,
        reopenAfter: resolved && rand() < 0.06 ? wait(5 * HOUR) : null,
      };
    }
    const closed = plan.bot?.closeAfter != null || plan.person?.resolveAfter != null;
    if (closed && rand() < 0.5) plan.rating = pick([1, 2, 3, 4, 4, 5, 5, 5]);
    if (plan.person && rand() < 0.3) {
      const solved = rand() < 0.7;
      plan.ticket = {
        firstResponseAfter: rand() < 0.8 ? wait(30 * MINUTE) : null,
        solveAfter: solved ? wait(8 * HOUR) : null,
        reopenAfter: solved && rand() < 0.1 ? wait(24 * HOUR) : null,
        frDue: HOUR,
        resDue: 24 * HOUR,
        tags:
          complaintRand() < 0.3
            ? [`complaint:${COMPLAINT_CAUSES[Math.floor(complaintRand() * COMPLAINT_CAUSES.length)]}`]
            : [],
      };
    }
    plans.push(plan);
  }
  return plans;
}

async function play(
  models: Models,
  workspaceId: string,
  month: Month,
  contactIds: string[],
  p: Plan,
): Promise<void> {
  const { Conversation } = models;
  const id = String(new Types.ObjectId());
  const scope = { _id: id, workspaceId };
  const t = (ms: number) => new Date(p.at + ms);
  // As the widget opens one (plugins/app/conversations.ts): stored with its run in one write.
  await Conversation.create({
    _id: id,
    workspaceId,
    contactId: contactIds[p.contact],
    channel: p.channel,
    flowRun: { flowId: month.flowId, version: p.version, workflowId: `generated-${id}`, status: 'running' },
    createdAt: t(0),
  });
  // The branch its run took, as the worker records it (workers/src/run-history.ts).
  await Conversation.updateOne(scope, { $addToSet: { splits: splitOf(month.flowId, p) } });
  await insertOnce(models.Message, {
    workspaceId,
    conversationId: id,
    author: 'customer',
    text: `Question ${p.i}`,
    idempotencyKey: `generated/${id}/first`,
    createdAt: t(0),
  });
  if (p.bot) {
    if (p.bot.closeAfter !== null) {
      // As the flow's close step does (workers/src/contact-activities.ts).
      await Conversation.updateOne(scope, { $set: { status: 'closed' }, $unset: { inboxKey: 1 } });
      await markFirst(Conversation as never, scope, 'firstResolvedAt', t(p.bot.closeAfter));
    }
  } else if (p.person) {
    const h = p.person;
    const teamId = month.teams[h.team]!;
    // A route-to-team step (routing): the conversation waits in the team's queue.
    await joinTeam(models, scope, teamId, { handoff: { reason: 'asked for a person', at: t(h.askAfter) } });
    let now = h.askAfter;
    if (h.agent !== null) {
      const agentId = month.agents[h.agent]!;
      now += h.takeAfter;
      await claimConversation(models, workspaceId, id, {
        agentId,
        holder: `generated:${id}`,
        at: t(now),
        teamId,
      });
      if (h.replyAfter !== null) {
        now += h.replyAfter;
        // As an agent's reply does (inbox/conversation-actions.ts).
        const reply = await insertOnce(models.Message, {
          workspaceId,
          conversationId: id,
          author: 'agent',
          agentId,
          text: 'Happy to help',
          idempotencyKey: `generated/${id}/reply`,
          createdAt: t(now),
        });
        await markFirst(Conversation as never, scope, 'firstResponseAt', reply.get('createdAt') as Date);
      }
      if (h.resolveAfter !== null) {
        now += h.resolveAfter;
        await Conversation.updateOne(
          { ...scope, status: 'open' },
          { $set: { status: 'closed', resolvedAt: t(now), resolvedBy: agentId }, $unset: { inboxKey: 1 } },
        );
        await markFirst(Conversation as never, scope, 'firstResolvedAt', t(now));
      }
    }
    if (p.rating !== null) {
      await insertOnce(models.SurveyResponse, {
        workspaceId,
        conversationId: id,
        contactId: contactIds[p.contact],
        rating: p.rating,
        idempotencyKey: `generated/${id}/csat`,
      });
    }
    if (h.reopenAfter !== null) {
      now += h.reopenAfter;
      // As reopenConversation does: back in its team's queue, unassigned.
      await Conversation.updateOne(
        { ...scope, status: 'closed' },
        {
          $set: { status: 'open', inboxKey: teamId },
          $unset: { resolvedAt: 1, resolvedBy: 1, resolvedSignal: 1, assignee: 1, assigneeId: 1 },
        },
      );
      await markFirst(Conversation as never, scope, 'reopenedAt', t(now));
    }
    if (p.ticket)
      await playTicket(models, workspaceId, id, teamId, h.agent === null ? null : month.agents[h.agent]!, p);
  }
  if (p.bot && p.rating !== null)
    await insertOnce(models.SurveyResponse, {
      workspaceId,
      conversationId: id,
      contactId: contactIds[p.contact],
      rating: p.rating,
      idempotencyKey: `generated/${id}/csat`,
    });
}

/** A ticket opened from the conversation, with the fields changeTicket sets as its status moves. */
async function playTicket(
  models: Models,
  workspaceId: string,
  conversationId: string,
  teamId: string,
  agentId: string | null,
  p: Plan,
): Promise<void> {
  const k = p.ticket!;
  const opened = p.at + 10 * MINUTE;
  const t = (ms: number) => new Date(opened + ms);
  const ticket = await insertOnce(models.Ticket, {
    workspaceId,
    conversationId,
    subject: `Follow-up ${p.i}`,
    source: 'conversation',
    teamId,
    tags: k.tags,
    ...(agentId ? { assigneeId: agentId } : {}),
    firstResponseDueAt: t(k.frDue),
    resolutionDueAt: t(k.resDue),
    idempotencyKey: `generated/${conversationId}/ticket`,
    createdAt: t(0),
  });
  const scope = { _id: ticket._id, workspaceId };
  if (k.firstResponseAfter !== null)
    await models.Ticket.updateOne(scope, {
      $set: { firstResponseAt: t(k.firstResponseAfter), firstResponseLate: k.firstResponseAfter > k.frDue },
    });
  if (k.solveAfter === null) return;
  // A reopened ticket's resolution clock runs again (its lateness is unset): reopened ones here were on time.
  const solveAfter = k.reopenAfter !== null ? Math.min(k.solveAfter, k.resDue - MINUTE) : k.solveAfter;
  await models.Ticket.updateOne(scope, {
    $set: { status: 'solved', solvedAt: t(solveAfter), resolutionLate: solveAfter > k.resDue },
  });
  if (k.reopenAfter !== null)
    await models.Ticket.updateOne(scope, {
      $set: { status: 'open', reopenedAt: t(solveAfter + k.reopenAfter) },
      $unset: { solvedAt: 1, closedAt: 1, resolutionLate: 1 },
    });
}
