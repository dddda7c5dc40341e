import { findNode } from '@kefu/nodes';
import { recordFunnelFlush, type Models } from '@kefu/runtime/models';
import type { RunHistoryFlush } from '@kefu/schemas';

/**
 * Writes a batch of run history. Idempotent: steps are keyed by (runId, step) and inserted once;
 * the run's status only moves forward (a retried older flush never overwrites a newer one).
 */
export function runHistoryActivities(models: Models) {
  return {
    async recordRunHistory(input: RunHistoryFlush): Promise<void> {
      const { run, workspaceId } = input;
      if (input.steps.length > 0) {
        try {
          await models.RunStep.insertMany(
            input.steps.map((s) => ({
              workspaceId,
              runId: run.runId,
              step: s.step,
              nodeId: s.nodeId,
              nodeType: s.nodeType,
              enteredAt: new Date(s.enteredAt),
              leftAt: new Date(s.leftAt),
              port: s.port,
              ...(s.decision ? { decision: s.decision } : {}),
              ...(s.why ? { why: s.why } : {}),
              ...(s.error ? { error: s.error } : {}),
            })),
            { ordered: false },
          );
        } catch (err) {
          if (!onlyDuplicates(err)) throw err;
        }
      }
      await recordSplits(models, input);
      // The flow funnel (docs/analytics.md): counted once per flush through the KPI ledger.
      await recordFunnelFlush(models.FunnelBucket.db, input, endsFlow);
      const ended = input.status !== 'running';
      await upsertRun(models, input, ended);
    },
  };
}

async function upsertRun(models: Models, input: RunHistoryFlush, ended: boolean) {
  const { run, workspaceId } = input;
  const progress = {
    steps: input.stepCount,
    status: input.status,
    currentNodeId: input.currentNodeId,
    ...(ended ? { endedAt: new Date() } : {}),
    ...(ended && input.endNodeId ? { endNodeId: input.endNodeId } : {}),
    ...(input.failure ? { failure: input.failure } : {}),
  };
  const filter = { workspaceId, runId: run.runId };
  const created = {
    workspaceId,
    runId: run.runId,
    workflowId: run.workflowId,
    flowId: run.flowId,
    version: run.version,
    ...(input.conversationId ? { conversationId: input.conversationId } : {}),
    ...(input.ticketId ? { ticketId: input.ticketId } : {}),
    ...(run.contactId ? { contactId: run.contactId } : {}),
    ...(run.test ? { test: true } : {}),
    ...(run.channel ? { channel: run.channel } : {}),
    ...(run.tags?.length ? { tags: run.tags } : {}),
    startedAt: new Date(run.startedAt),
  };
  // Every flush carries all the teams of its part of the chain: adding them again changes nothing.
  const teams = input.teams?.length ? { $addToSet: { teams: { $each: input.teams } } } : {};
  try {
    // One write per flush: insert the run the first time, afterwards move it forward only if this
    // flush is newer. A stale flush (an older batch retried) matches nothing, and its upsert then
    // collides with the stored run on the unique runId: nothing to do.
    await models.FlowRun.updateOne(
      {
        ...filter,
        $or: [{ steps: { $lt: input.stepCount } }, { steps: input.stepCount, status: 'running' }],
      },
      { $set: progress, $setOnInsert: created, ...teams },
      { upsert: true },
    );
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
}

/**
 * The branches the run's random splits took, on its conversation (`splits`), where the KPI rollups
 * count each branch's outcomes (kpi-split-facts.ts). `$addToSet`: a retried flush adds nothing.
 */
async function recordSplits(models: Models, input: RunHistoryFlush) {
  const { run, workspaceId, conversationId } = input;
  if (!conversationId || run.test) return;
  const splits = input.steps
    .filter((s) => s.nodeType === 'random-split' && s.port)
    .map((s) => `${run.flowId}:${run.version}:${s.nodeId}:${String(s.port)}`);
  if (splits.length === 0) return;
  await models.Conversation.updateOne(
    { _id: conversationId, workspaceId },
    { $addToSet: { splits: { $each: splits } } },
  );
}

/** A designed ending: a node with no port to go on by (End, Close conversation). */
function endsFlow(nodeType: string): boolean {
  const def = findNode(nodeType);
  return Boolean(def && !def.ports && def.editor.ports.length === 0);
}

function onlyDuplicates(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  if (e.code === 11000 && !e.writeErrors) return true;
  return Boolean(e.writeErrors?.length) && e.writeErrors!.every((w) => (w.code ?? w.err?.code) === 11000);
}
