import { timeSkippingEnvironment } from '../testing/time-skipping';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFlow } from '@kefu/nodes/compiler';
import { CONVERSATION_WORKFLOW, FLOW_SIGNALS, type CompiledFlow } from '@kefu/schemas';
import { testWorkflowBundle } from '../testing/workflow-bundle';

/**
 * The interpreter's side of a route-to-team wait: the acceptance signal, and the timer that is the
 * offer's expiry (which must end the offer in the database, or notice an acceptance that beat it).
 */
const draft = {
  schemaVersion: 1,
  name: 'route',
  kind: 'custom',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    { id: 'route', type: 'route-to-team', config: { teamId: 'support', timeoutMinutes: 10 } },
    { id: 'assigned', type: 'send-message', config: { text: 'assigned' } },
    { id: 'nobody', type: 'send-message', config: { text: 'nobody' } },
    { id: 'late', type: 'send-message', config: { text: 'timeout' } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'route' },
    { source: 'route', sourcePort: 'assigned', target: 'assigned' },
    { source: 'route', sourcePort: 'no-agent', target: 'nobody' },
    { source: 'route', sourcePort: 'timeout', target: 'late' },
  ],
};

Runtime.install({ logger: new DefaultLogger('WARN') });

describe('route-to-team in the conversation workflow', () => {
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

  async function run(expire: { acceptedBy?: string }, acceptAs?: string) {
    const calls: { name: string; input: Record<string, unknown> }[] = [];
    const record = (name: string, answer: unknown) => async (input: Record<string, unknown>) => {
      calls.push({ name, input });
      return answer;
    };
    const activities = {
      offerToTeam: record('offerToTeam', { offerId: 'offer-1' }),
      expireOffer: record('expireOffer', expire),
      sendMessage: record('sendMessage', { messageId: 'm' }),
      recordRunHistory: record('recordRunHistory', undefined),
      endRun: record('endRun', undefined),
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
        args: [
          {
            workspaceId: 'w1',
            conversationId: 'c1',
            flowId: 'f1',
            version: 1,
            flow,
            facts: { conversation: { id: 'c1', channel: 'email' }, contact: { id: 'k1', tags: ['vip'] } },
          },
        ],
      });
      if (acceptAs)
        await handle.signal(FLOW_SIGNALS.agentAccepted, { offerId: 'offer-1', agentId: acceptAs });
      await handle.result();
      return await handle.fetchHistory();
    });
    await Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, history);
    const said = calls.filter((c) => c.name === 'sendMessage').map((c) => c.input.text);
    return { calls: calls.map((c) => c.name).filter((n) => n !== 'recordRunHistory'), said, inputs: calls };
  }

  it('goes down "assigned" on the acceptance signal and leaves the offer alone', async () => {
    const { calls, said, inputs } = await run({}, 'agent-7');
    expect(said).toEqual(['Connecting you with a teammate, one moment please.', 'assigned']);
    expect(calls).not.toContain('expireOffer');
    // What the run explorer filters by: the channel and tags it started with, the team, the last node.
    const flushes = inputs.filter((c) => c.name === 'recordRunHistory').map((c) => c.input);
    expect(flushes.at(-1)).toMatchObject({
      run: { channel: 'email', tags: ['vip'], contactId: 'k1' },
      teams: ['support'],
      status: 'completed',
      endNodeId: 'assigned',
    });
    expect(flushes.filter((f) => f.status === 'running').every((f) => !('endNodeId' in f))).toBe(true);
  });

  it('expires the offer when the timer fires and goes down "timeout"', async () => {
    const { calls, said, inputs } = await run({});
    expect(said.at(-1)).toBe('timeout');
    expect(calls).toContain('expireOffer');
    expect(inputs.find((c) => c.name === 'expireOffer')?.input).toEqual({
      workspaceId: 'w1',
      offerId: 'offer-1',
    });
  });

  it('goes on as assigned when the acceptance reached the database just before the timer fired', async () => {
    const { said } = await run({ acceptedBy: 'agent-9' });
    expect(said.at(-1)).toBe('assigned');
  });
});
