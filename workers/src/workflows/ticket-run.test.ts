import { timeSkippingEnvironment } from '../testing/time-skipping';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFlow } from '@kefu/nodes/compiler';
import {
  CONVERSATION_WORKFLOW,
  FLOW_SIGNALS,
  type CompiledFlow,
  type RunHistoryFlush,
  type TicketFacts,
  type TicketUpdatedSignal,
} from '@kefu/schemas';
import { testWorkflowBundle } from '../testing/workflow-bundle';

/**
 * A run a ticket started, for a ticket without a conversation: the interpreter takes `ticketId`
 * instead of a conversation, hands it to every activity, ends the run on the ticket, and a
 * ticketUpdated signal lets an SLA timer go on before it is due.
 */
const draft = {
  schemaVersion: 1,
  name: 'ticket sla',
  kind: 'custom',
  nodes: [
    { id: 'created', type: 'ticket-created', config: {} },
    { id: 'sla', type: 'sla-timer', config: { ticket: '{{ticket.id}}', target: 'resolution', minutes: 240 } },
    { id: 'met', type: 'update-ticket', config: { ticket: '{{ticket.id}}', addTags: ['met'] } },
    {
      id: 'late',
      type: 'update-ticket',
      config: { ticket: '{{ticket.id}}', priority: 'urgent', note: 'SLA breached' },
    },
  ],
  edges: [
    { source: 'created', sourcePort: 'next', target: 'sla' },
    { source: 'sla', sourcePort: 'met', target: 'met' },
    { source: 'sla', sourcePort: 'breached', target: 'late' },
  ],
};

const ticket: TicketFacts = {
  id: 't1',
  subject: 'Broken',
  description: '',
  status: 'open',
  priority: 'normal',
  tags: [],
};

Runtime.install({ logger: new DefaultLogger('WARN') });

describe('a ticket-only run in the conversation workflow', () => {
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

  /** How long the SLA step waited, in the workflow's (time-skipped) clock. */
  function slaStepMinutes(flushes: { input: Record<string, unknown> }[]): number {
    const steps = flushes.flatMap((f) => (f.input as unknown as RunHistoryFlush).steps);
    const sla = steps.find((s) => s.nodeId === 'sla');
    if (!sla) throw new Error('no sla step recorded');
    return (sla.leftAt - sla.enteredAt) / 60_000;
  }

  /** `signals`: sent instead of the one solving change. */
  async function run(solvedAt?: string, signals?: TicketUpdatedSignal[]) {
    const calls: { name: string; input: Record<string, unknown> }[] = [];
    const record =
      (name: string, answer: (input: Record<string, unknown>) => unknown) =>
      async (input: Record<string, unknown>) => {
        calls.push({ name, input });
        return answer(input);
      };
    const activities = {
      getTicket: record('getTicket', () => ({
        ticketId: 't1',
        status: solvedAt ? 'solved' : 'open',
        priority: 'normal',
        ...(solvedAt ? { solvedAt } : {}),
      })),
      updateTicket: record('updateTicket', () => ({ updated: true })),
      recordRunHistory: record('recordRunHistory', () => undefined),
      endRun: record('endRun', () => undefined),
    };
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await testWorkflowBundle(),
      activities,
    });
    const workflowId = `ticket-${randomUUID()}`;
    const start = () =>
      env.client.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue,
        workflowId,
        args: [{ workspaceId: 'w1', ticketId: 't1', flowId: 'f1', version: 1, flow, facts: { ticket } }],
      });
    // Given signals arrive before the worker runs: the run's first task takes them all at once.
    const early = signals ? await start() : null;
    for (const signal of signals ?? []) await early!.signal(FLOW_SIGNALS.ticketUpdated, signal);
    const history = await worker.runUntil(async () => {
      const handle = early ?? (await start());
      if (solvedAt && !signals) {
        const signal: TicketUpdatedSignal = {
          changeKey: 'k1',
          changed: ['status'],
          ticket: { ...ticket, status: 'solved', solvedAt },
        };
        await handle.signal(FLOW_SIGNALS.ticketUpdated, signal);
      }
      await handle.result();
      return await handle.fetchHistory();
    });
    await Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, history);
    return {
      calls: calls.filter((c) => c.name !== 'recordRunHistory'),
      workflowId,
      flushes: calls.filter((c) => c.name === 'recordRunHistory'),
    };
  }

  it('goes on as met when the ticket is solved, and ends the run on the ticket', async () => {
    // Solved "now" by the test server's clock is before the 4-hour deadline.
    const { calls, workflowId, flushes } = await run(new Date(Date.now() + 60_000).toISOString());
    expect(calls.map((c) => c.name)).toEqual(['getTicket', 'updateTicket', 'endRun']);
    expect(calls[1]?.input).toMatchObject({ ticketId: 't1', addTags: ['met'], workspaceId: 'w1' });
    // No conversation: none is named to any activity; the ticket is, and endRun knows which run ended.
    for (const c of calls) expect(c.input).not.toHaveProperty('conversationId');
    expect(calls[2]?.input).toMatchObject({ ticketId: 't1', workflowId });
    expect(flushes.at(-1)?.input).toMatchObject({ ticketId: 't1', status: 'completed' });
    // The signal, not the deadline, moved the timer on: the step left well before its 4 hours.
    expect(slaStepMinutes(flushes)).toBeLessThan(240);
  });

  it('takes each change once: a repeat of a change it has seen does not put back an older state', async () => {
    const solvedAt = new Date(Date.now() + 60_000).toISOString();
    const solved: TicketUpdatedSignal = {
      changeKey: 'k1',
      changed: ['status'],
      ticket: { ...ticket, status: 'solved', solvedAt },
    };
    // The same change passed on again (the API's sweeper after a crash) with a stale ticket: taken,
    // it would send the SLA step back to waiting for its deadline.
    const repeat: TicketUpdatedSignal = { changeKey: 'k1', changed: ['status'], ticket };
    const { calls, flushes } = await run(solvedAt, [solved, repeat]);
    expect(calls.map((c) => c.name)).toEqual(['getTicket', 'updateTicket', 'endRun']);
    expect(calls[1]?.input).toMatchObject({ addTags: ['met'] });
    expect(slaStepMinutes(flushes)).toBeLessThan(240);
  });

  it('takes the breached branch when nothing is solved before the deadline', async () => {
    const { calls, flushes } = await run();
    expect(calls.map((c) => c.name)).toEqual(['getTicket', 'updateTicket', 'endRun']);
    expect(calls[1]?.input).toMatchObject({ ticketId: 't1', priority: 'urgent', note: 'SLA breached' });
    expect(slaStepMinutes(flushes)).toBeGreaterThanOrEqual(240);
  });
});
