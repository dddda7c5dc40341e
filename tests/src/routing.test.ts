import { inviteAgent, ownerOf } from './support/invite-agent';
import { signUpShop } from './support/shop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFlow } from '@kefu/nodes/compiler';
import { publishSeedFlow } from '@kefu/runtime';
import type { Models } from '@kefu/runtime/models';
import type { FlowDraft } from '@kefu/schemas';
import type { AgentProfileWire, OfferWire, Page, Run, RunTimeline, TeamWire } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { WidgetSocket, isBotText } from './support/widget-socket';

/**
 * Routing end to end on the real API, worker, Temporal and FerretDB: a route-to-team step offers
 * the conversation to an online agent, who accepts over HTTP, and the same run goes on down
 * "assigned"; nobody online takes "no agent"; an offer nobody accepts expires with the step's timer.
 */
const routeFlow = (timeoutMinutes: number): FlowDraft => ({
  schemaVersion: 1,
  name: 'Route to support',
  kind: 'custom',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    {
      id: 'route',
      type: 'route-to-team',
      config: {
        teamId: 'support',
        strategy: 'least-loaded',
        timeoutMinutes,
        waitingMessage: 'Finding a teammate.',
      },
    },
    { id: 'assigned', type: 'send-message', config: { text: 'You are now talking to a person.' } },
    { id: 'nobody', type: 'send-message', config: { text: 'Nobody is online right now.' } },
    { id: 'late', type: 'send-message', config: { text: 'Nobody answered in time.' } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'route' },
    { source: 'route', sourcePort: 'assigned', target: 'assigned' },
    { source: 'route', sourcePort: 'no-agent', target: 'nobody' },
    { source: 'route', sourcePort: 'timeout', target: 'late' },
  ],
});

/**
 * Shop C's flow waits three seconds for acceptance. The designer's minimum is a minute, so the
 * test compiles the flow and shortens the wait in the compiled version it publishes.
 */
async function publishWithShortWait(models: Models, workspaceId: string): Promise<void> {
  const draft = routeFlow(1);
  const result = compileFlow(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const compiled = structuredClone(result.flow);
  (compiled.nodes.route!.config as { timeoutMinutes: number }).timeoutMinutes = 0.05;
  const flow = await models.Flow.create({
    workspaceId,
    name: draft.name,
    kind: draft.kind,
    draft,
    trigger: 'conversation-started',
  });
  await models.FlowVersion.create({
    workspaceId,
    flowId: flow._id,
    version: 1,
    hash: compiled.hash,
    compiled,
    publishedBy: 'test',
  });
  await models.Flow.updateOne({ _id: flow._id, workspaceId }, { $set: { activeVersion: 1 } });
}

const escalateFlow: FlowDraft = {
  schemaVersion: 1,
  name: 'Escalate at once',
  kind: 'custom',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    {
      id: 'up',
      type: 'escalate',
      config: { priority: 'urgent', teamId: 'support', note: 'VIP {{contact.name}}' },
    },
    { id: 'told', type: 'send-message', config: { text: 'A supervisor has been told.' } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'up' },
    { source: 'up', sourcePort: 'next', target: 'told' },
  ],
};

interface Person {
  cookie: string;
  userId: string;
  workspaceId: string;
  publicKey: string;
}

describe('routing conversations to agents', () => {
  let product: RunningProduct;
  let ownerA: Person;
  let agentA: Person;
  let ownerB: Person;
  let ownerC: Person;
  let stamp = 0;

  const call = async <T>(who: Person | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${product.url}${path}`, {
      method,
      headers: {
        ...(who ? { cookie: who.cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const signUp = async (label: string): Promise<Person> =>
    await ownerOf(product.url, await signUpShop(product.url, label));
  const invite = async (boss: Person, label: string): Promise<Person> =>
    await inviteAgent(product.url, boss, label);

  async function customer(shop: Person, visitor: string) {
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello(`${visitor}-${stamp++}`, shop.publicKey);
    return { socket, conversationId: session.conversationId };
  }

  async function timeline(owner: Person, conversationId: string, port: string) {
    let run: Run | undefined;
    await expect
      .poll(async () => {
        run = (await call<Page<Run>>(owner, 'GET', `/runs?conversationId=${conversationId}`)).body.items[0];
        return run?.status;
      })
      .toBe('completed');
    const { body } = await call<RunTimeline>(owner, 'GET', `/runs/${run!.id}`);
    expect(body.steps.find((s) => s.nodeId === 'route')?.port).toBe(port);
    return body;
  }

  beforeAll(async () => {
    product = await startProduct();
    [ownerA, ownerB, ownerC] = [await signUp('route-a'), await signUp('route-b'), await signUp('route-c')];
    agentA = await invite(ownerA, 'route-a');
    await publishSeedFlow(product.models, ownerA.workspaceId, routeFlow(5));
    await publishWithShortWait(product.models, ownerC.workspaceId);
    await publishSeedFlow(product.models, ownerB.workspaceId, escalateFlow);
    for (const [owner, members] of [
      [ownerA, [agentA.userId]],
      [ownerB, [ownerB.userId]],
      [ownerC, [ownerC.userId]],
    ] as const) {
      const team = await call<TeamWire>(owner, 'POST', '/teams', {
        key: 'support',
        name: 'Support',
        members,
      });
      expect(team.status).toBe(201);
    }
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('takes the no-agent path when nobody of the team is online', async () => {
    expect((await call<AgentProfileWire>(agentA, 'GET', '/agents/me')).body.presence).toBe('offline');
    const { socket, conversationId } = await customer(ownerA, 'nobody');
    await socket.next(isBotText(/Nobody is online/));
    expect(
      await product.models.Offer.countDocuments({ workspaceId: ownerA.workspaceId, conversationId }),
    ).toBe(0);
    const steps = (await timeline(ownerA, conversationId, 'no-agent')).steps;
    // The why-trace names the team's agent and why routing passed them over.
    expect(steps.find((s) => s.nodeId === 'route')?.why).toMatchObject({
      kind: 'routing',
      teamId: 'support',
      noAgent: 'nobody-eligible',
      candidates: [{ agentId: agentA.userId, outcome: 'offline' }],
    });
    await socket.close();
  });

  it('offers the chat to the online agent, who accepts; the run goes on as assigned', async () => {
    const online = await call<AgentProfileWire>(agentA, 'PATCH', '/agents/me', {
      presence: 'online',
      maxConcurrent: 2,
    });
    expect(online).toMatchObject({ status: 200, body: { presence: 'online', maxConcurrent: 2, load: 0 } });

    const { socket, conversationId } = await customer(ownerA, 'routed');
    await socket.next(isBotText(/Finding a teammate/));
    const offers = (await call<Page<OfferWire>>(agentA, 'GET', '/agents/me/offers')).body.items;
    expect(offers).toHaveLength(1);
    const offer = offers[0]!;
    expect(offer).toMatchObject({ conversationId, agentId: agentA.userId, status: 'offered' });
    // The offer holds one of the agent's slots while it waits.
    expect((await call<AgentProfileWire>(agentA, 'GET', '/agents/me')).body.load).toBe(1);

    // Another workspace's agent, and another agent of the same workspace, cannot take it.
    const foreign = await call<{ code: string; field: string }>(ownerB, 'POST', `/offers/${offer.id}/accept`);
    expect(foreign).toMatchObject({ status: 404, body: { code: 'KEFU_ERR_NOT_FOUND', field: 'params/id' } });
    expect((await call(ownerA, 'POST', `/offers/${offer.id}/accept`)).status).toBe(404);
    expect((await call(null, 'POST', `/offers/${offer.id}/accept`)).status).toBe(401);

    const accepted = await call<OfferWire>(agentA, 'POST', `/offers/${offer.id}/accept`);
    expect(accepted).toMatchObject({ status: 200, body: { id: offer.id, status: 'accepted' } });
    await socket.next(isBotText(/talking to a person/));
    const conversation = await product.models.Conversation.findOne({
      _id: conversationId,
      workspaceId: ownerA.workspaceId,
    });
    expect(String(conversation?.assignee?.agentId)).toBe(agentA.userId);
    const steps = (await timeline(ownerA, conversationId, 'assigned')).steps;
    expect(steps.find((s) => s.nodeId === 'route')?.decision).toContain(agentA.userId);
    expect(steps.find((s) => s.nodeId === 'route')?.why).toMatchObject({
      offeredTo: agentA.userId,
      acceptedBy: agentA.userId,
      candidates: [{ agentId: agentA.userId, outcome: 'chosen', load: 0, maxConcurrent: 2 }],
    });

    // Accepting again is harmless; declining what was accepted is refused with its field.
    expect((await call(agentA, 'POST', `/offers/${offer.id}/accept`)).status).toBe(200);
    const late = await call<{ code: string; field: string }>(agentA, 'POST', `/offers/${offer.id}/decline`);
    expect(late).toMatchObject({ status: 409, body: { code: 'KEFU_ERR_CONFLICT', field: 'params/id' } });
    expect((await call<Page<OfferWire>>(agentA, 'GET', '/agents/me/offers')).body.items).toEqual([]);
    expect((await call<AgentProfileWire>(agentA, 'GET', '/agents/me')).body.load).toBe(1);
    await socket.close();
  });

  it('passes a declined offer to the next agent, and releases it when that agent goes offline', async () => {
    const second = await invite(ownerA, 'route-a2');
    const team = (await call<Page<TeamWire>>(ownerA, 'GET', '/teams')).body.items.find(
      (t) => t.key === 'support',
    )!;
    const members = [agentA.userId, second.userId];
    expect((await call<TeamWire>(ownerA, 'PATCH', `/teams/${team.id}`, { members })).body.members).toEqual(
      members,
    );
    await call(second, 'PATCH', '/agents/me', { presence: 'online' });

    const { socket, conversationId } = await customer(ownerA, 'declined');
    await socket.next(isBotText(/Finding a teammate/));
    // agentA still has the chat accepted above: the idle second agent is offered this one.
    const [offer] = (await call<Page<OfferWire>>(second, 'GET', '/agents/me/offers')).body.items;
    expect(offer?.conversationId).toBe(conversationId);
    expect((await call(ownerB, 'POST', `/offers/${offer!.id}/decline`)).status).toBe(404);
    expect((await call<OfferWire>(second, 'POST', `/offers/${offer!.id}/decline`)).body.status).toBe(
      'declined',
    );
    expect((await call<Page<OfferWire>>(second, 'GET', '/agents/me/offers')).body.items).toEqual([]);
    const handed = (await call<Page<OfferWire>>(agentA, 'GET', '/agents/me/offers')).body.items;
    expect(handed.map((o) => o.id)).toEqual([offer!.id]);
    expect((await call<AgentProfileWire>(agentA, 'GET', '/agents/me')).body.load).toBe(2);

    // Going offline hands it on; the only other agent already declined, so it is released.
    expect(
      (await call<AgentProfileWire>(agentA, 'PATCH', '/agents/me', { presence: 'offline' })).body,
    ).toMatchObject({ presence: 'offline', load: 1 });
    const stored = await product.models.Offer.findOne({ workspaceId: ownerA.workspaceId, _id: offer!.id });
    expect(stored?.status).toBe('released');
    expect((await call(agentA, 'POST', `/offers/${offer!.id}/accept`)).status).toBe(409);
    await socket.close();
  });

  it('expires an offer nobody accepts when the step times out, and frees the slot', async () => {
    expect((await call(ownerC, 'PATCH', '/agents/me', { presence: 'online' })).status).toBe(200);
    const { socket, conversationId } = await customer(ownerC, 'ignored');
    await socket.next(isBotText(/Finding a teammate/));
    const [offer] = (await call<Page<OfferWire>>(ownerC, 'GET', '/agents/me/offers')).body.items;
    expect(offer?.conversationId).toBe(conversationId);
    await socket.next(isBotText(/Nobody answered in time/));
    await timeline(ownerC, conversationId, 'timeout');
    const stored = await product.models.Offer.findOne({ workspaceId: ownerC.workspaceId, _id: offer!.id });
    expect(stored?.status).toBe('expired');
    expect((await call<AgentProfileWire>(ownerC, 'GET', '/agents/me')).body.load).toBe(0);
    const tooLate = await call<{ code: string }>(ownerC, 'POST', `/offers/${offer!.id}/accept`);
    expect(tooLate).toMatchObject({ status: 409, body: { code: 'KEFU_ERR_CONFLICT' } });
    await socket.close();
  });

  it("escalates: raises the conversation's priority, moves it to the team and leaves the note", async () => {
    const { socket, conversationId } = await customer(ownerB, 'escalated');
    await socket.next(isBotText(/supervisor has been told/));
    const conversation = await product.models.Conversation.findOne({
      _id: conversationId,
      workspaceId: ownerB.workspaceId,
    });
    const team = await product.models.Team.findOne({ workspaceId: ownerB.workspaceId, key: 'support' });
    expect(conversation?.priority).toBe('urgent');
    expect(String(conversation?.teamId)).toBe(String(team?._id));
    expect(conversation?.escalation).toMatchObject({
      notifySupervisor: true,
      note: expect.stringMatching(/^VIP/),
    });
    await socket.close();
  });

  it('refuses bad team and presence input with the field that is wrong', async () => {
    const dup = await call<{ field: string }>(ownerA, 'POST', '/teams', { key: 'support', name: 'Again' });
    expect(dup).toMatchObject({ status: 409, body: { field: 'body/key' } });
    const stranger = await call<{ field: string }>(ownerA, 'POST', '/teams', {
      key: 'vip',
      name: 'VIP',
      members: [ownerB.userId],
    });
    expect(stranger).toMatchObject({ status: 400, body: { field: 'body/members' } });
    const presence = await call<{ field: string }>(agentA, 'PATCH', '/agents/me', { presence: 'asleep' });
    expect(presence.status).toBe(400);
    expect(presence.body.field).toContain('presence');
    expect((await call(agentA, 'POST', '/teams', { key: 'mine', name: 'Mine' })).status).toBe(403);
    expect((await call(ownerB, 'PATCH', `/agents/${agentA.userId}`, { skills: ['x'] })).status).toBe(404);
    const skilled = await call<AgentProfileWire>(ownerA, 'PATCH', `/agents/${agentA.userId}`, {
      skills: ['billing'],
    });
    expect(skilled).toMatchObject({ status: 200, body: { userId: agentA.userId, skills: ['billing'] } });
    const listed = (await call<Page<AgentProfileWire>>(ownerA, 'GET', '/agents')).body.items;
    expect(listed.find((p) => p.userId === agentA.userId)).toMatchObject({ skills: ['billing'], load: 1 });
    expect(
      (await call<Page<AgentProfileWire>>(ownerB, 'GET', '/agents')).body.items.map((p) => p.userId),
    ).not.toContain(agentA.userId);
    expect((await call(agentA, 'GET', '/agents')).status).toBe(403);
  });
});
