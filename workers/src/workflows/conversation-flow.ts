import {
  condition,
  continueAsNew,
  isCancellation,
  patched,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import {
  findNode,
  renderTemplate,
  type AnyNodeDefinition,
  type CustomerMessage,
  type RunContext,
  type RunResult,
  type TicketSnapshot,
} from '@kefu/nodes';
import type {
  CompiledNode,
  ConversationFlowInput,
  ConversationResolvedSignal,
  CustomerMessageSignal,
  FlowWait,
  TicketFacts,
} from '@kefu/schemas';
import {
  agentAcceptedSignal,
  agentMessageSignal,
  conversationResolvedSignal,
  conversationTransferredSignal,
  customerMessageSignal,
  skipWaitSignal,
  stateQuery,
  ticketUpdatedSignal,
} from './definitions';
import { endRun, expireOffer, flowActivities } from './flow-activities';
import { HistoryBuffer } from './history-buffer';
import { simulatedActivities } from './simulated-activities';

/** How many message ids to remember for de-duplicating re-sent signals across continue-as-new. */
const RECENT_IDS_KEPT = 200;
/** Continue as new well before Temporal's history limits (50K events, 50 MB). */
const HISTORY_EVENTS_BEFORE_CONTINUE = 5000;
/**
 * A run waiting for a reply writes its history once the customer has been quiet this long, not
 * before every reply: a lively chat writes its steps in batches (at the latest every 25 steps), and
 * they are safe meanwhile in the workflow's own history. Saves a history activity, its workflow task
 * and two database writes per message under load.
 */
const HISTORY_QUIET_MS = 2000;

/**
 * Interprets one compiled flow for one conversation. Decisions only: every side effect is an
 * activity whose idempotency key is derived from this run chain and the step, so a retry repeats nothing.
 */
export async function conversationFlow(input: ConversationFlowInput): Promise<void> {
  const { flow } = input;
  let nodeId: string | null = input.resume?.nodeId ?? flow.startNodeId;
  let step = input.resume?.step ?? 0;
  // Versions compiled before variable defaults existed carry none.
  const vars: Record<string, unknown> = { ...(flow.variableDefaults ?? {}), ...input.resume?.vars };
  // `message` follows the latest customer message; the rest is what the API knew at start.
  const facts: Record<string, unknown> = { ...input.facts };
  const inbox: CustomerMessageSignal[] = [...(input.resume?.inbox ?? [])];
  const recentIds: string[] = [...(input.resume?.recentMessageIds ?? [])];
  const seen = new Set(recentIds);
  // A message-received run starts with its message in the facts: a re-send of it is not a reply.
  const trigger = (input.facts.message as { messageId?: unknown } | undefined)?.messageId;
  if (typeof trigger === 'string' && !seen.has(trigger)) {
    seen.add(trigger);
    recentIds.push(trigger);
  }
  const accepted = new Map<string, string>();
  // Set by an agent's resolve, taken by the next wait-for-resolution step.
  let resolution: ConversationResolvedSignal | null = input.resume?.resolution ?? null;
  // While a wait-for-resolution step waits, the customer talks to the agent, not to the flow.
  let humanHolds = false;
  let waiting: FlowWait | null = null;
  let skips = 0;

  setHandler(customerMessageSignal, (message) => {
    // The API may signal the same stored message twice (a retry after a lost answer).
    if (seen.has(message.messageId)) return;
    seen.add(message.messageId);
    recentIds.push(message.messageId);
    if (recentIds.length > RECENT_IDS_KEPT) seen.delete(recentIds.shift() as string);
    if (!humanHolds) inbox.push(message);
  });
  setHandler(conversationResolvedSignal, (signal) => {
    resolution = signal;
  });
  // Agents' replies and transfers are the agents' business; the run takes note of nothing yet, but
  // the handlers keep these signals from piling up unhandled in the run's buffer.
  setHandler(agentMessageSignal, () => undefined);
  setHandler(conversationTransferredSignal, () => undefined);
  setHandler(agentAcceptedSignal, ({ offerId, agentId }) => {
    if (!accepted.has(offerId)) accepted.set(offerId, agentId);
  });
  // The API sends a ticket's whole state on each change: the latest one is the truth.
  setHandler(ticketUpdatedSignal, ({ ticket }) => {
    const current = facts.ticket as { id?: unknown } | undefined;
    if (current?.id === ticket.id) facts.ticket = ticket;
  });
  // Only a simulation may cut a wait short: a real customer's timers are the owner's promise.
  setHandler(skipWaitSignal, () => {
    if (input.test) skips += 1;
  });
  setHandler(stateQuery, () => ({ nodeId, vars, step, waiting }));
  /** `condition` with a timeout; in a test run a skipWait ends it early, as if the time had passed. */
  const waitUntil = async (ready: () => boolean, ms: number): Promise<boolean> => {
    if (!input.test) return condition(ready, ms);
    const mark = skips;
    await condition(() => ready() || skips > mark, ms);
    return ready();
  };

  // Asked once, before anything else: a patch marker recorded after a local activity in the same
  // workflow task (the question sendMessage, then this wait) did not replay — nondeterminism error.
  const historyAfterQuiet = !input.test && patched('history-after-quiet');
  const info = workflowInfo();
  const chain = info.firstExecutionRunId;
  const base = {
    workspaceId: input.workspaceId,
    ...(input.conversationId ? { conversationId: input.conversationId } : {}),
    ...(input.ticketId ? { ticketId: input.ticketId } : {}),
  };
  const startedAt = input.resume?.startedAt ?? info.startTime.getTime();
  const contactId = (input.facts.contact as { id?: unknown } | undefined)?.id;
  const history = new HistoryBuffer(
    base,
    {
      runId: chain,
      workflowId: info.workflowId,
      flowId: input.flowId,
      version: input.version,
      startedAt,
      ...(typeof contactId === 'string' ? { contactId } : {}),
      ...(input.test ? { test: true } : {}),
    },
    step,
  );
  // Waiting is when history is written: the customer's answer never waits for it.
  const beforeWait = () => history.flush('running', nodeId);

  while (nodeId) {
    if (step > 0 && shouldContinueAsNew(input.historyLimit ?? HISTORY_EVENTS_BEFORE_CONTINUE)) {
      history.flush('running', nodeId);
      await history.settled();
      await continueAsNew<typeof conversationFlow>({
        ...input,
        facts,
        resume: {
          startedAt,
          nodeId,
          vars,
          step,
          inbox,
          recentMessageIds: recentIds,
          ...(resolution ? { resolution } : {}),
        },
      });
    }
    const node: CompiledNode | undefined = flow.nodes[nodeId];
    const def: AnyNodeDefinition | undefined = node && findNode(node.type);
    if (!node || !def) throw new Error(`compiled flow has no runnable node "${nodeId}"`);
    step += 1;
    let call = 0;
    const stepStartedAt = Date.now();
    const ctx: RunContext<unknown> = {
      nodeId,
      config: node.config,
      vars,
      facts,
      act: input.test
        ? simulatedActivities(
            flowActivities(base, () => `${chain}/${step}/${call++}`),
            `${chain}/${step}`,
          )
        : flowActivities(base, () => `${chain}/${step}/${call++}`),
      waitForCustomerMessage: async (timeoutMs) => {
        waiting = { for: 'reply', ...(timeoutMs === undefined ? {} : { until: Date.now() + timeoutMs }) };
        // Simulations skip waits by signal and keep writing history at every wait; runs recorded
        // before the quiet period (no patch marker) replay as they ran.
        const quietMs =
          input.test || !historyAfterQuiet ? 0 : Math.min(HISTORY_QUIET_MS, timeoutMs ?? Infinity);
        let got = quietMs > 0 && (await condition(() => inbox.length > 0, quietMs));
        if (!got) {
          beforeWait();
          const left = timeoutMs === undefined ? undefined : timeoutMs - quietMs;
          if (left === undefined) got = await condition(() => inbox.length > 0).then(() => true);
          else got = left > 0 && (await waitUntil(() => inbox.length > 0, left));
        }
        waiting = null;
        if (!got) return null;
        const message = inbox.shift() as CustomerMessage;
        facts.message = { messageId: message.messageId, text: message.text };
        return message;
      },
      waitForAgentAcceptance: async (offerId, timeoutMs) => {
        beforeWait();
        waiting = { for: 'agent', offerId, until: Date.now() + timeoutMs };
        // An agent may resolve the chat from the queue before anyone accepts the offer (the API then
        // withdraws it): the chat was handled, so the step goes on as assigned instead of timing
        // out into bot steps on a closed conversation. Only a resolve since this step began counts.
        const resolvedNow = () => resolution !== null && resolution.at >= stepStartedAt;
        const got = await waitUntil(() => accepted.has(offerId) || resolvedNow(), timeoutMs);
        waiting = null;
        if (accepted.has(offerId)) return { agentId: accepted.get(offerId) as string };
        if (got && resolution && resolvedNow()) return { agentId: resolution.agentId };
        // A simulated offer was never stored: nothing to expire.
        if (input.test) return null;
        // The timer is the offer's expiry: end the offer, unless an acceptance reached the
        // database before the timer fired and its signal is still on the way.
        const { acceptedBy } = await expireOffer({ workspaceId: base.workspaceId, offerId });
        return acceptedBy ? { agentId: acceptedBy } : null;
      },
      // Temporal's timer, clock and PRNG: recorded in or derived from history, so replays agree.
      sleep: async (ms) => {
        beforeWait();
        waiting = { for: 'timer', until: Date.now() + ms };
        if (input.test) await waitUntil(() => false, ms);
        else await sleep(ms);
        waiting = null;
      },
      waitForTicket: async (ticketId, done, timeoutMs) => {
        beforeWait();
        waiting = { for: 'timer', until: Date.now() + timeoutMs };
        const got = await waitUntil(() => {
          const ticket = ticketSnapshot(facts.ticket);
          return ticket?.ticketId === ticketId && done(ticket);
        }, timeoutMs);
        waiting = null;
        return got;
      },
      waitForResolution: async (timeoutMs) => {
        beforeWait();
        // Messages since the agent took over were for the agent: a later question must not take them.
        inbox.length = 0;
        humanHolds = true;
        waiting = { for: 'agent', ...(timeoutMs === undefined ? {} : { until: Date.now() + timeoutMs }) };
        // A simulation has no agent: skipping the wait there is as if nobody resolved it in time.
        const skipsBefore = skips;
        const got =
          timeoutMs === undefined
            ? await condition(() => resolution !== null || skips > skipsBefore).then(
                () => resolution !== null,
              )
            : await waitUntil(() => resolution !== null, timeoutMs);
        humanHolds = false;
        waiting = null;
        const taken = resolution;
        resolution = null;
        return got && taken ? { agentId: taken.agentId } : null;
      },
      now: () => Date.now(),
      random: () => Math.random(),
      render: (template) => renderTemplate(template, { ...facts, vars }),
    };
    const enteredAt = Date.now();
    let result: RunResult<string>;
    try {
      result = await def.run(ctx);
    } catch (err) {
      if (isCancellation(err)) throw err;
      const reason = describe(err);
      const record = { step, nodeId, nodeType: node.type, enteredAt, leftAt: Date.now(), error: reason };
      if (node.next.failure) {
        // The node's own failure port is the owner's plan for this.
        history.add({ ...record, port: 'failure', decision: 'failed; took the failure port' });
        nodeId = node.next.failure;
        continue;
      }
      history.add({ ...record, port: null, decision: 'failed; handed to a person' });
      history.flush('failed', nodeId, { nodeId, reason });
      await history.settled();
      // A simulation's failure is shown in the designer; it is never handed to a real person.
      const handOff = input.test ? {} : { failure: { nodeId, reason } };
      await endRun({ ...base, idempotencyKey: `${chain}/end`, ...handOff, workflowId: info.workflowId });
      return;
    }
    history.add({
      step,
      nodeId,
      nodeType: node.type,
      enteredAt,
      leftAt: Date.now(),
      port: result.port,
      ...(result.decision ? { decision: result.decision } : {}),
    });
    nodeId = result.port === null ? null : (node.next[result.port] ?? null);
  }
  history.flush('completed', null);
  await history.settled();
  await endRun({ ...base, idempotencyKey: `${chain}/end`, workflowId: info.workflowId });
}

/** The run's ticket (`facts.ticket`, as the API sends it) in the shape nodes read tickets. */
function ticketSnapshot(facts: unknown): TicketSnapshot | undefined {
  const t = facts as Partial<TicketFacts> | undefined;
  if (!t?.id || !t.status || !t.priority) return undefined;
  return {
    ticketId: t.id,
    status: t.status,
    priority: t.priority,
    ...(t.firstResponseAt ? { firstResponseAt: t.firstResponseAt } : {}),
    ...(t.solvedAt ? { solvedAt: t.solvedAt } : {}),
  };
}

/** The reason an owner reads in the run history; activity failures carry theirs in `cause`. */
function describe(err: unknown): string {
  let e = err as { message?: string; cause?: unknown } | undefined;
  while (e?.cause) e = e.cause as typeof e;
  return String(e?.message ?? err).slice(0, 500);
}

function shouldContinueAsNew(limit: number): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > limit;
}
