import {
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { findNode, renderTemplate, type AnyNodeDefinition, type CustomerMessage, type RunContext, type RunResult } from '@kefu/nodes';
import type { CompiledNode, ConversationFlowInput, CustomerMessageSignal } from '@kefu/schemas';
import type { Activities } from '../activities';
import { customerMessageSignal, stateQuery } from './definitions';

const { sendMessage, endRun } = proxyActivities<Activities>({
  // Sending is a database write and a push: seconds mean a dead worker, so retry soon elsewhere.
  startToCloseTimeout: '5s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '10s' },
});

/** How many message ids to remember for de-duplicating re-sent signals across continue-as-new. */
const RECENT_IDS_KEPT = 200;
/** Continue as new well before Temporal's history limits. */
const HISTORY_EVENTS_BEFORE_CONTINUE = 5000;

/**
 * Interprets one compiled flow for one conversation. Decisions only: every side effect is an
 * activity whose idempotency key is derived from this run chain and the step, so a retry repeats nothing.
 */
export async function conversationFlow(input: ConversationFlowInput): Promise<void> {
  const { flow } = input;
  let nodeId: string | null = input.resume?.nodeId ?? flow.startNodeId;
  let step = input.resume?.step ?? 0;
  const vars: Record<string, unknown> = { ...input.resume?.vars };
  const inbox: CustomerMessageSignal[] = [...(input.resume?.inbox ?? [])];
  const recentIds: string[] = [...(input.resume?.recentMessageIds ?? [])];
  const seen = new Set(recentIds);

  setHandler(customerMessageSignal, (message) => {
    // The API may signal the same stored message twice (a retry after a lost answer).
    if (seen.has(message.messageId)) return;
    seen.add(message.messageId);
    recentIds.push(message.messageId);
    if (recentIds.length > RECENT_IDS_KEPT) seen.delete(recentIds.shift() as string);
    inbox.push(message);
  });
  setHandler(stateQuery, () => ({ nodeId, vars, step }));

  const chain = workflowInfo().firstExecutionRunId;
  const base = { workspaceId: input.workspaceId, conversationId: input.conversationId };

  while (nodeId) {
    if (step > 0 && shouldContinueAsNew()) {
      await continueAsNew<typeof conversationFlow>({
        ...input,
        resume: { nodeId, vars, step, inbox, recentMessageIds: recentIds },
      });
    }
    const node: CompiledNode | undefined = flow.nodes[nodeId];
    const def: AnyNodeDefinition | undefined = node && findNode(node.type);
    if (!node || !def) throw new Error(`compiled flow has no runnable node "${nodeId}"`);
    step += 1;
    let call = 0;
    const stepKey = () => `${chain}/${step}/${call++}`;
    const ctx: RunContext<unknown> = {
      nodeId,
      config: node.config,
      vars,
      facts: input.facts,
      act: {
        sendMessage: ({ text }) => sendMessage({ ...base, idempotencyKey: stepKey(), text }),
      },
      waitForCustomerMessage: async (timeoutMs) => {
        if (timeoutMs === undefined) await condition(() => inbox.length > 0);
        else if (!(await condition(() => inbox.length > 0, timeoutMs))) return null;
        return inbox.shift() as CustomerMessage;
      },
      render: (template) => renderTemplate(template, { ...input.facts, vars }),
    };
    const result: RunResult<string> = await def.run(ctx);
    nodeId = result.port === null ? null : (node.next[result.port] ?? null);
  }
  await endRun({ ...base, idempotencyKey: `${chain}/end` });
}

function shouldContinueAsNew(): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > HISTORY_EVENTS_BEFORE_CONTINUE;
}
