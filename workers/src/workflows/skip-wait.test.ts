import { timeSkippingEnvironment } from '../testing/time-skipping';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
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
  type RunHistoryFlush,
} from '@kefu/schemas';
import { testWorkflowBundle } from '../testing/workflow-bundle';

/** Simulations (test runs) of a draft: timers skipped from the designer, offers answered there. */
const draft: FlowDraft = {
  schemaVersion: 1,
  name: 'wait then route',
  kind: 'custom',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    { id: 'wait', type: 'wait', config: { amount: 1, unit: 'hours' } },
    { id: 'after', type: 'send-message', config: { text: 'after the wait' } },
    { id: 'route', type: 'route-to-team', config: { teamId: 'support', timeoutMinutes: 10 } },
    { id: 'assigned', type: 'send-message', config: { text: 'assigned' } },
    { id: 'nobody', type: 'send-message', config: { text: 'nobody' } },
    { id: 'late', type: 'send-message', config: { text: 'timeout' } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'wait' },
    { source: 'wait', sourcePort: 'next', target: 'after' },
    { source: 'after', sourcePort: 'next', target: 'route' },
    { source: 'route', sourcePort: 'assigned', target: 'assigned' },
    { source: 'route', sourcePort: 'no-agent', target: 'nobody' },
    { source: 'route', sourcePort: 'timeout', target: 'late' },
  ],
};

Runtime.install({ logger: new DefaultLogger('WARN') });
const { EventType } = temporal.api.enums.v1;

describe('skipWait and simulated offers in the conversation workflow', () => {
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

  function recorder() {
    const calls: { name: string; input: Record<string, unknown> }[] = [];
    const record = (name: string, answer: unknown) => async (input: Record<string, unknown>) => {
      calls.push({ name, input });
      return answer;
    };
    const activities = {
      offerToTeam: record('offerToTeam', { offerId: 'real-offer' }),
      expireOffer: record('expireOffer', {}),
      sendMessage: record('sendMessage', { messageId: 'm' }),
      recordRunHistory: record('recordRunHistory', undefined),
      endRun: record('endRun', undefined),
    };
    const said = () => calls.filter((c) => c.name === 'sendMessage').map((c) => c.input.text);
    const flushes = () =>
      calls.filter((c) => c.name === 'recordRunHistory').map((c) => c.input as unknown as RunHistoryFlush);
    return { activities, calls, said, flushes };
  }

  const input = (test: boolean): ConversationFlowInput => ({
    workspaceId: 'w1',
    conversationId: `c-${randomUUID()}`,
    flowId: 'f1',
    version: test ? 0 : 1,
    flow,
    facts: {},
    ...(test ? { test: true } : {}),
  });

  it("ignores skipWait in a customer's run: the timer runs its full hour", async () => {
    const { activities, said } = recorder();
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await testWorkflowBundle(),
      activities,
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue,
        workflowId: `conversation-${randomUUID()}`,
        args: [input(false)],
      });
      await expect
        .poll(async () => (await handle.query<FlowRunState>(FLOW_QUERIES.state)).waiting?.for)
        .toBe('timer');
      await handle.signal(FLOW_SIGNALS.skipWait);
      // Once a workflow task after the signal completed, the run has seen it and decided.
      await expect
        .poll(async () => {
          const events = (await handle.fetchHistory()).events ?? [];
          const signalled = events.findIndex(
            (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
          );
          return (
            signalled >= 0 &&
            events.slice(signalled).some((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
          );
        })
        .toBe(true);
      const state = await handle.query<FlowRunState>(FLOW_QUERIES.state);
      expect(state).toMatchObject({ nodeId: 'wait', waiting: { for: 'timer' } });
      expect(said()).toEqual([]);
      const events = (await handle.fetchHistory()).events ?? [];
      expect(events.some((e) => e.eventType === EventType.EVENT_TYPE_TIMER_CANCELED)).toBe(false);
      await handle.terminate('test done');
    });
  });

  it('ends a wait at once in a test run, simulates the offer, and takes the acceptance from the simulator', async () => {
    const { activities, calls, said, flushes } = recorder();
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
        args: [input(true)],
      });
      const state = () => handle.query<FlowRunState>(FLOW_QUERIES.state);
      await expect.poll(async () => (await state()).waiting?.for).toBe('timer');
      const before = await env.currentTimeMs();
      await handle.signal(FLOW_SIGNALS.skipWait);
      await expect.poll(() => said()[0]).toBe('after the wait');
      // Skipped, not waited out: the test server's clock did not move by the hour.
      expect((await env.currentTimeMs()) - before).toBeLessThan(30 * 60_000);

      await expect.poll(async () => (await state()).waiting?.for).toBe('agent');
      const offerId = (await state()).waiting?.offerId;
      expect(offerId).toMatch(/^simulated-offer-/);
      await handle.signal(FLOW_SIGNALS.agentAccepted, { offerId, agentId: 'simulated-agent' });
      await handle.result();
      return await handle.fetchHistory();
    });
    expect(said()).toEqual([
      'after the wait',
      'Connecting you with a teammate, one moment please.',
      'assigned',
    ]);
    // No real agent was offered the conversation, and nothing had to be expired.
    expect(calls.map((c) => c.name)).not.toContain('offerToTeam');
    expect(calls.map((c) => c.name)).not.toContain('expireOffer');
    expect(flushes().every((f) => f.run.test === true && f.run.version === 0)).toBe(true);
    await Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, history);
  });

  it('takes the timeout port of an offer when the simulator skips its wait', async () => {
    const { activities, said } = recorder();
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await testWorkflowBundle(),
      activities,
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue,
        workflowId: `conversation-${randomUUID()}`,
        args: [input(true)],
      });
      const state = () => handle.query<FlowRunState>(FLOW_QUERIES.state);
      await expect.poll(async () => (await state()).waiting?.for).toBe('timer');
      await handle.signal(FLOW_SIGNALS.skipWait);
      await expect.poll(async () => (await state()).waiting?.for).toBe('agent');
      const before = await env.currentTimeMs();
      await handle.signal(FLOW_SIGNALS.skipWait);
      // Not awaiting the result: the test server skips time only for a caller waiting on it.
      await expect.poll(() => said().at(-1)).toBe('timeout');
      expect((await env.currentTimeMs()) - before).toBeLessThan(5 * 60_000);
    });
  });

  it("shows a test run's failure in its history but hands nothing to a person", async () => {
    const { activities, calls, flushes } = recorder();
    const failing = {
      ...activities,
      sendMessage: async () => {
        throw ApplicationFailure.nonRetryable('cannot send', 'SendRefused');
      },
    };
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await testWorkflowBundle(),
      activities: failing,
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue,
        workflowId: `conversation-${randomUUID()}`,
        args: [input(true)],
      });
      await expect
        .poll(async () => (await handle.query<FlowRunState>(FLOW_QUERIES.state)).waiting?.for)
        .toBe('timer');
      await handle.signal(FLOW_SIGNALS.skipWait);
      await expect.poll(() => calls.some((c) => c.name === 'endRun')).toBe(true);
    });
    expect(flushes().at(-1)).toMatchObject({ status: 'failed', failure: { nodeId: 'after' } });
    expect(calls.find((c) => c.name === 'endRun')?.input).not.toHaveProperty('failure');
  });
});
