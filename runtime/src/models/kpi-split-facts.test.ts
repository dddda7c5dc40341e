import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markFirst } from './first-times';
import { applyDueKpis } from './kpi-noted';
import type { KpiBucketDoc } from './kpi-bucket';
import { bucketIdOf } from './kpi-record';
import { startTestDatabase, type TestDatabase } from './test-database';

/**
 * A random split's branch outcomes on the real store: counted once, in the cohort of the day the
 * conversation came in, whichever comes first — the branch (written with the run's steps) or the
 * outcome (the flow closing it, a hand-off, a rating) — and never for a simulator conversation.
 */
describe('KPI rollups of a random split', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase('kpisplits');
  });
  afterAll(async () => {
    await db?.stop();
  });
  const flowId = new Types.ObjectId().toHexString();
  const node = `${flowId}:2:greeting`;
  const setUp = async () => {
    const ws = await db.models.Workspace.create({
      name: 'split',
      publicKey: `split-${new Types.ObjectId()}`,
    });
    return String(ws._id);
  };
  const branch = async (ws: string, port: string) =>
    (
      (
        await db.models.KpiBucket.findOne({
          _id: bucketIdOf(ws, '2026-11-03'),
          workspaceId: ws,
        }).lean<KpiBucketDoc>()
      )?.dims as Record<string, Record<string, number>> | undefined
    )?.[`split:${node}:${port}`];
  const conversation = async (ws: string, test = false) => {
    const c = await db.models.Conversation.create({
      workspaceId: ws,
      contactId: new Types.ObjectId(),
      channel: 'web',
      flowRun: { flowId, version: 2 },
      createdAt: new Date('2026-11-03T10:00:00Z'),
      ...(test ? { test: true } : {}),
    });
    return { _id: c._id, workspaceId: ws };
  };
  const take = (ws: string, scope: { _id: unknown }, port: string) =>
    db.models.Conversation.updateOne(
      { ...scope, workspaceId: ws },
      { $addToSet: { splits: { $each: [`${node}:${port}`] } } },
    );
  // What the worker's applier does every few seconds: the writes only mark their documents due.
  const apply = (ws: string) =>
    applyDueKpis(
      { Conversation: db.models.Conversation, SurveyResponse: db.models.SurveyResponse } as never,
      { workspaceId: ws },
    );
  const rate = (ws: string, conversationId: Types.ObjectId, rating: number) =>
    db.models.SurveyResponse.create({
      workspaceId: ws,
      conversationId,
      rating,
      idempotencyKey: `survey-${new Types.ObjectId()}`,
    });

  it('counts the outcomes whether the branch is written before or after them, each once', async () => {
    const ws = await setUp();
    const resolvedAt = new Date('2026-11-03T10:05:00Z');
    // Closed by the flow and rated before the worker flushed the split step.
    const early = await conversation(ws);
    await markFirst(db.models.Conversation as never, early, 'firstResolvedAt', resolvedAt);
    await rate(ws, early._id, 5);
    await apply(ws);
    await take(ws, early, 'b');
    // Branch first, then handed to a team, then rated.
    const late = await conversation(ws);
    await take(ws, late, 'b');
    await apply(ws);
    const team = new Types.ObjectId();
    await db.models.Conversation.updateOne(late, { $set: { teamId: team, inboxKey: team } });
    await rate(ws, late._id, 2);
    // The same flush retried, and a later pass through the same split by another port: no change.
    await take(ws, early, 'b');
    await take(ws, late, 'a');
    await apply(ws);
    expect(await branch(ws, 'b')).toEqual({
      conversationsIn: 2,
      resolved: 1,
      botDeflected: 1,
      asked: 1,
      csatCount: 2,
      csatSum: 7,
      csatSq: 29,
      csatPositive: 1,
    });
    expect(await branch(ws, 'a')).toBeUndefined();
  });

  it('leaves simulator conversations out', async () => {
    const ws = await setUp();
    const sim = await conversation(ws, true);
    await take(ws, sim, 'a');
    await markFirst(
      db.models.Conversation as never,
      sim,
      'firstResolvedAt',
      new Date('2026-11-03T10:05:00Z'),
    );
    await rate(ws, sim._id, 5);
    await apply(ws);
    expect(await branch(ws, 'a')).toBeUndefined();
  });
});
