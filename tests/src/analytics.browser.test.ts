import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunPage } from '@kefu/schemas/api';
import { demoFlowDraft } from '@kefu/runtime';
import { launchBrowser, screenshotDir } from './support/browser';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { inviteAgent, setUpDesk, signUpStaffShop } from './support/staff';

/**
 * An analyst's first visit: signed in at `/`, they land on Analytics (not on an inbox that is not
 * theirs), see only what they may read, find a customer's run in the run explorer by its filters
 * and open it in the designer's run viewer, read-only. In English and Chinese.
 */
describe('analytics, in the browser', () => {
  let browser: Browser;
  let product: RunningProduct;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('an analyst lands on analytics, filters the runs, searches a customer and opens a run', async () => {
    const shop = await signUpStaffShop(product.url, 'analytics');
    await setUpDesk(product.url, shop, { key: 'support', name: 'Support' }, demoFlowDraft);

    // A customer chats with the bot: a run on the web channel.
    const customer = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await customer.goto(`${product.url}/chat/?workspace=${shop.publicKey}&lang=en`);
    await customer.getByText('Welcome to Demo Shop').waitFor();
    await customer.getByLabel('Message').fill('Where is my parcel?');
    await customer.getByRole('button', { name: 'Send' }).click();
    await customer.getByText('we got your message: "Where is my parcel?"').waitFor();
    // The run is recorded by its history flush; the owner names its contact.
    let runs: RunPage | null = null;
    await expect
      .poll(async () => {
        runs = (await callApi<RunPage>(product.url, shop, 'GET', '/runs')).body;
        return runs.items.length;
      })
      .toBe(1);
    const contactId = runs!.items[0]!.contactId!;
    const named = await callApi(product.url, shop, 'PATCH', `/contacts/${contactId}`, {
      name: 'Lin Wei',
      email: 'lin@example.com',
    });
    expect(named.status).toBe(200);

    const analyst = await inviteAgent(product.url, shop, 'Ana', ['analyst']);
    const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const refused: string[] = [];
    page.on('response', (res) => {
      if (res.status() === 403 || res.status() >= 500)
        refused.push(`${res.status()} ${res.request().method()} ${res.url()}`);
    });

    // Signed in at `/`, the analyst lands on analytics.
    await page.goto(`${product.url}/`);
    await page.getByLabel('Email').fill(analyst.email);
    await page.getByLabel('Password').fill(analyst.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/analytics');
    await page.getByRole('heading', { name: 'Analytics' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Analytics', 'Flow designer']);
    expect(await page.getByLabel('My status').count()).toBe(0);

    // The dashboard is the area's landing section; the run explorer the next.
    await page.getByRole('heading', { name: 'Service KPIs' }).waitFor();
    await page.getByRole('link', { name: 'Run explorer' }).click();
    // The run explorer: the chat's run, filtered by channel, status and flow, then by the customer.
    const table = page.getByRole('table', { name: 'Run explorer' });
    const row = table.getByRole('row').filter({ hasText: 'Lin Wei' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Welcome and auto-reply');
    expect(await row.textContent()).toContain('Web chat');
    await page.getByLabel('Channel').selectOption('email');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No runs match these filters.').waitFor();
    await page.getByLabel('Channel').selectOption('web');
    await page.getByLabel('Status').selectOption('running');
    await page.getByLabel('Flow').selectOption({ label: 'Welcome and auto-reply' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await row.waitFor();
    await page.getByRole('searchbox', { name: 'Customer' }).fill('lin@example.com');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('Runs of Lin Wei').waitFor();
    await row.waitFor();
    await page.screenshot({ path: join(screenshotDir, 'analytics-runs-en.png') });

    // 中文
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据分析' }).waitFor();
    await page.getByRole('table', { name: '运行记录浏览' }).getByText('运行中').waitFor();
    await page.getByText('以下客户的运行记录： Lin Wei').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'analytics-runs-zh.png') });
    await page.locator('select.lang').selectOption('en');

    // Open the run: the designer's run viewer, on the version it ran on, read-only.
    await row.getByRole('link', { name: /Open this run/ }).click();
    await page.getByTestId('run-details').waitFor();
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'analytics-run-viewer.png') });

    // The inbox opened by its address says it is not theirs, without asking the API for it.
    await page.goto(`${product.url}/#/inbox`);
    await page.getByText('This page is not open to your role.').waitFor();
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    await customer.close();
  });
});
