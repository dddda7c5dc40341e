/**
 * How a shop's history happens, told with the factories: a customer opens the chat, the auto-reply
 * flow greets and answers, some chats reach an agent, some leave a ticket, and nearly all of it is
 * closed. The open working set (queues, chats in progress, open tickets) is told separately and
 * does not grow with history.
 */
import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { TICKET_PRIORITIES } from '@kefu/runtime/models';
import * as make from './factories';
import type { Random } from './random';
import * as texts from './texts';

type Id = Types.ObjectId;
type Doc = Record<string, unknown> & { _id: Id };

export interface TenantRef {
  workspaceId: Id;
  flow: { flowId: Id; version: number };
  teamId: Id;
  agents: Id[];
}

/** Documents of one conversation, by collection (the Models key each goes to). */
export interface Story {
  Contact: Doc[];
  Conversation: Doc[];
  Message: Doc[];
  FlowRun: Doc[];
  RunStep: Doc[];
  Ticket: Doc[];
}

/** What an open conversation of the working set is waiting for. */
export type OpenKind = 'bot' | 'queued' | 'handed-off' | 'mine';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The demo flow's nodes, as the run records them. */
const NODES = {
  start: { id: 'start', type: 'conversation-started' },
  welcome: { id: 'welcome', type: 'send-message' },
  wait: { id: 'wait', type: 'wait-for-reply' },
  reply: { id: 'auto-reply', type: 'send-message' },
};

export function emptyStory(): Story {
  return { Contact: [], Conversation: [], Message: [], FlowRun: [], RunStep: [], Ticket: [] };
}

/** A new widget visitor; about a third leave an email (ask-question, offline form) and a name. */
export function visitor(rng: Random, workspaceId: Id, at: Date) {
  const named = rng.chance(0.3);
  const first = rng.pick(texts.FIRST_NAMES);
  const last = rng.pick(texts.LAST_NAMES);
  return make.contact({
    workspaceId,
    at,
    visitorId: `v-${rng.hex(16)}`,
    ...(named
      ? { name: `${first} ${last}`, email: `${first}.${last}.${rng.hex(6)}@mail.example`.toLowerCase() }
      : {}),
  });
}

/** A row of the shop's customer list, imported as CSV. */
export function importedContact(rng: Random, workspaceId: Id, at: Date) {
  const first = rng.pick(texts.FIRST_NAMES);
  const last = rng.pick(texts.LAST_NAMES);
  return make.contact({
    workspaceId,
    at,
    visitorId: `import:${randomUUID()}`,
    name: `${first} ${last}`,
    email: `${first}.${last}.${rng.hex(8)}@shop-customers.example`.toLowerCase(),
    phone: `+86 13${rng.int(0, 9)} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`,
    tags: rng.chance(0.4) ? [rng.pick(texts.CONTACT_TAGS)] : [],
    attributes: { source: 'csv', ...(rng.chance(0.3) ? { plan: rng.pick(['gold', 'silver']) } : {}) },
  });
}

/**
 * One conversation from hello to its end (or, with `open`, as it stands now): the flow's welcome,
 * 1–8 customer messages each answered by the bot or, once an agent took the chat, by the agent;
 * about ten messages and ten run steps on average. Closed history: 30% reached an agent, 20% left
 * a ticket, 15% were rated.
 */
export function conversationStory(
  rng: Random,
  tenant: TenantRef,
  contactId: Id,
  at: Date,
  open?: OpenKind,
): Story {
  const { workspaceId, flow } = tenant;
  const story = emptyStory();
  const id = make.idAt(at);
  const runId = randomUUID();
  const customerMessages = open ? rng.int(1, 4) : rng.int(1, 8);
  const agentTakes = open ? open === 'mine' : rng.chance(0.3);
  const botAnswers =
    agentTakes || open === 'queued' || open === 'handed-off'
      ? rng.int(1, customerMessages)
      : customerMessages;
  const agent = rng.pick(tenant.agents);

  let t = at.getTime();
  let step = 0;
  const runStep = (node: { id: string; type: string }, entered: number, left: number, port: string | null) =>
    story.RunStep.push(
      make.runStep({
        workspaceId,
        runId,
        step: ++step,
        node,
        enteredAt: new Date(entered),
        leftAt: new Date(left),
        port,
      }),
    );
  const say = (from: Parameters<typeof make.message>[0]['from'], text: string, when: number) =>
    story.Message.push(make.message({ workspaceId, conversationId: id, at: new Date(when), text, from }));

  runStep(NODES.start, t, t + 5, 'next');
  t += 40;
  runStep(NODES.welcome, t - 35, t, 'next');
  say({ bot: { runId, step } }, texts.WELCOME, t);
  let lastMessage = { author: 'customer' as 'customer' | 'agent', text: '', at: new Date(t) };
  let lastCustomerAt = new Date(t);
  for (let i = 0; i < customerMessages; i++) {
    const waitFrom = t;
    t += rng.int(15 * SECOND, 3 * MINUTE);
    const line = rng.pick(texts.CUSTOMER_LINES);
    say({ customer: randomUUID() }, line, t);
    lastMessage = { author: 'customer', text: line, at: new Date(t) };
    lastCustomerAt = new Date(t);
    if (i < botAnswers) {
      runStep(NODES.wait, waitFrom, t, 'received');
      t += rng.int(30, 120);
      runStep(NODES.reply, t - 25, t, 'next');
      say({ bot: { runId, step } }, texts.autoReply(line), t);
    } else if (agentTakes) {
      t += rng.int(20 * SECOND, 10 * MINUTE);
      const reply = rng.pick(texts.AGENT_LINES);
      say({ agent }, reply, t);
      lastMessage = { author: 'agent', text: reply, at: new Date(t) };
    }
  }
  const ended = !open || open === 'handed-off' ? t + rng.int(1 * MINUTE, 30 * MINUTE) : undefined;
  // The run stops at its last wait: the close step (bot) or the agent's resolve ends it.
  if (ended && !open) runStep(NODES.wait, t, ended, null);
  const assignedAt = new Date(at.getTime() + 2 * MINUTE);
  const csat =
    !open && rng.chance(0.15)
      ? { rating: rng.pick([5, 5, 5, 4, 4, 3, 2, 1]), at: new Date(ended!) }
      : undefined;

  story.Conversation.push(
    make.conversation({
      id,
      workspaceId,
      contactId,
      channel: rng.weighted({ web: 85, email: 10, api: 5 }),
      at,
      flow,
      status: open ? 'open' : 'closed',
      runStatus: open === 'handed-off' ? 'failed' : open ? 'running' : 'ended',
      lastMessage,
      lastCustomerAt,
      updatedAt: new Date(ended ?? t),
      ...(agentTakes || open === 'queued' ? { teamId: tenant.teamId } : {}),
      ...(agentTakes ? { assignee: { agentId: agent, teamId: tenant.teamId, at: assignedAt } } : {}),
      ...(open === 'handed-off'
        ? { handoff: { reason: 'HTTP request failed: timeout', at: new Date(t) } }
        : {}),
      ...(agentTakes && !open ? { resolved: { at: new Date(ended!), by: agent } } : {}),
      ...(csat ? { csat } : {}),
    }),
  );
  story.FlowRun.push(
    make.flowRun({
      workspaceId,
      runId,
      conversationId: id,
      contactId,
      flow,
      startedAt: at,
      ...(ended ? { endedAt: new Date(ended) } : {}),
      currentNodeId: ended ? null : 'wait',
      steps: step,
      ...(open === 'handed-off'
        ? { failure: { nodeId: 'wait', reason: 'HTTP request failed: timeout' } }
        : {}),
    }),
  );
  if (!open && rng.chance(0.2))
    story.Ticket.push(historyTicket(rng, tenant, contactId, id, new Date(t), agent));
  return story;
}

/** A ticket from a chat, long since solved (closed four days later by the shop's rule). */
function historyTicket(
  rng: Random,
  tenant: TenantRef,
  contactId: Id,
  conversationId: Id,
  at: Date,
  agent: Id,
) {
  const now = Date.now();
  const firstResponseAt = new Date(at.getTime() + rng.int(5 * MINUTE, 6 * HOUR));
  // History ends a day ago: a ticket of the last days is solved, not yet closed; none is still open.
  const solvedAt = new Date(Math.min(firstResponseAt.getTime() + rng.int(1 * HOUR, 3 * DAY), now - HOUR));
  const closed = solvedAt.getTime() + 4 * DAY < now;
  return make.ticket({
    workspaceId: tenant.workspaceId,
    at,
    key: `${randomUUID()}/2/0`,
    subject: rng.pick(texts.TICKET_SUBJECTS),
    description: rng.pick(texts.CUSTOMER_LINES),
    priority: rng.weighted({ low: 10, normal: 70, high: 15, urgent: 5 }),
    status: closed ? 'closed' : 'solved',
    source: rng.chance(0.5) ? 'conversation' : 'flow',
    contactId,
    conversationId,
    assigneeId: agent,
    teamId: tenant.teamId,
    tags: rng.chance(0.6) ? [rng.pick(texts.TICKET_TAGS)] : [],
    firstResponseAt,
    solvedAt,
    ...(closed ? { closedAt: new Date(solvedAt.getTime() + 4 * DAY) } : {}),
  });
}

/** An open or pending ticket of the working set, opened in the last week. */
export function workingTicket(
  rng: Random,
  tenant: TenantRef,
  contactId: Id,
  status: 'open' | 'pending',
  assignee?: Id,
) {
  const at = new Date(Date.now() - rng.int(1 * HOUR, 7 * DAY));
  return make.ticket({
    workspaceId: tenant.workspaceId,
    at,
    key: `client/${randomUUID()}`,
    subject: rng.pick(texts.TICKET_SUBJECTS),
    description: rng.pick(texts.CUSTOMER_LINES),
    priority: rng.pick(TICKET_PRIORITIES),
    status,
    source: rng.pick(['agent', 'email', 'flow'] as const),
    contactId,
    ...(assignee ? { assigneeId: assignee } : {}),
    teamId: tenant.teamId,
    tags: [rng.pick(texts.TICKET_TAGS)],
    ...(status === 'pending' ? { firstResponseAt: new Date(at.getTime() + 30 * MINUTE) } : {}),
  });
}
