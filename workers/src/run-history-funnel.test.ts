import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFunnelFlush, sweepKpiEvents, type Models } from '@kefu/runtime/models';
import { startTestDatabase, type TestDatabase } from '@kefu/runtime/testing';
import type { RunHistoryFlush, StepRecord } from '@kefu/schemas';
import { runHistoryActivities } from './run-history';

// Real FerretDB: the funnel counts once through the KPI ledger however often a flush is retried.
describe('the flow funnel kept by recordRunHistory', () => {
  let db: TestDatabase;
  let models: Models;
  const workspaceId = String(new Types.ObjectId());
  const flowId = String(new Types.ObjectId());
  const startedAt = Date.parse('2026-03-03T10:00:00Z');

  beforeAll(async () => {
    db = await startTestDatabase('run-history-funnel');
    models = db.models;
    await Promise.all([models.FlowRun.init(), models.RunStep.init(), models.FunnelBucket.init()]);
  });
  afterAll(async () => {
    await db?.stop();
  });

  const step = (
    n: number,
    nodeId: string,
    nodeType: string,
    port: string | null,
    seconds = 1,
  ): StepRecord => ({
    step: n,
    nodeId,
    nodeType,
    enteredAt: startedAt + n * 100_000,
    leftAt: startedAt + n * 100_000 + seconds * 1000,
    port,
  });
  const run = (runId: string, test = false): RunHistoryFlush['run'] => ({
    runId,
    workflowId: `wf-${runId}`,
    flowId,
    version: 1,
    startedAt,
    ...(test ? { test: true } : {}),
  });
  /** Start → condition (true) → question (waits), then the answer → End. */
  const flushes = (runId: string, test = false): RunHistoryFlush[] => [
    {
      workspaceId,
      run: run(runId, test),
      steps: [step(1, 'start', 'conversation-started', 'next'), step(2, 'cond', 'condition', 'true')],
      stepCount: 2,
      status: 'running',
      currentNodeId: 'ask',
    },
    {
      workspaceId,
      run: run(runId, test),
      steps: [step(3, 'ask', 'ask-question', 'answered', 90), step(4, 'end', 'end', null)],
      stepCount: 4,
      status: 'completed',
      currentNodeId: null,
      endNodeId: 'end',
    },
  ];
  const bucket = async () =>
    (await models.FunnelBucket.findOne({
      workspaceId,
      _id: `${workspaceId}:${flowId}:1:2026-03-03`,
    }).lean()) as {
      runs?: number;
      nodes?: Record<string, Record<string, unknown>>;
    } | null;

  it('counts a run once when every flush activity is retried, and waiting only while it waits', async () => {
    const { recordRunHistory } = runHistoryActivities(models);
    const [first, second] = flushes('run-1');
    await recordRunHistory(first!);
    await recordRunHistory(first!);
    let b = await bucket();
    expect(b?.runs).toBe(1);
    expect(b?.nodes?.ask).toMatchObject({ runs: 1, waiting: 1 });
    expect(b?.nodes?.cond).toMatchObject({ entered: 1, runs: 1, left: { true: 1 } });
    await recordRunHistory(second!);
    await recordRunHistory(second!);
    await recordRunHistory(first!);
    b = await bucket();
    expect(b?.runs).toBe(1);
    expect(b?.nodes?.ask).toMatchObject({ entered: 1, runs: 1, waiting: 0, left: { answered: 1 } });
    expect(b?.nodes?.end).toMatchObject({ entered: 1, runs: 1, finished: 1 });
    // 90 s lands in bin floor(8·log2 90) = 51.
    expect((b?.nodes?.ask as { time: Record<string, number> }).time).toEqual({ b51: 1 });
  });

  it('a writer that stopped after the ledger is finished by the sweep, once', async () => {
    const [first, second] = flushes('run-2');
    const conn = models.FunnelBucket.db;
    const ends = (t: string) => t === 'end';
    expect(await recordFunnelFlush(conn, first!, ends, 'ledger')).toBe(true);
    // The retried activity finds the entry: it adds nothing itself…
    expect(await recordFunnelFlush(conn, first!, ends)).toBe(false);
    expect((await bucket())?.runs).toBe(1);
    // …and the sweep applies it once, however often it runs.
    expect(await sweepKpiEvents(conn, { workspaceId, olderThanMs: 0 })).toBeGreaterThanOrEqual(1);
    await sweepKpiEvents(conn, { workspaceId, olderThanMs: 0 });
    expect((await bucket())?.runs).toBe(2);
    expect(await recordFunnelFlush(conn, second!, ends, 'bucket')).toBe(true);
    await sweepKpiEvents(conn, { workspaceId, olderThanMs: 0 });
    const b = await bucket();
    expect(b?.nodes?.end).toMatchObject({ runs: 2, finished: 2 });
    expect(b?.nodes?.ask).toMatchObject({ runs: 2, waiting: 0 });
  });

  it('leaves simulations out, and runs that began before funnels were kept', async () => {
    const { recordRunHistory } = runHistoryActivities(models);
    for (const f of flushes('sim-1', true)) await recordRunHistory(f);
    await recordRunHistory(flushes('old-1')[1]!);
    const b = await bucket();
    expect(b?.runs).toBe(2);
    expect(b?.nodes?.end).toMatchObject({ runs: 2, finished: 2 });
  });

  it('a run that fails or stops short is dropped there', async () => {
    const { recordRunHistory } = runHistoryActivities(models);
    const [first] = flushes('run-3');
    await recordRunHistory(first!);
    await recordRunHistory({
      workspaceId,
      run: run('run-3'),
      steps: [{ ...step(3, 'ask', 'ask-question', null), error: 'boom' }],
      stepCount: 3,
      status: 'failed',
      currentNodeId: 'ask',
      endNodeId: 'ask',
      failure: { nodeId: 'ask', reason: 'boom' },
    });
    const b = await bucket();
    expect(b?.nodes?.ask).toMatchObject({ runs: 3, failed: 1, waiting: 0 });
  });
});
