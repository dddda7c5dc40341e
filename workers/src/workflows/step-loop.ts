import { continueAsNew, isCancellation, workflowInfo } from '@temporalio/workflow';
import { findNode, type AnyNodeDefinition, type RunResult } from '@kefu/nodes';
import type { CompiledNode, ConversationFlowInput } from '@kefu/schemas';
import type { conversationFlow } from './conversation-flow';
import { endRun } from './flow-activities';
import type { HistoryBuffer } from './history-buffer';
import { resumeFrom, type RunState } from './run-state';
import { stepContext, type RunScope } from './step-context';

/** Continue as new well before Temporal's history limits (50K events, 50 MB). */
const HISTORY_EVENTS_BEFORE_CONTINUE = 5000;

/** Everything the walk needs besides the run's state. */
export interface Walk extends RunScope {
  input: ConversationFlowInput;
  workflowId: string;
  /** When the chain started (epoch ms), carried across continue-as-new for the run history. */
  startedAt: number;
  history: HistoryBuffer;
}

/**
 * Walks the compiled flow from `run.nodeId`: runs each node, records the step, follows the port it
 * left by, until a node ends the run or one fails with no failure port (then the run is handed to a
 * person). Continues as new between steps once the workflow's own history grows long.
 */
export async function walkSteps(run: RunState, walk: Walk): Promise<void> {
  const { input, history, base, chain, workflowId } = walk;
  while (run.nodeId) {
    const nodeId: string = run.nodeId;
    if (run.step > 0 && shouldContinueAsNew(input.historyLimit ?? HISTORY_EVENTS_BEFORE_CONTINUE)) {
      history.flush('running', nodeId);
      await history.settled();
      await continueAsNew<typeof conversationFlow>({
        ...input,
        facts: run.facts,
        resume: resumeFrom(run, walk.startedAt, nodeId),
      });
    }
    const node: CompiledNode | undefined = input.flow.nodes[nodeId];
    const def: AnyNodeDefinition | undefined = node && findNode(node.type);
    if (!node || !def) throw new Error(`compiled flow has no runnable node "${nodeId}"`);
    const step = ++run.step;
    const ctx = stepContext(nodeId, node, run, walk, Date.now());
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
        run.nodeId = node.next.failure;
        continue;
      }
      history.add({ ...record, port: null, decision: 'failed; handed to a person' });
      history.flush('failed', nodeId, { nodeId, reason });
      await history.settled();
      // A simulation's failure is shown in the designer; it is never handed to a real person.
      const handOff = input.test ? {} : { failure: { nodeId, reason } };
      await endRun({ ...base, idempotencyKey: `${chain}/end`, ...handOff, workflowId });
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
      ...(result.why ? { why: result.why } : {}),
    });
    run.nodeId = result.port === null ? null : (node.next[result.port] ?? null);
  }
  history.flush('completed', null);
  await history.settled();
  await endRun({ ...base, idempotencyKey: `${chain}/end`, workflowId });
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
