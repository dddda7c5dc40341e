import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDraft } from '@kefu/schemas';
import { launchBrowser, screenshotDir } from './support/browser';
import { startProduct, type RunningProduct } from './support/product';

/**
 * Open Monday to Friday 9–18 in Shanghai; open, an order lookup over HTTP, then an agent, and a
 * rating once the agent resolves the chat. Every branch is one the simulator must reach.
 */
const draft: FlowDraft = {
  schemaVersion: 1,
  name: 'Shop hours',
  kind: 'custom',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'hours',
      type: 'business-hours',
      config: {
        timeZone: 'Asia/Shanghai',
        schedule: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, open: '09:00', close: '18:00' })),
      },
      position: { x: 0, y: 120 },
    },
    {
      id: 'closed',
      type: 'send-message',
      config: { text: 'We are closed now.' },
      position: { x: 250, y: 240 },
    },
    {
      id: 'crm',
      type: 'http-request',
      label: 'Order lookup',
      config: { method: 'GET', url: 'https://crm.example.com/orders', retries: 0, saveAs: 'order' },
      position: { x: -150, y: 240 },
    },
    {
      id: 'down',
      type: 'send-message',
      config: { text: 'Our order system is down.' },
      position: { x: 50, y: 360 },
    },
    {
      id: 'support',
      type: 'route-to-team',
      config: { teamId: 'support', timeoutMinutes: 5 },
      position: { x: -250, y: 360 },
    },
    { id: 'with-agent', type: 'wait-for-resolution', config: {}, position: { x: -250, y: 480 } },
    {
      id: 'rate',
      type: 'satisfaction-survey',
      config: { question: 'How did we do? (1-5)' },
      position: { x: -250, y: 600 },
    },
    { id: 'thanks', type: 'send-message', config: { text: 'Thank you!' }, position: { x: -250, y: 720 } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'hours' },
    { source: 'hours', sourcePort: 'open', target: 'crm' },
    { source: 'hours', sourcePort: 'closed', target: 'closed' },
    { source: 'crm', sourcePort: 'success', target: 'support' },
    { source: 'crm', sourcePort: 'failure', target: 'down' },
    { source: 'support', sourcePort: 'assigned', target: 'with-agent' },
    { source: 'support', sourcePort: 'no-agent', target: 'down' },
    { source: 'support', sourcePort: 'timeout', target: 'down' },
    { source: 'with-agent', sourcePort: 'resolved', target: 'rate' },
    { source: 'rate', sourcePort: 'positive', target: 'thanks' },
    { source: 'rate', sourcePort: 'negative', target: 'thanks' },
  ],
};

describe('simulator reaches every branch, in headless Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page)
      await page.screenshot({ path: join(screenshotDir, 'simulator-failure.png') }).catch(() => {});
  });
  const shot = (name: string) =>
    page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

  it('Saturday night takes the out-of-hours path; a mocked HTTP answer takes both branches; an agent resolves and the survey follows', async () => {
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const request = page.context().request;
    const signup = await request.post(`${product.url}/signup`, {
      data: {
        workspaceName: 'Tea Shop',
        name: 'Mei',
        email: `owner-${Date.now()}@tea.example`,
        password: 'correct horse battery',
      },
    });
    expect(signup.status()).toBe(201);
    const created = await request.post(`${product.url}/flows`, {
      data: { name: 'Shop hours', kind: 'custom' },
    });
    const { id, revision } = (await created.json()) as { id: string; revision: number };
    expect(
      (await request.put(`${product.url}/flows/${id}/draft`, { data: { revision, draft } })).status(),
    ).toBe(200);

    await page.goto(`${product.url}/designer/#/flow/${id}`);
    await page.getByRole('tab', { name: 'Simulate' }).click();
    const sim = page.getByTestId('simulator');
    const status = page.getByTestId('sim-status');
    const bot = (text: string) => page.locator('.sim-chat .sim-bot', { hasText: text });

    // Saturday 23:00 in Shanghai: closed.
    await sim.getByText('Test setup: clock, contact, HTTP answers').click();
    await sim.getByLabel('Set the clock').check();
    await sim.getByLabel('Date').fill('2026-12-05');
    await sim.getByLabel('Time', { exact: true }).fill('23:00');
    await sim.getByLabel('Time zone').fill('Asia/Shanghai');
    await sim.getByRole('button', { name: 'Start simulation' }).click();
    await bot('We are closed now.').waitFor();
    await status.filter({ hasText: 'finished' }).waitFor();
    await shot('simulator-saturday-night');

    // Wednesday 10:00: open; the order lookup answers 503 (mocked): the failure branch.
    await sim.getByLabel('Date').fill('2026-12-09');
    await sim.getByLabel('Time', { exact: true }).fill('10:00');
    const step = page.getByTestId('sim-http-crm');
    await step.getByLabel('Order lookup').selectOption('mock');
    await step.getByLabel('Status').fill('503');
    // A body that is not JSON is named at its field before anything starts.
    await step.getByLabel('JSON body').fill('{"status":');
    await sim.getByRole('button', { name: 'Restart' }).click();
    await step.getByText('This body is not valid JSON').waitFor();
    await shot('simulator-bad-mock');
    await step.getByLabel('JSON body').fill('{"error":"maintenance"}');
    await sim.getByRole('button', { name: 'Restart' }).click();
    await bot('Our order system is down.').waitFor();
    await status.filter({ hasText: 'finished' }).waitFor();

    // The lookup answers 200: the success branch, to an agent who accepts, then resolves: the survey.
    await step.getByLabel('Status').fill('200');
    await sim.getByRole('button', { name: 'Restart' }).click();
    const waiting = page.getByTestId('sim-waiting');
    await waiting.getByRole('button', { name: 'Agent accepts' }).click();
    await waiting.getByRole('button', { name: 'Agent resolves' }).waitFor();
    await waiting.getByRole('button', { name: 'Time runs out' }).waitFor();
    await shot('simulator-with-agent');
    await waiting.getByRole('button', { name: 'Agent resolves' }).click();
    await bot('How did we do? (1-5)').waitFor();
    await shot('simulator-survey');

    // Chinese: the setup and the controls in Chinese.
    await page.getByLabel('Language').selectOption('zh');
    await sim.getByText('测试设置：时钟、联系人、HTTP 响应').waitFor();
    await sim.getByLabel('设置时钟').waitFor();
    await page.getByTestId('sim-http-crm').getByLabel('JSON 响应体').waitFor();
    await shot('simulator-zh');
    expect(errors).toEqual([]);
  });
});
