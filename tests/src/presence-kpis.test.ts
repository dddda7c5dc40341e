import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport } from '@kefu/schemas/api';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

/**
 * Online time through the product's own path: PATCH /agents/me opens and closes the agent's online
 * span, and GET /analytics/kpis (which notes due documents of its workspace before reading) answers
 * its seconds under the agent and the workspace, split at the workspace's midnight.
 */
let ctx: AccessApp;
let owner: Member;
let agent: Member;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'presence');
  agent = await addMember(ctx.app, owner, ['agent']);
  await ctx.models.Workspace.updateOne({ _id: owner.workspaceId }, { $set: { timeZone: 'Asia/Shanghai' } });
}, 120_000);
afterAll(async () => await ctx?.stop());

const call = async <T>(who: Member, method: 'GET' | 'PATCH', url: string, payload?: object) => {
  const res = await ctx.app.inject({ method, url, payload, headers: { cookie: who.cookie } });
  return { status: res.statusCode, body: JSON.parse(res.body) as T };
};

describe('online time from presence', () => {
  it('one span for online twice, closed by away, its seconds in the KPIs on both sides of midnight', async () => {
    expect((await call(agent, 'PATCH', '/agents/me', { presence: 'online' })).status).toBe(200);
    expect((await call(agent, 'PATCH', '/agents/me', { presence: 'online' })).status).toBe(200);
    const spans = () =>
      ctx.models.PresenceSpan.find({ workspaceId: owner.workspaceId, userId: agent.userId }).lean();
    expect(await spans()).toHaveLength(1);
    // As if the agent had gone online at 23:00 (Shanghai) yesterday: `from` is no KPI field, so this marks nothing.
    const [open] = await spans();
    const now = Date.now();
    const shanghaiDay = (t: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(t));
    const today = shanghaiDay(now);
    const midnight = Date.parse(`${today}T00:00:00+08:00`);
    const from = midnight - 3_600_000;
    await ctx.models.PresenceSpan.updateOne(
      { _id: open!._id, workspaceId: owner.workspaceId },
      { $set: { from: new Date(from) } },
    );

    expect((await call(agent, 'PATCH', '/agents/me', { presence: 'away' })).status).toBe(200);
    expect((await call(agent, 'PATCH', '/agents/me', { presence: 'offline' })).status).toBe(200);
    const closed = await spans();
    expect(closed).toHaveLength(1);
    const to = closed[0]!.to!.getTime();

    const yesterday = shanghaiDay(from);
    const res = await call<KpiReport>(
      owner,
      'GET',
      `/analytics/kpis?from=${yesterday}&to=${today}&groupBy=day&by=agent`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = (day: string) => res.body.periods.find((p) => p.start === day)?.rows[0];
    expect(row(yesterday)).toMatchObject({ value: agent.userId, kpis: { onlineSeconds: 3600 } });
    expect(row(today)?.kpis.onlineSeconds).toBe(Math.floor(to / 1000) - Math.floor(midnight / 1000));
    // No conversation handled: occupancy 0 of the time online.
    expect(row(yesterday)?.kpis).toMatchObject({ handleSeconds: 0, occupancy: 0 });
    const all = await call<KpiReport>(owner, 'GET', `/analytics/kpis?from=${yesterday}&to=${today}`);
    expect(all.body.totals[0]?.kpis.onlineSeconds).toBe(Math.floor(to / 1000) - Math.floor(from / 1000));
  });
});
