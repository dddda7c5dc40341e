import type { StepWhy } from '@kefu/schemas';
import type { Run, RunStep } from '@kefu/schemas/api';
import type { FlowRunDoc } from '../../models/flow-run';
import type { RunStepDoc } from '../../models/run-step';

export function toWireRun(doc: FlowRunDoc): Run {
  return {
    id: doc.runId,
    flowId: String(doc.flowId),
    version: doc.version,
    ...(doc.conversationId ? { conversationId: String(doc.conversationId) } : {}),
    ...(doc.ticketId ? { ticketId: String(doc.ticketId) } : {}),
    ...(doc.contactId ? { contactId: String(doc.contactId) } : {}),
    status: doc.status,
    startedAt: doc.startedAt.toISOString(),
    ...(doc.endedAt ? { endedAt: doc.endedAt.toISOString() } : {}),
    currentNodeId: doc.currentNodeId ?? null,
    steps: doc.steps,
    ...(doc.failure?.nodeId && doc.failure.reason
      ? { failure: { nodeId: doc.failure.nodeId, reason: doc.failure.reason } }
      : {}),
    ...(doc.test ? { test: true } : {}),
    ...(doc.channel ? { channel: doc.channel as NonNullable<Run['channel']> } : {}),
    ...(doc.teams?.length ? { teams: [...doc.teams] } : {}),
    ...(doc.tags?.length ? { tags: [...doc.tags] } : {}),
    ...(doc.endNodeId ? { endNodeId: doc.endNodeId } : {}),
  };
}

export function toWireStep(doc: RunStepDoc): RunStep {
  return {
    step: doc.step,
    nodeId: doc.nodeId,
    nodeType: doc.nodeType,
    enteredAt: doc.enteredAt.toISOString(),
    leftAt: doc.leftAt.toISOString(),
    durationMs: Math.max(0, doc.leftAt.getTime() - doc.enteredAt.getTime()),
    port: doc.port ?? null,
    ...(doc.decision ? { decision: doc.decision } : {}),
    ...(doc.why ? { why: doc.why as StepWhy } : {}),
    ...(doc.error ? { error: doc.error } : {}),
  };
}
