import { timeSkippingEnvironment } from '../testing/time-skipping';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileFlow } from '@kefu/nodes/compiler';
import {
  CONVERSATION_WORKFLOW,
  FLOW_QUERIES,
  FLOW_SIGNALS,
  type CompiledFlow,
  type ConversationFlowInput,
  type FlowDraft,
  type FlowRunState,
  type RunHistoryFlush,
} from '@kefu/schemas';
import type { Activities } from '../activities';
import { testWorkflowBundle } from '../testing/workflow-bundle';

const draft: FlowDraft = {
  schemaVersion: 1,
  name: 'greet and echo',
  kind: 'auto-reply',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    { id: 'hello', type: 'send-message', config: { text: 'Hello {{contact.name}}' } },
    { id: 'wait', type: 'wait-for-reply', config: { saveAs: 'said', timeoutMinutes: 60 } },
    { id: 'echo', type: 'send-message', config: { text: 'You said {{vars.said}}' } },
    { id: 'bye', type: 'send-message', config: { text: 'Still there? Closing for now.' } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'hello' },
    { source: 'hello', sourcePort: 'next', target: 'wait' },
    { source: 'wait', sourcePort: 'received', target: 'echo' },
    { source: 'wait', sourcePort: 'timeout', target: 'bye' },
    { source: 'echo', sourcePort: 'next', target: 'wait' },
  ],
};

/** Activities that record what the workflow asked for: this test is about decisions, not I/O. */
function recordingActivities(failOn?: string) {
  const sent: Array<{ idempotencyKey: string; text: string }> = [];
  const ended: Array<{ idempotencyKey: string; failure?: { nodeId: string; reason: string } }> = [];
  const flushes: RunHistoryFlush[] = [];
  const activities: Pick<Activities, 'sendMessage' | 'endRun' | 'recordRunHistory'> = {
    async sendMessage(input) {
      if (failOn && input.text.includes(failOn))
        throw ApplicationFailure.nonRetryable(`cannot send "${input.text}"`, 'SendRefused');
      sent.push({ idempotencyKey: input.idempotencyKey, text: input.text });
      return { messageId: input.idempotencyKey };
    },
    async endRun(input) {
      ended.push({
        idempotencyKey: input.idempotencyKey,
        ...(input.failure ? { failure: input.failure } : {}),
      });
    },
    async recordRunHistory(input) {
      flushes.push(input);
    },
  };
  const steps = () => flushes.flatMap((f) => f.steps);
  return { activities, sent, ended, flushes, steps };
}

Runtime.install({ logger: new DefaultLogger('WARN') });

describe("conversationFlow workflow on Temporal's time-skipping test server", () => {
  let env: TestWorkflowEnvironment;
  let flow: CompiledFlow;
  let workflowBundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    // Bundle once for the file; each worker below reuses it.
    workflowBundle = await testWorkflowBundle();
    const compiled = compileFlow(draft);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    flow = compiled.flow;
  });
  // A test server per test: its time-skipping state must not leak from one test into the next.
  beforeEach(async () => {
    env = await timeSkippingEnvironment();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  const input = (conversationId: string): ConversationFlowInput => ({
    workspaceId: 'w1',
    conversationId,
    flowId: 'f1',
    version: 1,
    flow,
    facts: { contact: { name: 'Lin' } },
  });

  it('walks the flow, ignores a re-sent message, keys every send by step, and replays deterministically', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const { activities, sent, flushes, steps } = recordingActivities();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities,
    });
    const history = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue,
        workflowId: `conversation-${randomUUID()}`,
        args: [input('c1')],
      });
      await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: 'm1', text: 'one' });
      await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: 'm1', text: 'one' });
      await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: 'm2', text: 'two' });
      await expect.poll(() => sent.length).toBe(3);
      const state = await handle.query<FlowRunState>(FLOW_QUERIES.state);
      expect(state).toMatchObject({ nodeId: 'wait', vars: { said: 'two' } });
      await expect.poll(() => steps().length).toBe(6);
      await handle.terminate('test done');
      return await handle.fetchHistory();
    });

    expect(sent.map((s) => s.text)).toEqual(['Hello Lin', 'You said one', 'You said two']);
    // History was written while the run waited: every finished step once, in order, with its port.
    expect(steps().map((s) => [s.step, s.nodeId, s.port])).toEqual([
      [1, 'start', 'next'],
      [2, 'hello', 'next'],
      [3, 'wait', 'received'],
      [4, 'echo', 'next'],
      [5, 'wait', 'received'],
      [6, 'echo', 'next'],
    ]);
    expect(flushes.every((f) => f.status === 'running' && f.currentNodeId === 'wait')).toBe(true);
    expect(new Set(sent.map((s) => s.idempotencyKey)).size).toBe(3);
    // Replaying the recorded history through today's interpreter must not diverge.
    await Worker.runReplayHistory({ workflowBundle }, history);
  });

  it('takes the timeout port when nobody answers, on a durable timer', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const { activities, sent, ended, flushes, steps } = recordingActivities();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities,
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue,
        workflowId: `conversation-${randomUUID()}`,
        args: [input('c2')],
      });
      // An hour of silence passes in the test server's skipped time, not in ours.
      await handle.result();
    });
    expect(sent.map((s) => s.text)).toEqual(['Hello Lin', 'Still there? Closing for now.']);
    expect(ended).toEqual([{ idempotencyKey: expect.stringMatching(/\/end$/) }]);
    expect(steps().map((s) => [s.nodeId, s.port])).toEqual([
      ['start', 'next'],
      ['hello', 'next'],
      ['wait', 'timeout'],
      ['bye', 'next'],
    ]);
    expect(steps()[2]?.decision).toMatch(/no reply within 60 min/);
    expect(flushes.at(-1)).toMatchObject({ status: 'completed', currentNodeId: null, stepCount: 4 });
  });

  it('marks the run failed and hands the conversation to a person when a node fails for good', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const { activities, sent, ended, flushes, steps } = recordingActivities('You said');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities,
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue,
        workflowId: `conversation-${randomUUID()}`,
        args: [input('c3')],
      });
      await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: 'm1', text: 'help' });
      await handle.result();
    });
    expect(sent.map((s) => s.text)).toEqual(['Hello Lin']);
    const failure = { nodeId: 'echo', reason: 'cannot send "You said help"' };
    expect(ended).toEqual([{ idempotencyKey: expect.stringMatching(/\/end$/), failure }]);
    expect(steps().at(-1)).toMatchObject({ nodeId: 'echo', port: null, error: failure.reason });
    expect(flushes.at(-1)).toMatchObject({ status: 'failed', currentNodeId: 'echo', failure });
  });

  it('continues as new in a long conversation without losing, repeating or renumbering anything', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const { activities, sent, flushes, steps } = recordingActivities();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities,
    });
    const workflowId = `conversation-${randomUUID()}`;
    const total = 12;
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue,
        workflowId,
        args: [{ ...input('c4'), historyLimit: 30 }],
      });
      for (let i = 1; i <= total; i++) {
        await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: `m${i}`, text: `n${i}` });
        // A re-sent signal after continue-as-new must still be recognised.
        if (i % 4 === 0)
          await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: `m${i - 1}`, text: 'again' });
        await expect.poll(() => sent.length).toBe(i + 1);
      }
      await expect.poll(() => steps().length).toBe(3 + 2 * total - 1);
      const latest = env.client.workflow.getHandle(workflowId);
      const state = await latest.query<FlowRunState>(FLOW_QUERIES.state);
      expect(state).toMatchObject({ nodeId: 'wait', vars: { said: `n${total}` } });
      // The run chain moved on to a new execution at least once.
      expect((await latest.describe()).runId).not.toBe(handle.firstExecutionRunId);
      await latest.terminate('test done');
    });
    expect(sent.map((s) => s.text)).toEqual([
      'Hello Lin',
      ...Array.from({ length: total }, (_, i) => `You said n${i + 1}`),
    ]);
    expect(new Set(sent.map((s) => s.idempotencyKey)).size).toBe(total + 1);
    expect(steps().map((s) => s.step)).toEqual(Array.from({ length: steps().length }, (_, i) => i + 1));
    expect(new Set(flushes.map((f) => f.run.runId)).size).toBe(1);
  });
});
