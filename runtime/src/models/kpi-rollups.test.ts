import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markFirst } from './first-times';
import { insertOnce } from './insert-once';
import type { KpiBucketDoc } from './kpi-bucket';
import { applyDueKpis, noteDueKpis, noteDocAndStop } from './kpi-noted';
import { bucketIdOf, recordKpiEvent, sweepKpiEvents, type KpiEvent } from './kpi-record';
import { startTestDatabase, type TestDatabase } from './test-database';

/** The KPI rollups on the real store: an event counts once, whatever is retried or interrupted. */
describe('KPI rollups', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase('kpirollups');
  });
  afterAll(async () => {
    await db?.stop();
  });
  const newWorkspace = async () => {
    const ws = await db.models.Workspace.create({
      name: 'kpi',
      publicKey: `kpi-${new Types.ObjectId()}`,
      timeZone: 'Asia/Shanghai',
    });
    return String(ws._id);
  };
  const bucket = async (ws: string, day: string) =>
    (await db.models.KpiBucket.findOne({ _id: bucketIdOf(ws, day), workspaceId: ws }).lean<KpiBucketDoc>())
      ?.dims as Record<string, Record<string, number>> | undefined;
  // What the worker's applier does every few seconds: the writes only mark their documents due.
  const apply = (ws: string) =>
    applyDueKpis(
      { Conversation: db.models.Conversation, SurveyResponse: db.models.SurveyResponse } as never,
      { workspaceId: ws },
    );
  const event = (ws: string, entityId: string, n = 1): KpiEvent => ({
    workspaceId: ws,
    kind: 'conversation.in',
    entityId,
    day: '2026-11-03',
    inc: { 'dims.all.conversationsIn': n, 'dims.channel:web.conversationsIn': n },
  });

  it('counts the same event once, recorded again or concurrently', async () => {
    const ws = await newWorkspace();
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => recordKpiEvent(db.conn, event(ws, 'c1'))),
      ...Array.from({ length: 4 }, (_, i) => recordKpiEvent(db.conn, event(ws, `other-${i}`))),
    ]);
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await recordKpiEvent(db.conn, event(ws, 'c1'))).toBe(false);
    expect((await bucket(ws, '2026-11-03'))?.all?.conversationsIn).toBe(5);
    expect((await bucket(ws, '2026-11-03'))?.['channel:web']?.conversationsIn).toBe(5);
  });

  it('counts a conversation once however often its writes are repeated', async () => {
    const ws = await newWorkspace();
    const { Conversation } = db.models;
    const id = new Types.ObjectId();
    const createdAt = new Date('2026-11-03T20:00:00Z'); // 04:00 on the 4th in Shanghai
    await Conversation.create({
      _id: id,
      workspaceId: ws,
      contactId: new Types.ObjectId(),
      channel: 'web',
      createdAt,
    });
    const scope = { _id: id, workspaceId: ws };
    const resolved = new Date(createdAt.getTime() + 90_000);
    // The write only marks it: nothing is counted on the writer's path.
    expect(await Conversation.findOne(scope).lean()).toMatchObject({ kpiDue: 'due' });
    expect(await bucket(ws, '2026-11-04')).toBeUndefined();
    await apply(ws);
    expect((await bucket(ws, '2026-11-04'))?.all).toMatchObject({ conversationsIn: 1 });
    for (let i = 0; i < 3; i++) {
      await Conversation.updateOne(scope, { $set: { status: 'closed' } });
      await markFirst(Conversation as never, scope, 'firstResolvedAt', resolved);
      await apply(ws);
    }
    // A later resolution does not move the first one.
    await markFirst(
      Conversation as never,
      scope,
      'firstResolvedAt',
      new Date(resolved.getTime() + 3_600_000),
    );
    await apply(ws);
    const all = (await bucket(ws, '2026-11-04'))?.all as Record<string, unknown>;
    expect(all).toMatchObject({ conversationsIn: 1, resolved: 1, botDeflected: 1, rt: { b51: 1 } });
    expect(await bucket(ws, '2026-11-03')).toBeUndefined();
    // A survey answer re-sent with its key counts once.
    for (let i = 0; i < 2; i++)
      await insertOnce(db.models.SurveyResponse, {
        workspaceId: ws,
        conversationId: id,
        rating: 4,
        idempotencyKey: `survey-${id}`,
      });
    expect(await apply(ws)).toBe(1);
    expect(await apply(ws)).toBe(0);
    expect((await bucket(ws, '2026-11-04'))?.all).toMatchObject({
      csatCount: 1,
      csatSum: 4,
      csatPositive: 1,
    });
  });

  it('converges after a writer dies between the ledger and the bucket, or between the bucket and the ledger', async () => {
    const ws = await newWorkspace();
    // Died after the ledger entry: nothing in the bucket yet, the entry due.
    expect(await recordKpiEvent(db.conn, event(ws, 'a'), 'ledger')).toBe(true);
    // Died after the bucket's increment, before the entry said so.
    expect(await recordKpiEvent(db.conn, event(ws, 'b'), 'bucket')).toBe(true);
    expect((await bucket(ws, '2026-11-03'))?.all?.conversationsIn).toBe(1);
    // A retry of either finds the entry and adds nothing itself.
    expect(await recordKpiEvent(db.conn, event(ws, 'a'))).toBe(false);
    expect(await recordKpiEvent(db.conn, event(ws, 'b'))).toBe(false);
    // The sweep leaves entries a writer may still be applying…
    expect(await sweepKpiEvents(db.conn, { workspaceId: ws })).toBe(0);
    // …and applies those whose writer is gone: each once, however often or concurrently it runs.
    const swept = await Promise.all([
      sweepKpiEvents(db.conn, { workspaceId: ws, olderThanMs: 0 }),
      sweepKpiEvents(db.conn, { workspaceId: ws, olderThanMs: 0 }),
    ]);
    expect(swept[0] + swept[1]).toBe(2);
    expect(await sweepKpiEvents(db.conn, { workspaceId: ws, olderThanMs: 0 })).toBe(0);
    expect((await bucket(ws, '2026-11-03'))?.all?.conversationsIn).toBe(2);
  });

  it('finishes a conversation whose writer died before its events were noted, once', async () => {
    const ws = await newWorkspace();
    const { Conversation } = db.models;
    const id = new Types.ObjectId();
    const createdAt = new Date('2026-11-05T02:00:00Z');
    await Conversation.create({
      _id: id,
      workspaceId: ws,
      contactId: new Types.ObjectId(),
      channel: 'email',
      createdAt,
    });
    const scope = { _id: id, workspaceId: ws };
    // The raw driver: a write whose hooks never ran (its process died) — marked, not noted.
    await Conversation.collection.updateOne(
      { _id: id, workspaceId: new Types.ObjectId(ws) },
      {
        $set: {
          firstResolvedAt: new Date(createdAt.getTime() + 10_000),
          kpiDue: 'due',
          kpiToken: new Types.ObjectId(),
        },
      },
    );
    const marked = await Conversation.findOne(scope).lean();
    // And a writer that recorded the events and died before clearing its mark.
    await noteDocAndStop(Conversation as never, marked as never);
    expect((await bucket(ws, '2026-11-05'))?.all).toMatchObject({ conversationsIn: 1, resolved: 1 });
    expect(await noteDueKpis({ Conversation } as never, ws)).toBe(1);
    expect(await noteDueKpis({ Conversation } as never, ws)).toBe(0);
    expect((await bucket(ws, '2026-11-05'))?.all).toMatchObject({
      conversationsIn: 1,
      resolved: 1,
      botDeflected: 1,
    });
  });

  it('leaves simulator conversations out', async () => {
    const ws = await newWorkspace();
    const id = new Types.ObjectId();
    await db.models.Conversation.create({
      _id: id,
      workspaceId: ws,
      contactId: new Types.ObjectId(),
      channel: 'web',
      test: true,
      createdAt: new Date('2026-11-06T02:00:00Z'),
    });
    await markFirst(
      db.models.Conversation as never,
      { _id: id, workspaceId: ws },
      'firstResolvedAt',
      new Date(),
    );
    await apply(ws);
    expect(await bucket(ws, '2026-11-06')).toBeUndefined();
  });
});
