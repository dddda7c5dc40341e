import type { StepWhy } from '@kefu/schemas';
import type { Run, RunStep } from '@kefu/schemas/api';
import type { FlowRunDoc } from '../../models/flow-run';
import type { RunStepDoc } from '../../models/run-step';
import { shown, shownDeep, type PiiView } from '../../privacy/pii-view';

/**
 * Run histories as the reader may see them (docs/privacy.md): a failure's reason and a step's
 * why-trace, decision and error can quote the customer (a message's text as a condition's fact),
 * so every string in them is masked for a reader without "view personal data".
 */
export function toWireRun(doc: FlowRunDoc, view: PiiView): Run {
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
      ? { failure: { nodeId: doc.failure.nodeId, reason: shown(view, doc.failure.reason) } }
      : {}),
    ...(doc.test ? { test: true } : {}),
    ...(doc.channel ? { channel: doc.channel as NonNullable<Run['channel']> } : {}),
    ...(doc.teams?.length ? { teams: [...doc.teams] } : {}),
    ...(doc.tags?.length ? { tags: [...doc.tags] } : {}),
    ...(doc.endNodeId ? { endNodeId: doc.endNodeId } : {}),
  };
}

export function toWireStep(doc: RunStepDoc, view: PiiView): RunStep {
  return {
    step: doc.step,
    nodeId: doc.nodeId,
    nodeType: doc.nodeType,
    enteredAt: doc.enteredAt.toISOString(),
    leftAt: doc.leftAt.toISOString(),
    durationMs: Math.max(0, doc.leftAt.getTime() - doc.enteredAt.getTime()),
    port: doc.port ?? null,
    ...(doc.decision ? { decision: shownDeep(view, doc.decision) } : {}),
    ...(doc.why ? { why: shownDeep(view, doc.why as StepWhy) } : {}),
    ...(doc.error ? { error: shownDeep(view, doc.error) } : {}),
  };
}
