import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTemplate } from '@kefu/nodes/templates';
import type { FlowDraft } from '@kefu/schemas';
import type { Simulation, SimulationStartBody, SimulationStarted } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop, type Shop } from './support/shop';

/** Saturday 23:00 and Wednesday 10:00 in the templates' zone: closed and open by their hours. */
const SATURDAY_NIGHT = { date: '2026-12-05', time: '23:00', timeZone: 'Asia/Shanghai' };
const WEDNESDAY_MORNING = { date: '2026-12-09', time: '10:00', timeZone: 'Asia/Shanghai' };

/** What the owner does in the simulator at a wait, in order. */
type Move =
  | { say: string }
  | 'accept' // an agent accepts the offer
  | 'resolve' // the agent resolves the conversation
  | 'skip'; // time runs out (nobody accepts, nobody resolves, no answer)

interface Scenario {
  name: string;
  start: SimulationStartBody;
  moves: Move[];
}

/**
 * The simulator reaches every branch of the four starter templates, on the real API, worker,
 * Temporal and FerretDB: each template's scenarios are played over the simulations API, and every
 * port of every node that the template connects must have been taken by one of them.
 */
describe('simulator reaches every branch of the templates', () => {
  let product: RunningProduct;
  let shop: Shop;
  const api = <T>(method: string, path: string, body?: unknown) =>
    callApi<T>(product.url, shop, method, path, body);
  const state = async (id: string) => (await api<Simulation>('GET', `/simulations/${id}`)).body;

  beforeAll(async () => {
    product = await startProduct();
    shop = await signUpShop(product.url, 'sim-branches');
    const article = await api('POST', '/kb/articles', {
      question: 'How long does delivery take?',
      answer: 'Three working days.',
      locale: 'en',
    });
    expect(article.status).toBe(201);
  });
  afterAll(async () => {
    await product?.stop();
  });

  async function flowFrom(templateId: string): Promise<string> {
    const template = findTemplate(templateId)!;
    const created = await api<{ id: string }>('POST', '/flows', {
      name: template.draft.name,
      kind: template.kind,
      templateId,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  /** Where a run is: changes once a move has been taken (a new node or wait, a bot message, the end). */
  const where = (s: Simulation) =>
    [
      s.status,
      s.nodeId,
      s.waiting?.for,
      s.waiting?.offerId,
      s.messages.filter((m) => m.author === 'bot').length,
    ].join('|');

  /** Plays a scenario to the end of its run; the (node, port) pairs its steps took. */
  async function play(flowId: string, scenario: Scenario): Promise<string[]> {
    const started = await api<SimulationStarted>('POST', `/flows/${flowId}/simulations`, scenario.start);
    expect(started.status, scenario.name).toBe(201);
    const id = started.body.id;
    for (const move of scenario.moves) {
      // Each move answers a wait: the run must be waiting first.
      await expect.poll(async () => (await state(id)).waiting, { message: scenario.name }).not.toBeNull();
      const before = where(await state(id));
      const res =
        typeof move === 'object'
          ? await api('POST', `/simulations/${id}/messages`, { text: move.say })
          : await api('POST', `/simulations/${id}/${move}`);
      expect(res.status, `${scenario.name}: ${JSON.stringify(move)}`).toBeLessThan(300);
      await expect.poll(async () => where(await state(id)), { message: scenario.name }).not.toBe(before);
    }
    await expect.poll(async () => (await state(id)).status, { message: scenario.name }).toBe('completed');
    return (await state(id)).steps.map((s) => `${s.nodeId}.${s.port}`);
  }

  async function expectEveryBranch(templateId: string, scenarios: Scenario[]): Promise<void> {
    const flowId = await flowFrom(templateId);
    const taken = new Set<string>();
    for (const scenario of scenarios) for (const pair of await play(flowId, scenario)) taken.add(pair);
    const branches = findTemplate(templateId)!.draft.edges.map((e) => `${e.source}.${e.sourcePort}`);
    expect(branches.filter((b) => !taken.has(b))).toEqual([]);
  }

  it('VIP routing: open and closed, VIP or not, agents accept, nobody online, resolve, every rating', async () => {
    const vip = { tags: ['vip'], name: 'Mei' };
    await expectEveryBranch('vip-routing', [
      {
        name: 'vip, accepted, resolved, rated 5',
        start: { clock: WEDNESDAY_MORNING, contact: vip },
        moves: ['accept', 'resolve', { say: '5' }],
      },
      {
        name: 'not vip, accepted, rated 1',
        start: { clock: WEDNESDAY_MORNING },
        moves: ['accept', 'resolve', { say: '1' }],
      },
      {
        name: 'accepted, resolved, no rating',
        start: { clock: WEDNESDAY_MORNING },
        moves: ['accept', 'resolve', 'skip'],
      },
      {
        name: 'accepted, never resolved',
        start: { clock: WEDNESDAY_MORNING },
        moves: ['accept', 'skip'],
      },
      {
        name: 'vip, nobody online, leaves an email',
        start: { clock: WEDNESDAY_MORNING, contact: vip, agentsOnline: false },
        moves: [{ say: 'mei@example.com' }],
      },
      {
        name: 'vip, nobody accepts twice, no email twice',
        start: { clock: WEDNESDAY_MORNING, contact: vip },
        moves: ['skip', 'skip', { say: 'no' }, { say: 'still no' }],
      },
      { name: 'Saturday night, no answer', start: { clock: SATURDAY_NIGHT }, moves: ['skip'] },
    ]);
  });

  it('out-of-hours auto-reply: answered from the knowledge base, not found, and closed', async () => {
    await expectEveryBranch('out-of-hours-auto-reply', [
      {
        name: 'open, known question',
        start: { clock: WEDNESDAY_MORNING, message: 'How long does delivery take?' },
        moves: [],
      },
      {
        name: 'open, unknown question',
        start: { clock: WEDNESDAY_MORNING, message: 'Qwertyuiop zxcvb' },
        moves: [],
      },
      { name: 'Saturday night', start: { clock: SATURDAY_NIGHT, message: 'Hello?' }, moves: [] },
    ]);
  });

  it('escalation: accepted at once, by a supervisor, nobody online, nobody accepts', async () => {
    await expectEveryBranch('escalate-after-10-minutes', [
      { name: 'support accepts', start: {}, moves: ['accept'] },
      { name: 'a supervisor accepts', start: {}, moves: ['skip', 'accept'] },
      { name: 'nobody online', start: { agentsOnline: false }, moves: [] },
      { name: 'nobody accepts', start: {}, moves: ['skip', 'skip'] },
    ]);
  });

  it('CSAT after resolution: happy, unhappy, silent', async () => {
    await expectEveryBranch('csat-after-resolution', [
      { name: 'rated 5', start: {}, moves: [{ say: '5' }, { say: 'Fast, thanks' }] },
      { name: 'rated 2', start: {}, moves: [{ say: '2' }, { say: 'Slow' }] },
      { name: 'no answer', start: {}, moves: ['skip'] },
    ]);
  });

  it('HTTP steps: a mocked success, a mocked failure and a real call take both branches', async () => {
    const draft: FlowDraft = {
      schemaVersion: 1,
      name: 'http',
      kind: 'custom',
      nodes: [
        { id: 'start', type: 'conversation-started', config: {} },
        {
          id: 'crm',
          type: 'http-request',
          config: { method: 'GET', url: 'https://crm.kefu-sim.invalid/orders', retries: 0, saveAs: 'order' },
        },
        {
          id: 'ok',
          type: 'send-message',
          config: { text: 'Order: {{vars.order}}' },
        },
        { id: 'down', type: 'send-message', config: { text: 'The order system is down' } },
      ],
      edges: [
        { source: 'start', sourcePort: 'next', target: 'crm' },
        { source: 'crm', sourcePort: 'success', target: 'ok' },
        { source: 'crm', sourcePort: 'failure', target: 'down' },
      ],
    };
    const created = await api<{ id: string; revision: number }>('POST', '/flows', {
      name: 'http',
      kind: 'custom',
    });
    const saved = await api('PUT', `/flows/${created.body.id}/draft`, {
      revision: created.body.revision,
      draft,
    });
    expect(saved.status).toBe(200);
    const run = async (start: SimulationStartBody) => {
      const started = await api<SimulationStarted>('POST', `/flows/${created.body.id}/simulations`, start);
      expect(started.status).toBe(201);
      await expect.poll(async () => (await state(started.body.id)).status).toBe('completed');
      return state(started.body.id);
    };

    const ok = await run({
      http: { crm: { mode: 'mock', status: 200, body: '{"id":"QY12345678","status":"shipped"}' } },
    });
    // The step keeps the answer's body as it came (the node saves the text).
    expect(ok.messages.map((m) => m.text)).toEqual(['Order: {"id":"QY12345678","status":"shipped"}']);
    // Only a run waiting for a resolution can be resolved.
    expect((await api('POST', `/simulations/${ok.id}/resolve`)).status).toBe(409);
    const down = await run({ http: { crm: { mode: 'mock', status: 503, body: '{}' } } });
    expect(down.steps.map((s) => `${s.nodeId}.${s.port}`)).toContain('crm.failure');
    // A real call goes out through the activity and its address guard: this host does not exist.
    const real = await run({ http: { crm: { mode: 'real' } } });
    expect(real.steps.find((s) => s.nodeId === 'crm')).toMatchObject({ port: 'failure' });

    // A mocked body that is not JSON, or a step the flow lacks, is refused and named.
    const bad = await api<{ code: string; field: string }>('POST', `/flows/${created.body.id}/simulations`, {
      http: { crm: { mode: 'mock', status: 200, body: '{"id":' } },
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { code: 'KEFU_ERR_VALIDATION', field: 'body/http/crm/body' },
    });
    const missing = await api<{ field: string }>('POST', `/flows/${created.body.id}/simulations`, {
      http: { nope: { mode: 'real' } },
    });
    expect(missing).toMatchObject({ status: 400, body: { field: 'body/http/nope' } });
    const zone = await api<{ field: string }>('POST', `/flows/${created.body.id}/simulations`, {
      clock: { date: '2026-12-05', time: '23:00', timeZone: 'Mars/Olympus' },
    });
    expect(zone).toMatchObject({ status: 400, body: { field: 'body/clock/timeZone' } });
  });
});
