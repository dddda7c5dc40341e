import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp } from '@kefu/runtime';
import { newCodecKeys, parseCodecKeys } from '@kefu/runtime/temporal-codec';
import { compiledFlowValidator } from '@kefu/nodes/compiler';
import { starterTemplates } from '@kefu/nodes/templates';

type App = Awaited<ReturnType<typeof buildApp>>;

/** The flows API on real FerretDB (shared test servers, a database of its own), driven by inject. */
describe('flows API', () => {
  let app: App;
  let owner = '';
  let stranger = '';

  beforeAll(async () => {
    const id = randomBytes(6).toString('hex');
    app = await buildApp(
      {
        mongoUri: `${inject('mongoBaseUri')}kefu_flows_${id}`,
        postgresUrl: inject('postgresUrl') || undefined,
        temporalAddress: inject('temporalAddress'),
        temporalNamespace: 'default',
        taskQueue: `kefu-flows-${id}`,
        internalToken: randomBytes(16).toString('hex'),
        temporalCodecKeys: parseCodecKeys(newCodecKeys()),
        authPerMinute: 100_000,
      },
      { logger: { level: process.env.KEFU_TEST_LOG ?? 'silent' } },
    );
    await app.ready();
    owner = await signUp('Tea House', `owner-${id}@tea.example`);
    stranger = await signUp('Other Shop', `other-${id}@other.example`);
    // The starter templates route to these teams; publish refuses a flow naming a missing team.
    for (const key of ['support', 'supervisors', 'vip-desk'])
      expect((await call(owner, 'POST', '/teams', { key, name: key })).statusCode).toBe(201);
  });

  afterAll(async () => {
    await app?.models.Flow.db.dropDatabase().catch(() => {});
    await app?.close();
  });

  async function signUp(workspaceName: string, email: string): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: '/signup',
      payload: { workspaceName, name: 'Owner', email, password: 'correct horse battery' },
    });
    const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('kefu_session='));
    if (!set) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
    return set.split(';')[0] as string;
  }

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const json = (res: LightMyRequestResponse) =>
    res.json() as Record<string, unknown> & { [k: string]: never };

  async function createFlow(body: Record<string, unknown>) {
    const res = await call(owner, 'POST', '/flows', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as {
      id: string;
      revision: number;
      draft: { nodes: { id: string; config: Record<string, unknown> }[] } & Record<string, unknown>;
    };
  }

  it('refuses callers who are not signed in', async () => {
    const res = await app.inject({ method: 'GET', url: '/flows' });
    expect(res.statusCode).toBe(401);
    expect(json(res).code).toBe('KEFU_ERR_UNAUTHORIZED');
  });

  it('lists the four starter templates', async () => {
    const res = await call(owner, 'GET', '/flow-templates');
    expect(res.statusCode).toBe(200);
    expect((res.json() as { id: string }[]).map((t) => t.id)).toEqual(starterTemplates.map((t) => t.id));
  });

  it('creates a flow from a template and lists it; an unknown template is named', async () => {
    const flow = await createFlow({
      name: 'Evening replies',
      kind: 'auto-reply',
      templateId: 'out-of-hours-auto-reply',
    });
    expect(flow.revision).toBe(0);
    expect(flow.draft.name).toBe('Evening replies');
    expect(flow.draft.nodes.length).toBe(starterTemplates[1]?.draft.nodes.length);
    const list = await call(owner, 'GET', '/flows');
    expect((list.json() as { items: { id: string }[] }).items.map((f) => f.id)).toContain(flow.id);
    const bad = await call(owner, 'POST', '/flows', { name: 'x', kind: 'routing', templateId: 'nope' });
    expect(bad.statusCode).toBe(404);
    expect(json(bad).field).toBe('body/templateId');
  });

  it("starts a template's words in the owner's language; an unknown language is named", async () => {
    const zh = await createFlow({
      name: '晚间回复',
      kind: 'auto-reply',
      templateId: 'out-of-hours-auto-reply',
      language: 'zh',
    });
    const text = (flow: Awaited<ReturnType<typeof createFlow>>, id: string) =>
      flow.draft.nodes.find((n) => n.id === id)?.config.text;
    expect(text(zh, 'closed-reply')).toMatch(/不在营业时间/);
    expect(text(zh, 'ticket-number')).toBe('您的工单编号是 {{vars.ticketNumber}}。');
    const en = await createFlow({
      name: 'Evening',
      kind: 'auto-reply',
      templateId: 'out-of-hours-auto-reply',
    });
    expect(text(en, 'ticket-number')).toBe('Your reference number is {{vars.ticketNumber}}.');
    // The same flow either way: only its words differ.
    expect(zh.draft.edges).toEqual(en.draft.edges);
    const bad = await call(owner, 'POST', '/flows', {
      name: 'x',
      kind: 'auto-reply',
      templateId: 'out-of-hours-auto-reply',
      language: 'fr',
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).field).toBe('body/language');
  });

  it('saves drafts with optimistic concurrency: a stale revision gets 409 and the newer draft stays', async () => {
    const flow = await createFlow({ name: 'Greeting', kind: 'custom' });
    const draftA = {
      ...flow.draft,
      nodes: [...flow.draft.nodes, { id: 'hi', type: 'send-message', config: { text: 'A' } }],
    };
    const first = await call(owner, 'PUT', `/flows/${flow.id}/draft`, { revision: 0, draft: draftA });
    expect(first.statusCode, first.body).toBe(200);
    expect(json(first).revision).toBe(1);

    const draftB = {
      ...flow.draft,
      nodes: [...flow.draft.nodes, { id: 'hi', type: 'send-message', config: { text: 'B' } }],
    };
    const stale = await call(owner, 'PUT', `/flows/${flow.id}/draft`, { revision: 0, draft: draftB });
    expect(stale.statusCode).toBe(409);
    expect(json(stale)).toMatchObject({ code: 'KEFU_ERR_CONFLICT', field: 'body/revision' });

    const now = await call(owner, 'GET', `/flows/${flow.id}`);
    expect((now.json() as { revision: number }).revision).toBe(1);
    expect((now.json() as typeof flow).draft.nodes.find((n) => n.id === 'hi')?.config.text).toBe('A');
  });

  it('refuses a draft of the wrong shape, naming the field', async () => {
    const flow = await createFlow({ name: 'Shape', kind: 'custom' });
    const res = await call(owner, 'PUT', `/flows/${flow.id}/draft`, {
      revision: 0,
      draft: { ...flow.draft, kind: 'party' },
    });
    expect(res.statusCode).toBe(400);
    expect(json(res).field).toBe('body/draft/kind');
  });

  it('validates with every problem and refuses to publish a broken draft', async () => {
    const flow = await createFlow({ name: 'Broken', kind: 'custom' });
    const draft = {
      ...flow.draft,
      nodes: [...flow.draft.nodes, { id: 'hi', type: 'send-message', config: { text: '{{vars.nope}}' } }],
    };
    await call(owner, 'PUT', `/flows/${flow.id}/draft`, { revision: 0, draft });
    const check = await call(owner, 'POST', `/flows/${flow.id}/validate`);
    expect(check.statusCode).toBe(200);
    const problems = (
      check.json() as { ok: boolean; problems: { code: string; nodeId?: string; field: string }[] }
    ).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'port-unconnected', nodeId: 'start', field: '/ports/next' }),
        expect.objectContaining({ code: 'unreachable', nodeId: 'hi' }),
      ]),
    );
    const publish = await call(owner, 'POST', `/flows/${flow.id}/publish`, {});
    expect(publish.statusCode).toBe(422);
    expect(json(publish)).toMatchObject({
      code: 'KEFU_ERR_FLOW_INVALID',
      field: expect.stringMatching(/^draft\//),
    });
    expect((await call(owner, 'GET', `/flows/${flow.id}/versions`)).json()).toEqual({ items: [] });
  });

  it('publishes numbered immutable versions, diffs them and rolls back as a new version', async () => {
    const flow = await createFlow({ name: 'VIP', kind: 'routing', templateId: 'vip-routing' });
    const v1 = await call(owner, 'POST', `/flows/${flow.id}/publish`, { revision: 0 });
    expect(v1.statusCode, v1.body).toBe(201);
    expect(json(v1)).toMatchObject({
      version: 1,
      active: true,
      publishedBy: expect.stringContaining('@tea.example'),
    });

    const changed = structuredClone(flow.draft);
    const confirm = changed.nodes.find((n) => n.id === 'confirm') as { config: Record<string, unknown> };
    confirm.config.text = 'Thanks! Expect our mail at {{vars.email}}.';
    expect(
      (await call(owner, 'PUT', `/flows/${flow.id}/draft`, { revision: 0, draft: changed })).statusCode,
    ).toBe(200);
    const stalePublish = await call(owner, 'POST', `/flows/${flow.id}/publish`, { revision: 0 });
    expect(stalePublish.statusCode).toBe(409);
    const v2 = await call(owner, 'POST', `/flows/${flow.id}/publish`, { revision: 1 });
    expect(json(v2)).toMatchObject({ version: 2 });
    expect(json(v2).hash).not.toBe(json(v1).hash);

    const diff = await call(owner, 'GET', `/flows/${flow.id}/diff?from=1&to=2`);
    expect(diff.json()).toEqual({
      nodesAdded: [],
      nodesRemoved: [],
      nodesChanged: [{ nodeId: 'confirm', fields: ['/config/text'] }],
      edgesAdded: [],
      edgesRemoved: [],
    });

    const rollback = await call(owner, 'POST', `/flows/${flow.id}/rollback`, { version: 1 });
    expect(rollback.statusCode, rollback.body).toBe(201);
    expect(json(rollback)).toMatchObject({
      version: 3,
      rolledBackFrom: 1,
      hash: json(v1).hash,
      active: true,
    });

    const list = (await call(owner, 'GET', `/flows/${flow.id}/versions`)).json() as {
      items: { version: number; active: boolean }[];
    };
    expect(list.items.map((v) => [v.version, v.active])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    const one = await call(owner, 'GET', `/flows/${flow.id}/versions/1`);
    expect(compiledFlowValidator((one.json() as { compiled: unknown }).compiled)).toMatchObject({ ok: true });
    expect((await call(owner, 'GET', `/flows/${flow.id}/versions/9`)).statusCode).toBe(404);

    const me = (await call(owner, 'GET', '/session')).json() as { workspace: { id: string } };
    const audit = await app.models.AuditEntry.find({ workspaceId: me.workspace.id, targetId: flow.id })
      .setOptions({ allowScan: "a test's assertion" })
      .lean();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'flow.create',
      'flow.publish',
      'flow.publish',
      'flow.rollback',
    ]);

    // Immutable in the data layer too, not only by the API having no route for it.
    await expect(
      app.models.FlowVersion.updateOne(
        { workspaceId: me.workspace.id, flowId: flow.id, version: 1 },
        { $set: { hash: 'x' } },
      ),
    ).rejects.toThrow(/immutable/);
  });

  it('refuses to publish a flow naming a team or agent the workspace does not have, naming the node and field', async () => {
    const flow = await createFlow({ name: 'Refs', kind: 'routing' });
    const me = (await call(owner, 'GET', '/session')).json() as { user: { id: string } };
    const strangerMe = (await call(stranger, 'GET', '/session')).json() as { user: { id: string } };
    const draft = (route: string, ticket: Record<string, unknown>) => ({
      schemaVersion: 1,
      name: 'Refs',
      kind: 'routing',
      nodes: [
        { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
        {
          id: 'ticket',
          type: 'create-ticket',
          config: { subject: 'Call back', ...ticket },
          position: { x: 0, y: 100 },
        },
        { id: 'route', type: 'route-to-team', config: { teamId: route }, position: { x: 0, y: 200 } },
        { id: 'end', type: 'end', config: {}, position: { x: 0, y: 300 } },
      ],
      edges: [
        { source: 'start', sourcePort: 'next', target: 'ticket' },
        { source: 'ticket', sourcePort: 'next', target: 'route' },
        { source: 'route', sourcePort: 'no-agent', target: 'end' },
        { source: 'route', sourcePort: 'timeout', target: 'end' },
      ],
    });
    const save = async (d: unknown) => {
      const current = (await call(owner, 'GET', `/flows/${flow.id}`)).json() as { revision: number };
      const res = await call(owner, 'PUT', `/flows/${flow.id}/draft`, {
        revision: current.revision,
        draft: d,
      });
      expect(res.statusCode, res.body).toBe(200);
    };

    // A team that does not exist, an agent of another workspace.
    await save(draft('no-such-team', { teamId: 'support', assigneeId: strangerMe.user.id }));
    const refused = await call(owner, 'POST', `/flows/${flow.id}/publish`, {});
    expect(refused.statusCode).toBe(422);
    expect(json(refused)).toMatchObject({
      code: 'KEFU_ERR_FLOW_INVALID',
      field: 'draft/nodes/ticket/assigneeId',
    });
    const validated = (await call(owner, 'POST', `/flows/${flow.id}/validate`)).json() as {
      problems: { code: string; nodeId: string; field: string }[];
    };
    expect(validated.problems.map(({ code, nodeId, field }) => ({ code, nodeId, field }))).toEqual([
      { code: 'unknown-reference', nodeId: 'ticket', field: '/assigneeId' },
      { code: 'unknown-reference', nodeId: 'route', field: '/teamId' },
    ]);

    // The workspace's own team and agent pass.
    await save(draft('support', { teamId: 'support', assigneeId: me.user.id }));
    const published = await call(owner, 'POST', `/flows/${flow.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(201);
  });

  type Lineup = { trigger: string; flows: { id: string; name: string; entry: Record<string, unknown> }[] };
  async function lineupOf(trigger: string): Promise<string[]> {
    const res = await call(owner, 'GET', '/flow-lineups');
    expect(res.statusCode, res.body).toBe(200);
    const found = (res.json() as { items: Lineup[] }).items.find((l) => l.trigger === trigger);
    return found!.flows.map((f) => f.id);
  }
  const escalation = (name: string) =>
    createFlow({ name, kind: 'escalation', templateId: 'escalate-after-10-minutes' });
  const triggerOf = async (id: string) =>
    ((await call(owner, 'GET', `/flows/${id}`)).json() as { trigger: string }).trigger;

  it('keeps every published flow of a trigger live, in publish order; unpublish takes one off', async () => {
    const first = await escalation('Escalation A');
    const second = await escalation('Escalation B');
    await call(owner, 'POST', `/flows/${first.id}/publish`, {});
    await call(owner, 'POST', `/flows/${second.id}/publish`, {});
    const trigger = await triggerOf(first.id);
    const a = (await call(owner, 'GET', `/flows/${first.id}`)).json() as { activeVersion?: number };
    const b = (await call(owner, 'GET', `/flows/${second.id}`)).json() as { activeVersion?: number };
    expect([a.activeVersion, b.activeVersion]).toEqual([1, 1]);
    const before = await lineupOf(trigger);
    expect(before.indexOf(first.id)).toBeLessThan(before.indexOf(second.id));

    // Republishing keeps a flow's place; unpublishing takes it off and a later publish puts it last.
    await call(owner, 'POST', `/flows/${first.id}/publish`, {});
    expect(await lineupOf(trigger)).toEqual(before);
    const off = await call(owner, 'POST', `/flows/${first.id}/unpublish`);
    expect(off.statusCode, off.body).toBe(200);
    expect((off.json() as { activeVersion?: number }).activeVersion).toBeUndefined();
    expect(await lineupOf(trigger)).toEqual(before.filter((id) => id !== first.id));
    await call(owner, 'POST', `/flows/${first.id}/publish`, {});
    expect((await lineupOf(trigger)).at(-1)).toBe(first.id);
  });

  it('keeps every flow live when flows on one trigger are published at the same moment', async () => {
    const flows = await Promise.all(['C', 'D', 'E'].map((n) => escalation(`Race ${n}`)));
    const published = await Promise.all(flows.map((f) => call(owner, 'POST', `/flows/${f.id}/publish`, {})));
    expect(published.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const lineup = await lineupOf(await triggerOf(flows[0]!.id));
    for (const f of flows) expect(lineup.filter((id) => id === f.id)).toHaveLength(1);
  });

  it('moves live flows in their order; racing moves of different flows both land', async () => {
    const flows = await Promise.all(['F', 'G', 'H', 'I'].map((n) => escalation(`Order ${n}`)));
    for (const f of flows) await call(owner, 'POST', `/flows/${f.id}/publish`, {});
    const trigger = await triggerOf(flows[0]!.id);
    const move = (flowId: string, position: number) =>
      call(owner, 'POST', `/flow-lineups/${trigger}/moves`, { flowId, position });
    const [f, g, h, i] = flows.map((x) => x.id) as [string, string, string, string];
    const first = await move(i, 0);
    expect(first.statusCode, first.body).toBe(200);
    expect((first.json() as Lineup).flows[0]!.id).toBe(i);
    for (let round = 0; round < 3; round++) {
      const start = await lineupOf(trigger);
      // One owner puts F first while another puts G last: both moves are in the result.
      const answers = await Promise.all([move(f, 0), move(g, 499)]);
      expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
      const after = await lineupOf(trigger);
      expect(after[0]).toBe(f);
      expect(after.at(-1)).toBe(g);
      expect([...after].sort()).toEqual([...start].sort());
      await move(h, 0);
    }
  });

  it('refuses a move of a flow that is not live on that trigger, and an unknown trigger', async () => {
    const draftOnly = await escalation('Never published');
    const trigger = await triggerOf(draftOnly.id);
    const notLive = await call(owner, 'POST', `/flow-lineups/${trigger}/moves`, {
      flowId: draftOnly.id,
      position: 0,
    });
    expect(notLive.statusCode).toBe(404);
    expect(json(notLive)).toMatchObject({ code: 'KEFU_ERR_NOT_FOUND', field: 'body/flowId' });
    const unknown = await call(owner, 'POST', `/flow-lineups/${trigger}/moves`, {
      flowId: '0123456789abcdef01234567',
      position: 0,
    });
    expect(json(unknown)).toMatchObject({ statusCode: 404, field: 'body/flowId' });
    const badTrigger = await call(owner, 'POST', '/flow-lineups/whenever/moves', {
      flowId: draftOnly.id,
      position: 0,
    });
    expect(json(badTrigger)).toMatchObject({ statusCode: 400, field: 'params/trigger' });
    // Another workspace's live flow is unknown here.
    const other = await signUp('Third Shop', `third-${randomBytes(4).toString('hex')}@third.example`);
    const theirs = (
      await call(other, 'POST', '/flows', {
        name: 'Theirs',
        kind: 'escalation',
        templateId: 'escalate-after-10-minutes',
      })
    ).json() as { id: string };
    await call(other, 'POST', `/flows/${theirs.id}/publish`, {});
    const foreign = await call(owner, 'POST', `/flow-lineups/${trigger}/moves`, {
      flowId: theirs.id,
      position: 0,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('sets entry filters and refuses a bad one naming the field', async () => {
    const flow = await escalation('Filtered');
    const set = await call(owner, 'PUT', `/flows/${flow.id}/entry`, {
      channels: ['email'],
      hours: 'closed',
      contactTags: ['vip'],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((set.json() as { entry: unknown }).entry).toEqual({
      channels: ['email'],
      hours: 'closed',
      contactTags: ['vip'],
    });
    for (const [body, field] of [
      [{ hours: 'sometimes' }, 'body/hours'],
      [{ channels: ['fax'] }, 'body/channels/0'],
      [{ contactTags: [''] }, 'body/contactTags/0'],
      [{ language: 'en' }, 'body/language'],
    ] as const) {
      const res = await call(owner, 'PUT', `/flows/${flow.id}/entry`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(json(res).field).toBe(field);
    }
    expect(((await call(owner, 'GET', `/flows/${flow.id}`)).json() as { entry: unknown }).entry).toEqual({
      channels: ['email'],
      hours: 'closed',
      contactTags: ['vip'],
    });
    const foreign = await call(stranger, 'PUT', `/flows/${flow.id}/entry`, {});
    expect(foreign.statusCode).toBe(404);
  });

  /** A member of the owner's workspace with `roles`, through the invite flow. */
  async function member(roles: string[]): Promise<string> {
    const email = `${roles.join('-')}-${randomBytes(4).toString('hex')}@tea.example`;
    const invite = await call(owner, 'POST', '/invites', { email, roles });
    expect(invite.statusCode, invite.body).toBe(201);
    const token = new URL((invite.json() as { link: string }).link).searchParams.get('token');
    const accepted = await app.inject({
      method: 'POST',
      url: '/invites/accept',
      payload: { token, name: roles.join(' '), password: 'another long password' },
    });
    const set = [accepted.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('kefu_session='));
    if (!set) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
    return set.split(';')[0] as string;
  }

  it('lets analysts read flows and versions but not change them; agents do not see flows', async () => {
    const flow = await createFlow({ name: 'Survey', kind: 'survey', templateId: 'csat-after-resolution' });
    expect((await call(owner, 'POST', `/flows/${flow.id}/publish`, {})).statusCode).toBe(201);
    const analyst = await member(['analyst']);
    expect((await call(analyst, 'GET', `/flows/${flow.id}`)).statusCode).toBe(200);
    expect((await call(analyst, 'GET', `/flows/${flow.id}/versions/1`)).statusCode).toBe(200);
    expect((await call(analyst, 'POST', `/flows/${flow.id}/validate`)).statusCode).toBe(200);
    const write = await call(analyst, 'PUT', `/flows/${flow.id}/draft`, { revision: 0, draft: flow.draft });
    expect(write.statusCode).toBe(403);
    expect(json(write).code).toBe('KEFU_ERR_FORBIDDEN');
    expect((await call(analyst, 'POST', `/flows/${flow.id}/publish`, {})).statusCode).toBe(403);
    expect((await call(analyst, 'POST', '/flows', { name: 'x', kind: 'custom' })).statusCode).toBe(403);
    expect((await call(analyst, 'GET', '/flow-lineups')).statusCode).toBe(200);
    expect((await call(analyst, 'POST', `/flows/${flow.id}/unpublish`)).statusCode).toBe(403);
    expect((await call(analyst, 'PUT', `/flows/${flow.id}/entry`, {})).statusCode).toBe(403);
    const agent = await member(['agent']);
    expect((await call(agent, 'GET', '/flows')).statusCode).toBe(403);
  });

  it("hides one workspace's flows from another", async () => {
    const flow = await createFlow({ name: 'Private', kind: 'custom' });
    const res = await call(stranger, 'GET', `/flows/${flow.id}`);
    expect(res.statusCode).toBe(404);
    expect((await call(stranger, 'POST', `/flows/${flow.id}/publish`, {})).statusCode).toBe(404);
    expect(((await call(stranger, 'GET', '/flows')).json() as { items: unknown[] }).items).toEqual([]);
  });
});
