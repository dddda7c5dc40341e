import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Models } from '@kefu/runtime/models';
import { startTestDatabase, type TestDatabase } from '@kefu/runtime/testing';
import type { RunHistoryFlush } from '@kefu/schemas';
import { runHistoryActivities } from './run-history';

// Real FerretDB: one write per flush relies on how it answers a conditional upsert on a unique key.
describe('recordRunHistory', () => {
  let db: TestDatabase;
  let models: Models;
  const workspaceId = String(new Types.ObjectId());
  const conversationId = String(new Types.ObjectId());

  beforeAll(async () => {
    db = await startTestDatabase('run-history');
    models = db.models;
    await Promise.all([models.FlowRun.init(), models.RunStep.init()]);
  });
  afterAll(async () => {
    await db?.stop();
  });

  const flush = (
    runId: string,
    upTo: number,
    status: RunHistoryFlush['status'],
    from = 1,
  ): RunHistoryFlush => ({
    workspaceId,
    conversationId,
    run: {
      runId,
      workflowId: `wf-${runId}`,
      flowId: String(new Types.ObjectId()),
      version: 1,
      startedAt: 1_000,
    },
    steps: Array.from({ length: upTo - from + 1 }, (_, i) => ({
      step: from + i,
      nodeId: `n${from + i}`,
      nodeType: 'send-message',
      enteredAt: 1_000 + i,
      leftAt: 1_001 + i,
      port: 'next',
    })),
    stepCount: upTo,
    status,
    currentNodeId: status === 'running' ? `n${upTo + 1}` : null,
  });
  const stored = async (runId: string) => ({
    run: await models.FlowRun.findOne({ workspaceId, runId }).lean(),
    steps: (await models.RunStep.find({ workspaceId, runId }).sort({ step: 1 }).lean()).map((s) => s.step),
  });

  it('stores a run and its steps once, however often a flush is retried', async () => {
    const first = flush('run-a', 2, 'running');
    const { recordRunHistory } = runHistoryActivities(models);
    await recordRunHistory(first);
    await recordRunHistory(first);
    const { run, steps } = await stored('run-a');
    expect(steps).toEqual([1, 2]);
    expect(run).toMatchObject({ steps: 2, status: 'running', currentNodeId: 'n3', workflowId: 'wf-run-a' });
    expect(await models.FlowRun.countDocuments({ workspaceId, runId: 'run-a' })).toBe(1);
  });

  it('moves a run forward only: an older flush retried after a newer one changes nothing', async () => {
    const { recordRunHistory } = runHistoryActivities(models);
    const older = flush('run-b', 2, 'running');
    await recordRunHistory(older);
    await recordRunHistory(flush('run-b', 4, 'completed', 3));
    await recordRunHistory(older);
    const { run, steps } = await stored('run-b');
    expect(steps).toEqual([1, 2, 3, 4]);
    expect(run).toMatchObject({ steps: 4, status: 'completed', currentNodeId: null });
    expect(run?.endedAt).toBeInstanceOf(Date);
  });

  it('ends a run whose last flush carries no new steps', async () => {
    const { recordRunHistory } = runHistoryActivities(models);
    await recordRunHistory(flush('run-c', 3, 'running'));
    await recordRunHistory({
      ...flush('run-c', 3, 'failed'),
      steps: [],
      failure: { nodeId: 'n3', reason: 'boom' },
    });
    const { run } = await stored('run-c');
    expect(run).toMatchObject({ steps: 3, status: 'failed', failure: { nodeId: 'n3', reason: 'boom' } });
  });

  it("stores a step's why-trace with it", async () => {
    const { recordRunHistory } = runHistoryActivities(models);
    const why = {
      kind: 'condition' as const,
      result: false,
      rule: {
        match: 'all' as const,
        result: false,
        conditions: [
          {
            fact: 'contact',
            path: '$.tags',
            operator: 'contains',
            value: 'vip',
            saw: ['new'],
            result: false,
          },
        ],
      },
      notTaken: [{ port: 'true', reason: 'rule-false' as const }],
    };
    const batch = flush('run-why', 1, 'completed');
    await recordRunHistory({ ...batch, steps: batch.steps.map((s) => ({ ...s, port: 'false', why })) });
    const step = await models.RunStep.findOne({ workspaceId, runId: 'run-why', step: 1 }).lean();
    expect(step?.why).toEqual(why);
  });

  it('keeps what the run explorer filters by: channel and tags from the start, every team, the last node', async () => {
    const { recordRunHistory } = runHistoryActivities(models);
    const start = flush('run-d', 2, 'running');
    const withStart = { ...start, run: { ...start.run, channel: 'web', tags: ['vip'] } };
    await recordRunHistory({ ...withStart, teams: ['sales'] });
    // A retried flush and the next one carry the teams so far: each is kept once.
    await recordRunHistory({ ...withStart, teams: ['sales'] });
    await recordRunHistory({
      ...flush('run-d', 4, 'completed', 3),
      run: withStart.run,
      teams: ['sales', 'vip-desk'],
      endNodeId: 'n4',
    });
    const { run } = await stored('run-d');
    expect(run).toMatchObject({
      channel: 'web',
      tags: ['vip'],
      teams: ['sales', 'vip-desk'],
      endNodeId: 'n4',
      status: 'completed',
    });
  });
  it("keeps the branch each random split took on the run's conversation, once, first branch first; never a simulation's", async () => {
    const { recordRunHistory } = runHistoryActivities(models);
    const conversation = await models.Conversation.create({
      workspaceId,
      contactId: new Types.ObjectId(),
      channel: 'web',
    });
    const withSplit = (runId: string, port: string, test = false): RunHistoryFlush => {
      const base = flush(runId, 2, 'running');
      return {
        ...base,
        conversationId: String(conversation._id),
        run: { ...base.run, flowId: 'f'.repeat(24), version: 3, ...(test ? { test: true } : {}) },
        steps: [{ ...base.steps[0]!, nodeType: 'random-split', nodeId: 'greeting', port }, base.steps[1]!],
      };
    };
    const splits = async () =>
      (await models.Conversation.findOne({ _id: conversation._id, workspaceId }).lean())?.splits;
    await recordRunHistory(withSplit('run-split', 'b'));
    await recordRunHistory(withSplit('run-split', 'b'));
    await recordRunHistory(withSplit('run-split-2', 'a'));
    expect(await splits()).toEqual([`${'f'.repeat(24)}:3:greeting:b`, `${'f'.repeat(24)}:3:greeting:a`]);
    const simulated = await models.Conversation.create({
      workspaceId,
      contactId: new Types.ObjectId(),
      channel: 'web',
    });
    await recordRunHistory({ ...withSplit('run-sim', 'a', true), conversationId: String(simulated._id) });
    expect(
      (await models.Conversation.findOne({ _id: simulated._id, workspaceId }).lean())?.splits,
    ).toBeUndefined();
  });
});
