import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { ANALYTICS_READERS } from '@kefu/schemas/api';
import { addMember, concretePath, signUp, startAccessApp, type AccessApp, type Member } from './access-app';

/**
 * Analytics (the run explorer and whatever joins it under /analytics): analysts read everything
 * there and change nothing; agents are refused. Walks the app's own route catalogue, so a route
 * added later under these paths is checked too.
 */
let ctx: AccessApp;
let owner: Member;
let analyst: Member;
let agent: Member;
let runId: string;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'analytics-access');
  analyst = await addMember(ctx.app, owner, ['analyst']);
  agent = await addMember(ctx.app, owner, ['agent']);
  runId = randomUUID();
  await ctx.models.FlowRun.create({
    workspaceId: owner.workspaceId,
    runId,
    workflowId: 'wf-1',
    flowId: new Types.ObjectId(),
    version: 1,
    status: 'completed',
    steps: 1,
    startedAt: new Date(),
  });
});
afterAll(async () => await ctx?.stop());

const analyticsRoutes = () =>
  ctx.app.routeCatalog.filter((r) => /^\/(runs|analytics)(\/|$)/.test(r.url) && r.method !== 'HEAD');
const send = (who: Member, method: string, url: string) =>
  ctx.app.inject({
    method: method as 'GET',
    url,
    headers: {
      cookie: who.cookie,
      ...(['POST', 'PUT', 'PATCH'].includes(method) ? { 'content-type': 'application/json' } : {}),
    },
    ...(['POST', 'PUT', 'PATCH'].includes(method) ? { payload: '{}' } : {}),
  });
const fill = (param: string) => (param === 'runId' ? runId : new Types.ObjectId().toHexString());

describe('analytics access', () => {
  it('declares the run explorer for analytics readers: owners and analysts, never agents', () => {
    expect([...ANALYTICS_READERS].sort()).toEqual(['analyst', 'owner']);
    const reads = analyticsRoutes().filter((r) => r.method === 'GET');
    expect(reads.map((r) => r.url)).toEqual(expect.arrayContaining(['/runs', '/runs/:runId']));
    for (const route of reads) expect(route.roles, route.url).toEqual(ANALYTICS_READERS);
  });

  it('lets analysts read the explorer and open a run', async () => {
    const list = await send(analyst, 'GET', '/runs');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((r: { id: string }) => r.id)).toEqual([runId]);
    expect((await send(analyst, 'GET', `/runs/${runId}`)).statusCode).toBe(200);
    // What the explorer's filters are made of.
    expect((await send(analyst, 'GET', '/teams')).statusCode).toBe(200);
    expect((await send(analyst, 'GET', '/flows')).statusCode).toBe(200);
  });

  it('refuses analysts every change under analytics and runs', async () => {
    // Generating a week's report changes nothing of the workspace: readers may ask for one.
    const readerActions = ['POST /analytics/reports'];
    const writes = analyticsRoutes().filter(
      (r) => r.method !== 'GET' && !readerActions.includes(`${r.method} ${r.url}`),
    );
    for (const route of writes) {
      const res = await send(analyst, route.method, concretePath(route.url, fill));
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(403);
      expect(res.json()).toMatchObject({ statusCode: 403, code: 'KEFU_ERR_FORBIDDEN' });
    }
    // Methods no route takes are not a way in either.
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      for (const url of ['/runs', `/runs/${runId}`])
        expect((await send(analyst, method, url)).statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
    expect(await ctx.models.FlowRun.countDocuments({ workspaceId: owner.workspaceId, runId })).toBe(1);
  });

  it('refuses agents the explorer and every analytics route with 403', async () => {
    for (const route of analyticsRoutes()) {
      const res = await send(agent, route.method, concretePath(route.url, fill));
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(403);
      expect(res.json()).toMatchObject({ statusCode: 403, code: 'KEFU_ERR_FORBIDDEN' });
    }
    expect((await send(agent, 'GET', '/runs?customer=lin')).statusCode).toBe(403);
  });
});
