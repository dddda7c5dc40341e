import { patched, workflowInfo } from '@temporalio/workflow';
import type { RunChange } from '@kefu/nodes';
import type { ConversationFlowInput } from '@kefu/schemas';
import { HistoryBuffer } from './history-buffer';
import { handleSignals } from './run-signals';
import { startState } from './run-state';
import { walkSteps } from './step-loop';

/**
 * Interprets one compiled flow for one conversation. Decisions only: every side effect is an
 * activity whose idempotency key is derived from this run chain and the step, so a retry repeats nothing.
 * The parts: the run's state (run-state.ts) that the signal handlers (run-signals.ts) write and the
 * waits (waits.ts) take from, the walk over the flow's nodes (step-loop.ts, step-context.ts), and the
 * run history it writes in batches (history-buffer.ts).
 */
export async function conversationFlow(input: ConversationFlowInput): Promise<void> {
  const run = startState(input);
  handleSignals(run, Boolean(input.test));

  // Asked once, before anything else: a patch marker recorded after a local activity in the same
  // workflow task (the question sendMessage, then this wait) did not replay — nondeterminism error.
  const historyAfterQuiet = !input.test && patched('history-after-quiet');
  // Each change by its literal id (the replay test finds patch ids in the source); the Record makes
  // the compiler refuse a RUN_CHANGES entry asked for nowhere.
  const asked: Record<RunChange, boolean> = { 'http-response-json': patched('http-response-json') };
  const changes = new Set((Object.keys(asked) as RunChange[]).filter((change) => asked[change]));
  const info = workflowInfo();
  const chain = info.firstExecutionRunId;
  const base = {
    workspaceId: input.workspaceId,
    ...(input.conversationId ? { conversationId: input.conversationId } : {}),
    ...(input.ticketId ? { ticketId: input.ticketId } : {}),
  };
  const startedAt = input.resume?.startedAt ?? info.startTime.getTime();
  const contact = input.facts.contact as { id?: unknown; tags?: unknown } | undefined;
  const contactId = contact?.id;
  const channel =
    (input.facts.conversation as { channel?: unknown } | undefined)?.channel ?? input.facts.channel;
  const rawTags: unknown = contact?.tags;
  const tags = Array.isArray(rawTags) ? rawTags.filter((t): t is string => typeof t === 'string') : [];
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
      ...(typeof channel === 'string' ? { channel } : {}),
      ...(tags.length ? { tags } : {}),
    },
    run.step,
    input.flow,
  );

  await walkSteps(run, {
    input,
    base,
    chain,
    workflowId: info.workflowId,
    changes,
    startedAt,
    history,
    ...(input.test && input.simulation ? { simulation: input.simulation } : {}),
    waits: {
      test: Boolean(input.test),
      historyAfterQuiet,
      workspaceId: input.workspaceId,
      // Waiting is when history is written: the customer's answer never waits for it.
      beforeWait: () => history.flush('running', run.nodeId),
    },
  });
}
