import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresOf } from '../analytics/kpi-figures';
import type { KpiBucketDoc } from '../models/kpi-bucket';
import { applyDueKpis } from '../models/kpi-noted';
import { secondsByDay } from '../models/presence-facts';
import { openKeyOf } from '../models/presence-span';
import { startTestDatabase, type TestDatabase } from '../models/test-database';
import { closePresenceSpan, openPresenceSpan } from './presence-history';
import { updateAgentProfile } from './routing-service';

describe('secondsByDay', () => {
  it('splits at midnight in the zone, a 25-hour day whole', () => {
    const s = (iso: string) => Date.parse(iso) / 1000;
    // Shanghai: midnight is 16:00 UTC.
    expect(secondsByDay('Asia/Shanghai', s('2026-11-03T14:00:00Z'), s('2026-11-03T18:30:00Z'))).toEqual([
      { day: '2026-11-03', seconds: 7200 },
      { day: '2026-11-04', seconds: 9000 },
    ]);
    // Berlin leaves summer time on 25 October 2026: that day has 25 hours.
    expect(secondsByDay('Europe/Berlin', s('2026-10-24T21:00:00Z'), s('2026-10-25T23:30:00Z'))).toEqual([
      { day: '2026-10-24', seconds: 3600 },
      { day: '2026-10-25', seconds: 25 * 3600 },
      { day: '2026-10-26', seconds: 1800 },
    ]);
    expect(secondsByDay('UTC', 100, 100)).toEqual([]);
  });
});

/** Presence history on the real store: one open span per agent, closed once, its seconds counted once. */
describe('presence spans', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase('presencespans');
  });
  afterAll(async () => {
    await db?.stop();
  });
  const newWorkspace = async () => {
    const ws = await db.models.Workspace.create({
      name: 'presence',
      publicKey: `presence-${new Types.ObjectId()}`,
      timeZone: 'Asia/Shanghai',
    });
    return String(ws._id);
  };
  const spansOf = (ws: string, userId: string) =>
    db.models.PresenceSpan.find({ workspaceId: ws, userId }).sort({ from: 1 }).lean();
  const apply = (ws: string) =>
    applyDueKpis({ Conversation: db.models.Conversation, PresenceSpan: db.models.PresenceSpan } as never, {
      workspaceId: ws,
    });
  const sums = async (ws: string, day: string, dim: string) => {
    const b = await db.models.KpiBucket.findOne({
      _id: `${ws}:${day}`,
      workspaceId: ws,
    }).lean<KpiBucketDoc>();
    return figuresOf(((b?.dims ?? {}) as Record<string, never>)[dim] ?? {});
  };

  it('opens a span going online, keeps it on a repeat, closes it going away or offline', async () => {
    const ws = await newWorkspace();
    const agent = String(new Types.ObjectId());
    await updateAgentProfile(db.models, ws, agent, { presence: 'online' });
    await updateAgentProfile(db.models, ws, agent, { presence: 'online' });
    await updateAgentProfile(db.models, ws, agent, { maxConcurrent: 4 });
    let spans = await spansOf(ws, agent);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ openKey: openKeyOf(ws, agent) });
    expect(spans[0]!.to).toBeUndefined();

    await updateAgentProfile(db.models, ws, agent, { presence: 'away' });
    await updateAgentProfile(db.models, ws, agent, { presence: 'offline' });
    spans = await spansOf(ws, agent);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.to).toBeInstanceOf(Date);
    expect(spans[0]!.openKey).toBe(`closed:${String(spans[0]!._id)}`);

    await updateAgentProfile(db.models, ws, agent, { presence: 'online' });
    await updateAgentProfile(db.models, ws, agent, { presence: 'offline' });
    spans = await spansOf(ws, agent);
    expect(spans).toHaveLength(2);
    expect(spans.every((s) => s.to)).toBe(true);
  });

  it('racing opens make one span, racing closes close it once', async () => {
    const ws = await newWorkspace();
    const agent = String(new Types.ObjectId());
    const at = new Date('2026-11-03T09:00:00Z');
    const opened = await Promise.all(
      Array.from({ length: 6 }, () => openPresenceSpan(db.models, ws, agent, at)),
    );
    expect(opened.filter(Boolean)).toHaveLength(1);
    const closed = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        closePresenceSpan(db.models, ws, agent, new Date(at.getTime() + 3_600_000 + i * 1000)),
      ),
    );
    expect(closed.filter(Boolean)).toHaveLength(1);
    const spans = await spansOf(ws, agent);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.to).toBeInstanceOf(Date);
  });

  it('counts a span across midnight on both days, once however often it is closed or noted', async () => {
    const ws = await newWorkspace();
    const agent = String(new Types.ObjectId());
    // 22:00 on the 3rd to 02:30 on the 4th in Shanghai.
    await openPresenceSpan(db.models, ws, agent, new Date('2026-11-03T14:00:00Z'));
    // Open: nothing counted yet.
    await apply(ws);
    expect((await sums(ws, '2026-11-03', 'all')).onlineSeconds).toBe(0);
    expect(await closePresenceSpan(db.models, ws, agent, new Date('2026-11-03T18:30:00Z'))).toBe(true);
    expect(await closePresenceSpan(db.models, ws, agent, new Date('2026-11-03T19:00:00Z'))).toBe(false);
    await apply(ws);
    await apply(ws);
    // Marked again by a write to `to` (same value) and noted again: the ledger refuses the repeat.
    const [span] = await spansOf(ws, agent);
    await db.models.PresenceSpan.updateOne({ _id: span!._id, workspaceId: ws }, { $set: { to: span!.to } });
    expect(await db.models.PresenceSpan.findOne({ _id: span!._id, workspaceId: ws }).lean()).toMatchObject({
      kpiDue: 'due',
    });
    await apply(ws);
    for (const dim of ['all', `agent:${agent}`]) {
      expect((await sums(ws, '2026-11-03', dim)).onlineSeconds).toBe(7200);
      expect((await sums(ws, '2026-11-04', dim)).onlineSeconds).toBe(9000);
    }
  });

  it('counts handling seconds from the assignment to the first resolution, on its day, for occupancy', async () => {
    const ws = await newWorkspace();
    const agent = String(new Types.ObjectId());
    await openPresenceSpan(db.models, ws, agent, new Date('2026-11-04T01:00:00Z'));
    await closePresenceSpan(db.models, ws, agent, new Date('2026-11-04T02:00:00Z'));
    const id = new Types.ObjectId();
    // In on the 3rd (Shanghai), taken at 08:50 and resolved at 09:20 on the 4th.
    await db.models.Conversation.create({
      _id: id,
      workspaceId: ws,
      contactId: new Types.ObjectId(),
      channel: 'web',
      createdAt: new Date('2026-11-03T10:00:00Z'),
      status: 'closed',
      assignee: { agentId: agent, at: new Date('2026-11-04T00:50:00.700Z') },
      firstResolvedAt: new Date('2026-11-04T01:20:00.200Z'),
    });
    await apply(ws);
    await db.models.Conversation.updateOne({ _id: id, workspaceId: ws }, { $set: { status: 'closed' } });
    await apply(ws);
    for (const dim of ['all', `agent:${agent}`]) {
      const day = await sums(ws, '2026-11-04', dim);
      // Whole seconds: 00:50:00 to 01:20:00.
      expect(day).toMatchObject({ handleSeconds: 1800, onlineSeconds: 3600, occupancy: 0.5 });
    }
    expect((await sums(ws, '2026-11-03', `agent:${agent}`)).handleSeconds).toBe(0);
    expect((await sums(ws, '2026-11-04', 'channel:web')).occupancy).toBeNull();
  });
});
