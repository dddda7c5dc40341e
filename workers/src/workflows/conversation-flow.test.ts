import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFlow } from '@kefu/nodes/compiler';
import {
  CONVERSATION_WORKFLOW,
  FLOW_QUERIES,
  FLOW_SIGNALS,
  type CompiledFlow,
  type ConversationFlowInput,
  type FlowDraft,
  type FlowRunState,
} from '@kefu/schemas';
import { toolPath } from '../../../scripts/lib/servers';
import type { Activities } from '../activities';
import { workflowsPath } from '../worker';

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
function recordingActivities() {
  const sent: Array<{ idempotencyKey: string; text: string }> = [];
  const ended: string[] = [];
  const activities: Pick<Activities, 'sendMessage' | 'endRun'> = {
    async sendMessage(input) {
      sent.push({ idempotencyKey: input.idempotencyKey, text: input.text });
      return { messageId: input.idempotencyKey };
    },
    async endRun(input) {
      ended.push(input.idempotencyKey);
    },
  };
  return { activities, sent, ended };
}

Runtime.install({ logger: new DefaultLogger('WARN') });

describe("conversationFlow workflow on Temporal's time-skipping test server", () => {
  let env: TestWorkflowEnvironment;
  let flow: CompiledFlow;
  beforeAll(async () => {
    // Temporal's time-skipping test server (built by scripts/setup.sh --test): timers fire at once.
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: toolPath('temporal-test-server') } },
    });
    const compiled = compileFlow(draft);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    flow = compiled.flow;
  });
  afterAll(async () => {
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
    const { activities, sent } = recordingActivities();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath,
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
      await expect.poll(() => sent.length, { timeout: 20_000 }).toBe(3);
      const state = await handle.query<FlowRunState>(FLOW_QUERIES.state);
      expect(state).toMatchObject({ nodeId: 'wait', vars: { said: 'two' } });
      await handle.terminate('test done');
      return await handle.fetchHistory();
    });

    expect(sent.map((s) => s.text)).toEqual(['Hello Lin', 'You said one', 'You said two']);
    expect(new Set(sent.map((s) => s.idempotencyKey)).size).toBe(3);
    // Replaying the recorded history through today's interpreter must not diverge.
    await Worker.runReplayHistory({ workflowsPath }, history);
  });

  it('takes the timeout port when nobody answers, on a durable timer', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const { activities, sent, ended } = recordingActivities();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath,
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
    expect(ended).toHaveLength(1);
  });
});
