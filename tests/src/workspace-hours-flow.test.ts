import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDraft } from '@kefu/schemas';
import type { Simulation, SimulationStarted } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop, type Shop } from './support/shop';

/** A business-hours step with no schedule of its own: it must follow the workspace's hours. */
const draft: FlowDraft = {
  schemaVersion: 1,
  name: 'shop hours',
  kind: 'custom',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    { id: 'hours', type: 'business-hours', config: { schedule: [], holidays: [] } },
    { id: 'open', type: 'send-message', config: { text: 'we are open' } },
    { id: 'closed', type: 'send-message', config: { text: 'we are closed' } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'hours' },
    { source: 'hours', sourcePort: 'open', target: 'open' },
    { source: 'hours', sourcePort: 'closed', target: 'closed' },
  ],
};

// On the real worker through the designer's simulator: the API hands the owners' hours to the run.
describe("a business-hours step follows the workspace's hours", () => {
  let product: RunningProduct;
  let shop: Shop;
  let flowId: string;
  const api = <T>(method: string, path: string, body?: unknown) =>
    callApi<T>(product.url, shop, method, path, body);
  const said = async () => {
    const started = await api<SimulationStarted>('POST', `/flows/${flowId}/simulations`);
    expect(started.status).toBe(201);
    await expect
      .poll(async () => (await api<Simulation>('GET', `/simulations/${started.body.id}`)).body.status)
      .toBe('completed');
    return (await api<Simulation>('GET', `/simulations/${started.body.id}`)).body.messages.map((m) => m.text);
  };
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  const allWeek = days.map((day) => ({ day, open: '00:00', close: '23:59' }));
  // A fixed-offset zone where it is about midday now, far from the 23:59-00:00 minute the week leaves
  // closed (Etc/GMT zones invert the sign: Etc/GMT-8 is UTC+8).
  const offset = 12 - new Date().getUTCHours();
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());

  beforeAll(async () => {
    product = await startProduct();
    shop = await signUpShop(product.url, 'hours-flow');
    const created = await api<{ id: string; revision: number }>('POST', '/flows', {
      name: 'hours',
      kind: 'custom',
    });
    flowId = created.body.id;
    expect(
      (await api('PUT', `/flows/${flowId}/draft`, { revision: created.body.revision, draft })).status,
    ).toBe(200);
  });
  afterAll(async () => await product?.stop());

  it('is closed on the workspace holiday and open once the holiday is gone', async () => {
    let put = await api('PUT', '/workspace/business-hours', {
      timeZone: zone,
      schedule: allWeek,
      holidays: [today],
    });
    expect(put.status).toBe(200);
    expect(await said()).toEqual(['we are closed']);

    put = await api('PUT', '/workspace/business-hours', { timeZone: zone, schedule: allWeek, holidays: [] });
    expect(put.status).toBe(200);
    expect(await said()).toEqual(['we are open']);
  });
});
