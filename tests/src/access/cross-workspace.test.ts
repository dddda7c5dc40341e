import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { seedDemoWorkspace } from '@kefu/runtime';
import { sampleBody, type BodySchema } from './sample-body';
import {
  addMember,
  concretePath,
  freshCookie,
  signUp,
  startAccessApp,
  uniqueEmail,
  type AccessApp,
  type Member,
} from './access-app';

/**
 * Workspace A's users ask for workspace B's things. B is the seeded demo shop (a published flow and
 * its version) plus a contact, a conversation, a message, a ticket, a flow run, a user, an invite and a session; A's
 * caller holds every role. Every id of every B document, from every tenant collection, is tried
 * on every route that takes an id, so routes added later are covered too.
 */
let ctx: AccessApp;
let a: Member;
let b: Member;
let bAgent: Member;
let bIds: Map<string, string[]>;
let bInviteId: string;
let bSessionId: string;

beforeAll(async () => {
  ctx = await startAccessApp();
  const { app, models } = ctx;
  const owner = await signUp(app, 'tenant-a');
  a = await addMember(app, owner, ['owner', 'agent', 'analyst'], 'a-all');

  const demoId = await seedDemoWorkspace(models, { info: () => {} });
  const bUser = await models.User.create({
    workspaceId: demoId,
    email: uniqueEmail('tenant-b'),
    name: 'B owner',
    passwordHash: 'not used: sessions are minted directly',
    roles: ['owner', 'agent', 'analyst'],
  });
  b = { cookie: '', userId: String(bUser._id), workspaceId: demoId, email: bUser.email, publicKey: 'demo' };
  b.cookie = await freshCookie(app, b);
  bAgent = await addMember(app, b, ['agent'], 'b-agent');
  const invited = await app.inject({
    method: 'POST',
    url: '/invites',
    headers: { cookie: b.cookie },
    payload: { email: uniqueEmail('b-invitee'), roles: ['analyst'] },
  });
  bInviteId = (invited.json() as { invite: { id: string } }).invite.id;
  const contact = await models.Contact.create({
    workspaceId: demoId,
    visitorId: 'b-visitor-1',
    name: 'B customer',
  });
  const conversation = await models.Conversation.create({
    workspaceId: demoId,
    contactId: contact._id,
    channel: 'web',
  });
  await models.Message.create({
    workspaceId: demoId,
    conversationId: conversation._id,
    author: 'customer',
    text: 'B secret',
    idempotencyKey: `b/${conversation._id}`,
  });
  const ticket = await models.Ticket.create({
    workspaceId: demoId,
    conversationId: conversation._id,
    contactId: contact._id,
    subject: 'B ticket',
    idempotencyKey: `b-ticket/${conversation._id}`,
  });
  await models.TicketEvent.create({
    workspaceId: demoId,
    ticketId: ticket._id,
    kind: 'note',
    actor: { type: 'system' },
    text: 'B note',
    at: new Date(),
    idempotencyKey: `b-ticket-note/${ticket._id}`,
  });
  await models.SlaPolicy.create({
    workspaceId: demoId,
    name: 'B policy',
    isDefault: true,
    targets: { normal: { firstResponseMinutes: 60, resolutionMinutes: 480 } },
  });
  const flow = await models.Flow.findOne({ workspaceId: demoId }).lean();
  await models.FlowRun.create({
    workspaceId: demoId,
    runId: randomUUID(),
    workflowId: `conversation-${conversation._id}`,
    flowId: flow!._id,
    version: 1,
    conversationId: conversation._id,
    contactId: contact._id,
    status: 'running',
    startedAt: new Date(),
  });
  const session = await models.Session.findOne({ workspaceId: demoId, userId: bAgent.userId }).lean();
  bSessionId = String(session!._id);

  // Every document of B in every tenant collection, by collection.
  bIds = new Map();
  for (const [name, model] of Object.entries(models)) {
    if (!model.schema.path('workspaceId')) continue;
    const docs = (await (model as typeof models.Contact).find({ workspaceId: demoId }).lean()) as Record<
      string,
      unknown
    >[];
    // The _id, and any other key a route may take: uuid-like strings such as a run's runId.
    bIds.set(
      name,
      docs.flatMap((d) => [
        String(d._id),
        ...Object.values(d).filter(
          (v): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f-]{27}$/.test(v),
        ),
      ]),
    );
  }
});
afterAll(async () => await ctx?.stop());

const allBIds = () => [...bIds.values()].flat();

describe('a user of workspace A never reaches workspace B', () => {
  it('has B documents of every kind to try', () => {
    for (const kind of [
      'Contact',
      'Conversation',
      'Message',
      'Ticket',
      'TicketEvent',
      'SlaPolicy',
      'FlowRun',
      'Flow',
      'FlowVersion',
      'User',
      'Invite',
      'Session',
      'AuditEntry',
    ])
      expect(bIds.get(kind)?.length, kind).toBeGreaterThan(0);
  });

  it('gets 404 (or 400) for every B id on every route that reads, deletes or acts by id', async () => {
    const leaks: string[] = [];
    // Reads, deletes and bodiless actions (publish, rollback ...) by id; changes with a body below.
    const routes = ctx.app.routeCatalog.filter(
      (r) =>
        r.url.includes(':') &&
        (r.method === 'GET' || r.method === 'DELETE' || (r.method === 'POST' && !r.hasBody)),
    );
    expect(routes.map((r) => r.url)).toEqual(
      expect.arrayContaining(['/users/:id', '/contacts/:id', '/conversations/:id']),
    );
    for (const route of routes) {
      for (const id of allBIds()) {
        const res = await ctx.app.inject({
          method: route.method as 'GET',
          url: concretePath(route.url, () => id),
          headers: { cookie: a.cookie }, // only B ids are used: nothing here can end A's own session
        });
        if (![400, 404].includes(res.statusCode))
          leaks.push(`${route.method} ${route.url} with ${id}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('gets 404 (or 400) for every B id on every route that changes by id with a body', async () => {
    const spec = (await ctx.app.inject('/docs/json')).json() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: BodySchema }> } }>
      >;
    };
    const routes = ctx.app.routeCatalog.filter((r) => r.url.includes(':') && r.hasBody);
    const leaks: string[] = [];
    const reachedHandler = new Set<string>();
    for (const route of routes) {
      const op = spec.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const schema = op?.requestBody?.content['application/json']?.schema;
      const payload = schema ? sampleBody(schema) : {};
      for (const id of allBIds()) {
        const res = await ctx.app.inject({
          method: route.method as 'PUT',
          url: concretePath(route.url, () => id),
          headers: { cookie: a.cookie }, // only B ids are used: nothing here can end A's own session
          payload: payload as object,
        });
        if (res.statusCode === 404) reachedHandler.add(`${route.method} ${route.url}`);
        else if (res.statusCode !== 400)
          leaks.push(`${route.method} ${route.url} with ${id}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(leaks).toEqual([]);
    // The sampled bodies pass validation, so the handlers themselves said 404.
    expect([...reachedHandler]).toEqual(expect.arrayContaining(['PATCH /users/:id', 'PUT /users/:id/roles']));
  });

  it('gets 404 when changing B users, invites or sessions, and B is unchanged', async () => {
    const cookie = a.cookie;
    const attempts = [
      { method: 'PATCH', url: `/users/${bAgent.userId}`, payload: { name: 'taken over', disabled: true } },
      { method: 'PUT', url: `/users/${bAgent.userId}/roles`, payload: { roles: ['owner'] } },
      { method: 'DELETE', url: `/users/${bAgent.userId}` },
      { method: 'DELETE', url: `/invites/${bInviteId}` },
      { method: 'DELETE', url: `/sessions/${bSessionId}` },
    ] as const;
    for (const attempt of attempts) {
      const res = await ctx.app.inject({ ...attempt, headers: { cookie } });
      expect(res.statusCode, `${attempt.method} ${attempt.url}: ${res.body}`).toBe(404);
      expect(res.json()).toMatchObject({ statusCode: 404, code: 'KEFU_ERR_NOT_FOUND' });
    }
    const agent = await ctx.models.User.findOne({
      workspaceId: b.workspaceId,
      _id: bAgent.userId,
    }).lean();
    expect(agent).toMatchObject({ name: 'b-agent member', roles: ['agent'], disabled: false });
    expect(await ctx.models.Invite.exists({ workspaceId: b.workspaceId, _id: bInviteId })).toBeTruthy();
    expect(await ctx.models.Session.exists({ workspaceId: b.workspaceId, _id: bSessionId })).toBeTruthy();
  });

  it('never lists a B row on any list, while B sees its own', async () => {
    const lists = ctx.app.routeCatalog.filter(
      // WebSocket routes (/ws/...) answer a plain GET with 426: they are not lists.
      (r) =>
        r.method === 'GET' && !r.url.includes(':') && !r.url.startsWith('/ws/') && Array.isArray(r.roles),
    );
    expect(lists.map((r) => r.url)).toEqual(
      expect.arrayContaining(['/users', '/contacts', '/conversations', '/invites', '/audit']),
    );
    const forbidden = [...allBIds(), b.workspaceId];
    // Lists that need a question: asked the widest one, by the dimension that names other rows.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const asked: Record<string, string> = {
      '/analytics/kpis': `?from=${day(-60)}&to=${day(1)}&by=agent`,
      '/analytics/kpis/items': `?kpi=conversationsIn&from=${day(-60)}&to=${day(1)}`,
      '/analytics/score': `?from=${day(-60)}&to=${day(1)}`,
    };
    // A flow's funnel and its splits are about one flow, not a list: checked with B's flow below.
    const aboutOneFlow = ['/analytics/funnel', '/analytics/splits'];
    for (const route of lists.filter((r) => !aboutOneFlow.includes(r.url))) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: route.url + (asked[route.url] ?? ''),
        headers: { cookie: await freshCookie(ctx.app, a) },
      });
      expect(res.statusCode, `${route.url}: ${res.body.slice(0, 200)}`).toBe(200);
      const leaked = forbidden.filter((id) => res.body.includes(id));
      expect(leaked, `${route.url} shows B's ${leaked.join(', ')}`).toEqual([]);
    }
    // The same lists do show B's rows to B: the check above would see a leak.
    for (const [url, kind] of [
      ['/users', 'User'],
      ['/contacts', 'Contact'],
      ['/conversations', 'Conversation'],
      ['/invites', 'Invite'],
      ['/tickets', 'Ticket'],
      ['/sla-policies', 'SlaPolicy'],
    ] as const) {
      const res = await ctx.app.inject({
        method: 'GET',
        url,
        headers: { cookie: await freshCookie(ctx.app, b) },
      });
      for (const id of bIds.get(kind)!) expect(res.body, `${url} for B`).toContain(id);
    }
  });

  it('gets 404 for B flows, their versions and B runs, which the sweep reaches by their own keys', async () => {
    const [flowId] = bIds.get('Flow')!;
    const runId = bIds.get('FlowRun')!.find((id) => id.includes('-'))!;
    const today = new Date().toISOString().slice(0, 10);
    const funnel = `/analytics/funnel?flowId=${flowId}&version=1&from=${today}&to=${today}`;
    const splits = `/analytics/splits?flowId=${flowId}&version=1&from=${today}&to=${today}`;
    for (const url of [`/flows/${flowId}`, `/flows/${flowId}/versions`, `/runs/${runId}`, funnel, splits]) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: a.cookie } });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(404);
    }
    // B itself does see them, so the 404s above are about the workspace, not the ids.
    for (const url of [`/flows/${flowId}`, `/runs/${runId}`, funnel, splits]) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: b.cookie } });
      expect(res.statusCode, `${url} for B: ${res.body.slice(0, 200)}`).toBe(200);
    }
  });
});
