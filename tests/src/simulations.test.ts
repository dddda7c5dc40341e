import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDraft } from '@kefu/schemas';
import type { Page, Run, Simulation, SimulationStarted } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop, type Shop } from './support/shop';

/** A draft that greets, asks, waits an hour, then hands over to a team: every kind of wait. */
const draft: FlowDraft = {
  schemaVersion: 1,
  name: 'simulated',
  kind: 'custom',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    { id: 'hello', type: 'send-message', config: { text: 'Hello {{contact.name}}' } },
    {
      id: 'ask',
      type: 'ask-question',
      config: { question: 'Your order number?', saveAs: 'order', answerType: 'number', timeoutMinutes: 30 },
    },
    { id: 'wait', type: 'wait', config: { amount: 1, unit: 'hours' } },
    { id: 'route', type: 'route-to-team', config: { teamId: 'support', timeoutMinutes: 10 } },
    { id: 'assigned', type: 'send-message', config: { text: 'An agent has it: order {{vars.order}}' } },
    { id: 'nobody', type: 'send-message', config: { text: 'nobody' } },
    { id: 'late', type: 'send-message', config: { text: 'too late' } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'hello' },
    { source: 'hello', sourcePort: 'next', target: 'ask' },
    { source: 'ask', sourcePort: 'answered', target: 'wait' },
    { source: 'ask', sourcePort: 'invalid', target: 'late' },
    { source: 'ask', sourcePort: 'timeout', target: 'late' },
    { source: 'wait', sourcePort: 'next', target: 'route' },
    { source: 'route', sourcePort: 'assigned', target: 'assigned' },
    { source: 'route', sourcePort: 'no-agent', target: 'nobody' },
    { source: 'route', sourcePort: 'timeout', target: 'late' },
  ],
};

// The designer's simulator over HTTP, on the real worker: test runs that stay out of the shop's lists.
describe('simulations API', () => {
  let product: RunningProduct;
  let shop: Shop;
  let other: Shop;
  let flowId: string;
  const api = <T>(who: Shop | null, method: string, path: string, body?: unknown) =>
    callApi<T>(product.url, who, method, path, body);
  /** A user of the shop's workspace with one role, invited and signed in over HTTP. */
  const colleague = async (role: 'analyst' | 'agent'): Promise<Shop> => {
    const invited = await api<{ link: string }>(shop, 'POST', '/invites', {
      email: `${role}-${Date.now()}@example.com`,
      roles: [role],
    });
    expect(invited.status).toBe(201);
    const token = new URL(invited.body.link).searchParams.get('token');
    const accepted = await fetch(`${product.url}/invites/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, name: role, password: 'correct horse battery staple' }),
    });
    expect(accepted.status).toBe(201);
    const cookie = accepted.headers.getSetCookie().find((c) => c.startsWith('kefu_session='));
    return { ...shop, cookie: cookie!.split(';')[0]! };
  };
  const state = async (id: string) => (await api<Simulation>(shop, 'GET', `/simulations/${id}`)).body;

  beforeAll(async () => {
    product = await startProduct();
    [shop, other] = [await signUpShop(product.url, 'sim-a'), await signUpShop(product.url, 'sim-b')];
    const created = await api<{ id: string; revision: number }>(shop, 'POST', '/flows', {
      name: 'sim',
      kind: 'custom',
    });
    flowId = created.body.id;
    const saved = await api(shop, 'PUT', `/flows/${flowId}/draft`, {
      revision: created.body.revision,
      draft,
    });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('runs the saved draft: chat, variables, skipped timers and a simulated agent, then keeps it out of the lists', async () => {
    const started = await api<SimulationStarted>(shop, 'POST', `/flows/${flowId}/simulations`);
    expect(started.status).toBe(201);
    const id = started.body.id;

    await expect.poll(async () => (await state(id)).waiting?.for).toBe('reply');
    let sim = await state(id);
    expect(sim.nodeId).toBe('ask');
    expect(sim.messages.map((m) => m.text)).toEqual(['Hello Test customer', 'Your order number?']);
    // History is written in the background when the run starts to wait (history-buffer.ts).
    await expect.poll(async () => (await state(id)).steps.map((s) => s.nodeId)).toEqual(['start', 'hello']);

    const said = await api(shop, 'POST', `/simulations/${id}/messages`, { text: '42' });
    expect(said.status).toBe(201);
    await expect.poll(async () => (await state(id)).waiting?.for).toBe('timer');
    sim = await state(id);
    expect(sim).toMatchObject({ nodeId: 'wait', vars: { order: 42 } });

    // An hour's wait ends on the owner's word.
    expect((await api(shop, 'POST', `/simulations/${id}/skip`)).status).toBe(200);
    await expect.poll(async () => (await state(id)).waiting?.for).toBe('agent');
    expect((await state(id)).nodeId).toBe('route');

    expect((await api(shop, 'POST', `/simulations/${id}/accept`)).status).toBe(200);
    await expect.poll(async () => (await state(id)).status).toBe('completed');
    sim = await state(id);
    expect(sim.messages.at(-1)?.text).toBe('An agent has it: order 42');
    expect(sim.steps.map((s) => [s.nodeId, s.port])).toEqual([
      ['start', 'next'],
      ['hello', 'next'],
      ['ask', 'answered'],
      ['wait', 'next'],
      ['route', 'assigned'],
      ['assigned', 'next'],
    ]);
    expect(sim.nodeId).toBeNull();

    // Nothing reached the shop: no offer, no ticket; the run and conversation are hidden by default.
    expect(await product.models.Offer.countDocuments({ workspaceId: shop.workspaceId })).toBe(0);
    expect((await api<Page<Run>>(shop, 'GET', '/runs')).body.items).toEqual([]);
    const tests = (await api<Page<Run>>(shop, 'GET', '/runs?test=true')).body.items;
    expect(tests).toMatchObject([{ conversationId: id, version: 0, test: true, status: 'completed' }]);
    expect((await api<Page<unknown>>(shop, 'GET', '/conversations')).body.items).toEqual([]);
    expect((await api<Page<unknown>>(shop, 'GET', '/contacts')).body.items).toEqual([]);

    // An ended simulation says so instead of swallowing what is said to it.
    const late = await api<{ code: string }>(shop, 'POST', `/simulations/${id}/messages`, { text: 'hello?' });
    expect(late.status).toBe(409);
    expect((await api<{ code: string }>(shop, 'POST', `/simulations/${id}/accept`)).status).toBe(409);
  });

  it('refuses a draft with problems and names the first', async () => {
    const broken = await api<{ id: string; revision: number }>(shop, 'POST', '/flows', {
      name: 'broken',
      kind: 'custom',
    });
    const nodes = [
      ...draft.nodes.filter((n) => n.id !== 'hello'),
      { id: 'hello', type: 'send-message', config: { text: '' } },
    ];
    await api(shop, 'PUT', `/flows/${broken.body.id}/draft`, {
      revision: broken.body.revision,
      draft: { ...draft, nodes },
    });
    const res = await api<{ code: string; field: string; message: string }>(
      shop,
      'POST',
      `/flows/${broken.body.id}/simulations`,
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'KEFU_ERR_FLOW_INVALID',
      field: expect.stringContaining('hello'),
    });
  });

  it("keeps each workspace's simulations to its owners", async () => {
    const started = await api<SimulationStarted>(shop, 'POST', `/flows/${flowId}/simulations`);
    const id = started.body.id;
    // Another workspace can neither start one on this flow nor see or drive this one.
    expect((await api(other, 'POST', `/flows/${flowId}/simulations`)).status).toBe(404);
    expect((await api(other, 'GET', `/simulations/${id}`)).status).toBe(404);
    expect((await api(other, 'POST', `/simulations/${id}/messages`, { text: 'hi' })).status).toBe(404);
    expect((await api(other, 'POST', `/simulations/${id}/skip`)).status).toBe(404);
    expect((await api(null, 'GET', `/simulations/${id}`)).status).toBe(401);
    // A real conversation is not a simulation.
    const conversation = await product.models.Conversation.create({
      workspaceId: shop.workspaceId,
      contactId: started.body.contactId,
      channel: 'web',
    });
    expect((await api(shop, 'POST', `/simulations/${String(conversation._id)}/skip`)).status).toBe(404);

    // An analyst or an agent of the same workspace may not simulate (analysts do read flows).
    const analyst = await colleague('analyst');
    const agent = await colleague('agent');
    expect((await api(analyst, 'GET', `/flows/${flowId}`)).status).toBe(200);
    for (const who of [analyst, agent]) {
      expect((await api(who, 'POST', `/flows/${flowId}/simulations`)).status).toBe(403);
      expect((await api(who, 'GET', `/simulations/${id}`)).status).toBe(403);
      expect((await api(who, 'POST', `/simulations/${id}/accept`)).status).toBe(403);
    }

    expect((await api(shop, 'POST', `/simulations/${id}/stop`)).status).toBe(200);
    await expect.poll(async () => (await api(shop, 'POST', `/simulations/${id}/skip`)).status).toBe(409);
  });
});
