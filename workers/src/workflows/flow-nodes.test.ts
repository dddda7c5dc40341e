import { timeSkippingEnvironment } from '../testing/time-skipping';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFlow } from '@kefu/nodes/compiler';
import { starterTemplates } from '@kefu/nodes/templates';
import { CONVERSATION_WORKFLOW, FLOW_SIGNALS, type CompiledFlow, type FlowDraft } from '@kefu/schemas';
import type { FlowActivityImpls, InterpreterActivities } from '../activity-contract';
import { testWorkflowBundle } from '../testing/workflow-bundle';

/**
 * The catalog's nodes inside the real interpreter: the generic activity mapping (every node-facing
 * activity gets the target and a distinct idempotency key), durable timers, rules, variables.
 */
type Call = { name: string; input: Record<string, unknown> };

function recordingActivities(answers: Partial<Record<keyof FlowActivityImpls, unknown>> = {}) {
  const calls: Call[] = [];
  const record =
    (name: string) =>
    async (input: Record<string, unknown>): Promise<unknown> => {
      calls.push({ name, input });
      return answers[name as keyof FlowActivityImpls] ?? {};
    };
  const names: (keyof FlowActivityImpls | keyof InterpreterActivities)[] = [
    'sendMessage',
    'createTicket',
    'updateTicket',
    'getTicket',
    'updateContact',
    'closeConversation',
    'httpRequest',
    'searchKnowledgeBase',
    'offerToTeam',
    'escalate',
    'recordSatisfaction',
    'endRun',
    'expireOffer',
  ];
  // Run history is checked elsewhere (conversation-flow.test.ts); here it is only accepted.
  const recordRunHistory = async () => {};
  return { activities: { ...Object.fromEntries(names.map((n) => [n, record(n)])), recordRunHistory }, calls };
}

function compiled(draft: unknown): CompiledFlow {
  const result = compileFlow(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

Runtime.install({ logger: new DefaultLogger('WARN') });

describe('catalog nodes in the conversation workflow', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await timeSkippingEnvironment();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function run(
    flow: CompiledFlow,
    activities: Record<string, unknown>,
    facts: Record<string, unknown>,
    replies: string[] = [],
  ) {
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await testWorkflowBundle(),
      activities,
    });
    return await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue,
        workflowId: `conversation-${randomUUID()}`,
        args: [{ workspaceId: 'w1', conversationId: 'c1', flowId: 'f1', version: 1, flow, facts }],
      });
      for (const [i, text] of replies.entries())
        await handle.signal(FLOW_SIGNALS.customerMessage, { messageId: `m${i}`, text });
      await handle.result();
      return await handle.fetchHistory();
    });
  }

  it('asks, branches on a rule over a saved variable, waits on a timer and opens a ticket', async () => {
    const draft: FlowDraft = {
      schemaVersion: 1,
      name: 'nodes',
      kind: 'custom',
      nodes: [
        { id: 'start', type: 'conversation-started', config: {} },
        {
          id: 'ask',
          type: 'ask-question',
          config: { question: 'Order number?', answerType: 'number', saveAs: 'order' },
        },
        {
          id: 'big',
          type: 'condition',
          config: {
            rule: { all: [{ fact: 'vars', path: '$.order', operator: 'greaterThan', value: 1000 }] },
          },
        },
        { id: 'pause', type: 'wait', config: { amount: 2, unit: 'hours' } },
        {
          id: 'ticket',
          type: 'create-ticket',
          config: { subject: 'Order {{vars.order}} for {{contact.name}}', priority: 'high' },
        },
        { id: 'tell', type: 'send-message', config: { text: 'Ticket {{vars.ticketId}} opened.' } },
        { id: 'small', type: 'end', config: {} },
      ],
      edges: [
        { source: 'start', sourcePort: 'next', target: 'ask' },
        { source: 'ask', sourcePort: 'answered', target: 'big' },
        { source: 'big', sourcePort: 'true', target: 'pause' },
        { source: 'big', sourcePort: 'false', target: 'small' },
        { source: 'pause', sourcePort: 'next', target: 'ticket' },
        { source: 'ticket', sourcePort: 'next', target: 'tell' },
      ],
    };
    const { activities, calls } = recordingActivities({ createTicket: { ticketId: 't-42' } });
    const history = await run(compiled(draft), activities, { contact: { name: 'Mei' } }, ['abc', '4711']);

    expect(calls.map((c) => c.name)).toEqual([
      'sendMessage',
      'sendMessage',
      'createTicket',
      'sendMessage',
      'endRun',
    ]);
    const ticket = calls.find((c) => c.name === 'createTicket')?.input;
    expect(ticket).toMatchObject({
      workspaceId: 'w1',
      conversationId: 'c1',
      subject: 'Order 4711 for Mei',
      priority: 'high',
    });
    // The due date comes from the workflow clock; the timer of two hours passed before it.
    expect(calls.at(-2)?.input).toMatchObject({ text: 'Ticket t-42 opened.' });
    const keys = calls.map((c) => c.input.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    await Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, history);
  });

  it('asks for an order number by pattern and a phone by country, judges the order age, and opens a ticket for a team and agent', async () => {
    const draft: FlowDraft = {
      schemaVersion: 1,
      name: 'flow language',
      kind: 'custom',
      nodes: [
        { id: 'start', type: 'conversation-started', config: {} },
        {
          id: 'order',
          type: 'ask-question',
          config: {
            question: 'Order number?',
            answerType: 'pattern',
            pattern: 'preset:order-number',
            saveAs: 'order',
          },
        },
        {
          id: 'phone',
          type: 'ask-question',
          config: { question: 'Phone?', answerType: 'phone', country: 'CN', saveAs: 'phone' },
        },
        {
          id: 'old',
          type: 'condition',
          config: {
            rule: {
              all: [
                { fact: 'contact', path: '$.attributes.orderPlacedAt', operator: 'olderThanDays', value: 7 },
                { fact: 'vars', path: '$.order', operator: 'matchesPattern', value: '^QY2026' },
              ],
            },
          },
        },
        {
          id: 'ticket',
          type: 'create-ticket',
          config: {
            subject: 'Late order {{vars.order}}, call {{vars.phone}}',
            teamId: 'after-sales',
            assigneeId: 'u1',
          },
        },
        { id: 'recent', type: 'end', config: {} },
      ],
      edges: [
        { source: 'start', sourcePort: 'next', target: 'order' },
        { source: 'order', sourcePort: 'answered', target: 'phone' },
        { source: 'phone', sourcePort: 'answered', target: 'old' },
        { source: 'old', sourcePort: 'true', target: 'ticket' },
        { source: 'old', sourcePort: 'false', target: 'recent' },
      ],
    };
    const { activities, calls } = recordingActivities({ createTicket: { ticketId: 't-7' } });
    // Placed 30 days before the (time-skipping) workflow clock starts: older than 7 days.
    const facts = {
      contact: { attributes: { orderPlacedAt: new Date(Date.now() - 30 * 86_400_000).toISOString() } },
    };
    const history = await run(compiled(draft), activities, facts, [
      'my order is late',
      'QY20261207',
      '+44 20 7946 0958',
      '138 0013 8000',
    ]);
    expect(calls.filter((c) => c.name === 'sendMessage').map((c) => c.input.text)).toEqual([
      'Order number?',
      expect.any(String),
      'Phone?',
      expect.any(String),
    ]);
    expect(calls.find((c) => c.name === 'createTicket')?.input).toMatchObject({
      subject: 'Late order QY20261207, call +8613800138000',
      teamKey: 'after-sales',
      assigneeId: 'u1',
    });
    await Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, history);
  });

  it('runs the escalation template with nobody available: escalate, try the supervisors, open an urgent ticket', async () => {
    const template = starterTemplates.find((t) => t.id === 'escalate-after-10-minutes');
    const { activities, calls } = recordingActivities({ offerToTeam: { noAgent: true } });
    await run(compiled(template?.draft), activities, { contact: { name: 'Lin' }, message: { text: 'help' } });
    const names = calls.map((c) => c.name);
    expect(names.slice(0, 4)).toEqual(['offerToTeam', 'escalate', 'sendMessage', 'offerToTeam']);
    expect(calls[1]?.input).toMatchObject({
      priority: 'urgent',
      teamId: 'supervisors',
      notifySupervisor: true,
    });
    expect(names).toContain('createTicket');
  });
});
