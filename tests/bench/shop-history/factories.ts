/**
 * One factory per collection: the fields the product itself writes into each document (see the
 * file named on each), nothing more. Defaults, casting, version keys and key order come from the
 * model (ModelShaped), so a factory only changes when the product starts writing a field itself:
 * a new top-level key for lists or a denormalized copy goes here, beside the code it mirrors.
 * Every document gets an _id from its creation time, as the product's ids are.
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { conversationWorkflowId } from '@kefu/schemas';
import {
  PRIORITY_RANK,
  dueDatesFor,
  emailKey,
  inboxKeyOf,
  phoneKey,
  type SlaPolicyLike,
  type TicketPriority,
} from '@kefu/runtime/models';

type Id = Types.ObjectId;

export const idAt = (at: Date): Id =>
  new Types.ObjectId(Types.ObjectId.generate(Math.floor(at.getTime() / 1000)));

const present = (field: string, value: string | null) => (value ? { [field]: value } : {});

/** A widget visitor (conversations.ts openForVisitor) or a CSV row (routes/contacts/io.ts, visitorId `import:`). */
export function contact(c: {
  workspaceId: Id;
  at: Date;
  visitorId: string;
  name?: string;
  email?: string;
  phone?: string;
  tags?: string[];
  attributes?: Record<string, string>;
}) {
  return {
    _id: idAt(c.at),
    workspaceId: c.workspaceId,
    visitorId: c.visitorId,
    ...(c.name ? { name: c.name } : {}),
    // The match keys, as an import's lean batch sets them (import-batch.ts).
    ...(c.email ? { email: c.email, ...present('emailKey', emailKey(c.email)) } : {}),
    ...(c.phone ? { phone: c.phone, ...present('phoneKey', phoneKey(c.phone)) } : {}),
    ...(c.tags ? { tags: c.tags } : {}),
    ...(c.attributes ? { attributes: c.attributes } : {}),
    createdAt: c.at,
    updatedAt: c.at,
  };
}

export interface Assignment {
  agentId: Id;
  teamId: Id;
  at: Date;
}

/** How much of a message the conversation keeps as its inbox preview (runtime/src/inbox/last-message.ts). */
const PREVIEW_CHARS = 200;

/**
 * A conversation as openNew stores it with its run (conversations.ts), then as the run, routing and
 * the inbox left it: `closed` by a close step (bot) or resolved by its agent (conversation-actions.ts);
 * its inbox preview as recordLastMessage keeps it, its inbox keys as models/inbox-keys.ts derives them.
 */
export function conversation(c: {
  id: Id;
  workspaceId: Id;
  contactId: Id;
  channel: 'web' | 'email' | 'api';
  at: Date;
  flow: { flowId: Id; version: number };
  status: 'open' | 'closed';
  runStatus: 'running' | 'ended' | 'failed';
  /** The customer's or an agent's latest message (bot replies are left out). */
  lastMessage: { author: 'customer' | 'agent'; text: string; at: Date };
  lastCustomerAt: Date;
  updatedAt: Date;
  teamId?: Id;
  assignee?: Assignment;
  handoff?: { reason: string; at: Date };
  resolved?: { at: Date; by: Id };
  csat?: { rating: number; at: Date };
}) {
  const inboxKey = inboxKeyOf({
    workspaceId: c.workspaceId,
    status: c.status,
    assignee: c.assignee ?? null,
    teamId: c.teamId,
    handoff: c.handoff ?? null,
  });
  return {
    _id: c.id,
    workspaceId: c.workspaceId,
    contactId: c.contactId,
    channel: c.channel,
    status: c.status,
    flowRun: {
      flowId: c.flow.flowId,
      version: c.flow.version,
      workflowId: conversationWorkflowId(String(c.id)),
      status: c.runStatus,
    },
    ...(c.csat ? { csat: c.csat } : {}),
    ...(c.handoff ? { handoff: c.handoff } : {}),
    ...(c.assignee
      ? {
          assignee: {
            agentId: c.assignee.agentId,
            teamId: c.assignee.teamId,
            offerId: idAt(c.assignee.at),
            holder: `offer/${randomUUID()}`,
            at: c.assignee.at,
          },
        }
      : {}),
    ...(c.assignee ? { assigneeId: c.assignee.agentId } : {}),
    ...(inboxKey ? { inboxKey } : {}),
    ...(c.teamId ? { teamId: c.teamId } : {}),
    lastMessageAt: c.lastMessage.at,
    lastMessage: { ...c.lastMessage, text: c.lastMessage.text.slice(0, PREVIEW_CHARS) },
    lastCustomerAt: c.lastCustomerAt,
    ...(c.resolved ? { resolvedAt: c.resolved.at, resolvedBy: c.resolved.by } : {}),
    createdAt: c.at,
    updatedAt: c.updatedAt,
  };
}

/**
 * A message: the customer's (receiveFromCustomer, keyed by clientMessageId), the bot's (the
 * sendMessage activity, keyed by run step) or an agent's (replyToConversation).
 */
export function message(m: {
  workspaceId: Id;
  conversationId: Id;
  at: Date;
  text: string;
  from: { customer: string } | { bot: { runId: string; step: number } } | { agent: Id };
}) {
  const by =
    'customer' in m.from
      ? {
          author: 'customer',
          clientMessageId: m.from.customer,
          idempotencyKey: `customer/${String(m.conversationId)}/${m.from.customer}`,
        }
      : 'bot' in m.from
        ? { author: 'bot', idempotencyKey: `${m.from.bot.runId}/${m.from.bot.step}/0` }
        : {
            author: 'agent',
            agentId: m.from.agent,
            clientMessageId: randomUUID(),
            idempotencyKey: `agent/${String(m.conversationId)}/${String(m.from.agent)}/${randomUUID()}`,
          };
  return {
    _id: idAt(m.at),
    workspaceId: m.workspaceId,
    conversationId: m.conversationId,
    text: m.text,
    ...by,
    createdAt: m.at,
    updatedAt: m.at,
  };
}

/** A conversation's run as the history flushes leave it (workers/src/run-history.ts upsertRun). */
export function flowRun(r: {
  workspaceId: Id;
  runId: string;
  conversationId: Id;
  contactId: Id;
  flow: { flowId: Id; version: number };
  startedAt: Date;
  endedAt?: Date;
  currentNodeId: string | null;
  steps: number;
  /** A run that failed and handed the chat to a person (conversation-flow.ts). */
  failure?: { nodeId: string; reason: string };
}) {
  const last = r.endedAt ?? r.startedAt;
  return {
    _id: idAt(r.startedAt),
    workspaceId: r.workspaceId,
    runId: r.runId,
    workflowId: conversationWorkflowId(String(r.conversationId)),
    flowId: r.flow.flowId,
    version: r.flow.version,
    conversationId: r.conversationId,
    contactId: r.contactId,
    status: r.failure ? 'failed' : r.endedAt ? 'completed' : 'running',
    startedAt: r.startedAt,
    ...(r.endedAt ? { endedAt: r.endedAt } : {}),
    currentNodeId: r.currentNodeId,
    steps: r.steps,
    ...(r.failure ? { failure: r.failure } : {}),
    createdAt: r.startedAt,
    updatedAt: last,
  };
}

/** One node a run passed (recordRunHistory). */
export function runStep(s: {
  workspaceId: Id;
  runId: string;
  step: number;
  node: { id: string; type: string };
  enteredAt: Date;
  leftAt: Date;
  port: string | null;
  decision?: string;
}) {
  return {
    _id: idAt(s.leftAt),
    workspaceId: s.workspaceId,
    runId: s.runId,
    step: s.step,
    nodeId: s.node.id,
    nodeType: s.node.type,
    enteredAt: s.enteredAt,
    leftAt: s.leftAt,
    port: s.port,
    ...(s.decision ? { decision: s.decision } : {}),
  };
}

/** The shops' SLA: calendar minutes per priority (a policy like the one owners set at /sla-policies). */
export const SLA_POLICY: SlaPolicyLike = {
  _id: new Types.ObjectId(),
  targets: {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 4 * 60 },
    high: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
    normal: { firstResponseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
    low: { firstResponseMinutes: 8 * 60, resolutionMinutes: 72 * 60 },
  },
};

/**
 * A ticket as app.tickets.open stores it (plugins/app/tickets.ts), then as its changes left it:
 * first response, solved, closed, each status move remembered in recentChanges and every write
 * giving it a new `rev` (models/change-ticket.ts, models/revision.ts).
 */
export function ticket(t: {
  workspaceId: Id;
  at: Date;
  key: string;
  subject: string;
  description: string;
  priority: TicketPriority;
  status: 'open' | 'pending' | 'solved' | 'closed';
  source: 'conversation' | 'flow' | 'email' | 'agent';
  contactId?: Id;
  conversationId?: Id;
  assigneeId?: Id;
  teamId?: Id;
  tags: string[];
  firstResponseAt?: Date;
  solvedAt?: Date;
  closedAt?: Date;
}) {
  const due = dueDatesFor(SLA_POLICY, t.priority, t.at.getTime(), 'UTC');
  const late = (dueAt: Date | undefined, metAt: Date | undefined) =>
    dueAt && metAt && metAt > dueAt ? true : undefined;
  const firstResponseLate = late(due.firstResponseDueAt, t.firstResponseAt);
  const resolutionLate = late(due.resolutionDueAt, t.solvedAt);
  const moves: [string, string][] = [];
  if (t.solvedAt) moves.push(['open', 'solved']);
  if (t.closedAt) moves.push(['solved', 'closed']);
  if (t.status === 'pending') moves.push(['open', 'pending']);
  const recentChanges = moves.map(([from, to]) => ({
    key: `request/${new Types.ObjectId().toHexString()}`,
    diff: [{ field: 'status', from, to }],
  }));
  return {
    _id: idAt(t.at),
    workspaceId: t.workspaceId,
    idempotencyKey: `ticket/${String(t.workspaceId)}/${t.key}`,
    subject: t.subject,
    description: t.description,
    priority: t.priority,
    priorityRank: PRIORITY_RANK[t.priority],
    status: t.status,
    source: t.source,
    tags: t.tags,
    customFields: {},
    ...(t.contactId ? { contactId: t.contactId } : {}),
    ...(t.conversationId ? { conversationId: t.conversationId } : {}),
    ...(t.assigneeId ? { assigneeId: t.assigneeId } : {}),
    ...(t.teamId ? { teamId: t.teamId } : {}),
    ...due,
    ...(t.firstResponseAt ? { firstResponseAt: t.firstResponseAt } : {}),
    ...(firstResponseLate ? { firstResponseLate } : {}),
    ...(t.solvedAt ? { solvedAt: t.solvedAt } : {}),
    ...(resolutionLate ? { resolutionLate } : {}),
    ...(t.closedAt ? { closedAt: t.closedAt } : {}),
    ...(recentChanges.length ? { recentChanges } : {}),
    rev: new Types.ObjectId(),
    createdAt: t.at,
    updatedAt: t.closedAt ?? t.solvedAt ?? t.firstResponseAt ?? t.at,
  };
}
