import { timeSkippingEnvironment } from '../testing/time-skipping';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFlow } from '@kefu/nodes/compiler';
import {
  CONVERSATION_WORKFLOW,
  FLOW_QUERIES,
  FLOW_SIGNALS,
  type CompiledFlow,
  type FlowRunState,
} from '@kefu/schemas';
import { testWorkflowBundle } from '../testing/workflow-bundle';

/**
 * The interpreter's side of a human handling the chat: after routing, the run waits for the agent
 * to resolve the conversation, and what the customer said to the agent meanwhile is never taken as
 * the answer to the question the flow asks afterwards.
 */
const draft = {
  schemaVersion: 1,
  name: 'resolve',
  kind: 'custom',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    { id: 'route', type: 'route-to-team', config: { teamId: 'support', timeoutMinutes: 10 } },
    { id: 'with-agent', type: 'wait-for-resolution', config: { timeoutMinutes: 60 } },
    {
      id: 'ask',
      type: 'ask-question',
      config: { question: 'Anything else?', answerType: 'text', saveAs: 'answer', timeoutMinutes: 5 },
    },
    { id: 'echo', type: 'send-message', config: { text: 'You said: {{vars.answer}}' } },
    { id: 'late', type: 'send-message', config: { text: 'never resolved' } },
    { id: 'nobody', type: 'send-message', config: { text: 'nobody' } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'route' },
    { source: 'route', sourcePort: 'assigned', target: 'with-agent' },
    { source: 'route', sourcePort: 'no-agent', target: 'nobody' },
    { source: 'route', sourcePort: 'timeout', target: 'nobody' },
    { source: 'with-agent', sourcePort: 'resolved', target: 'ask' },
    { source: 'with-agent', sourcePort: 'timeout', target: 'late' },
    { source: 'ask', sourcePort: 'answered', target: 'echo' },
    { source: 'ask', sourcePort: 'invalid', target: 'late' },
    { source: 'ask', sourcePort: 'timeout', target: 'late' },
  ],
};

Runtime.install({ logger: new DefaultLogger('WARN') });

describe('wait-for-resolution in the conversation workflow', () => {
  let env: TestWorkflowEnvironment;
  let flow: CompiledFlow;
  beforeAll(async () => {
    const result = compileFlow(draft);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    flow = result.flow;
    env = await timeSkippingEnvironment();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  /** Waits on the run's state query (not on a clock) until it stands at `nodeId`, waiting. */
  async function reach(handle: WorkflowHandle, nodeId: string) {
    for (;;) {
      const state = await handle.query<FlowRunState>(FLOW_QUERIES.state);
      if (state.nodeId === nodeId && state.waiting) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function run(script: (handle: WorkflowHandle) => Promise<void>) {
    const said: unknown[] = [];
    const activities = {
      offerToTeam: async () => ({ offerId: 'offer-1' }),
      expireOffer: async () => ({}),
      sendMessage: async (input: { text: string }) => {
        said.push(input.text);
        return { messageId: `m${said.length}` };
      },
      recordRunHistory: async () => undefined,
      endRun: async () => undefined,
    };
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await testWorkflowBundle(),
      activities,
    });
    const history = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue,
        workflowId: `conversation-${randomUUID()}`,
        args: [{ workspaceId: 'w1', conversationId: 'c1', flowId: 'f1', version: 1, flow, facts: {} }],
      });
      await script(handle);
      await handle.result();
      return await handle.fetchHistory();
    });
    await Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, history);
    return said;
  }

  it('waits for the resolve, and the question after it takes only what the customer says after it is asked', async () => {
    const said = await run(async (handle) => {
      await handle.signal(FLOW_SIGNALS.agentAccepted, { offerId: 'offer-1', agentId: 'agent-7' });
      await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: 'c-1', text: 'hello, anyone?' });
      await reach(handle, 'with-agent');
      await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: 'c-2', text: 'my parcel is late' });
      await handle.signal(FLOW_SIGNALS.agentMessage, { messageId: 'a-1', agentId: 'agent-7' });
      await handle.signal(FLOW_SIGNALS.conversationResolved, { agentId: 'agent-7', at: 1 });
      await reach(handle, 'ask');
      await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: 'c-3', text: 'no, thanks' });
    });
    expect(said.slice(-2)).toEqual(['Anything else?', 'You said: no, thanks']);
  });

  it('goes on at once when the agent resolved before the run got there', async () => {
    const said = await run(async (handle) => {
      await handle.signal(FLOW_SIGNALS.agentAccepted, { offerId: 'offer-1', agentId: 'agent-7' });
      await handle.signal(FLOW_SIGNALS.conversationResolved, { agentId: 'agent-7', at: 1 });
      await reach(handle, 'ask');
      await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: 'c-1', text: 'all good' });
    });
    expect(said.at(-1)).toBe('You said: all good');
  });

  it('goes on as assigned when an agent resolved the chat from the queue before anyone accepted the offer', async () => {
    const said = await run(async (handle) => {
      await reach(handle, 'route');
      await handle.signal(FLOW_SIGNALS.conversationResolved, {
        agentId: 'agent-8',
        at: await env.currentTimeMs(),
      });
      await reach(handle, 'ask');
      await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: 'c-1', text: 'thanks' });
    });
    expect(said).not.toContain('nobody');
    expect(said.at(-1)).toBe('You said: thanks');
  });

  it('takes the timeout port when nobody resolves the conversation', async () => {
    const said = await run(async (handle) => {
      await handle.signal(FLOW_SIGNALS.agentAccepted, { offerId: 'offer-1', agentId: 'agent-7' });
    });
    expect(said.at(-1)).toBe('never resolved');
  });
});
