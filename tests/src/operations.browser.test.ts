import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pageErrors, screenshot } from './support/browser';
import { openConsolePage, setConsoleLanguage, signInToConsole } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { signUpStaffShop } from './support/staff';

describe('the operations page and the alert rules in the console', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('an owner sets an alert rule, is told which threshold is wrong, and reads the operations page in both languages', async () => {
    const shop = await signUpStaffShop(product.url, 'ops-ui');
    // An alert that fired and resolved earlier (what the evaluator stores; the alert test makes real ones).
    await product.models.AlertState.create({
      _id: `${shop.workspaceId}:workerNotPolling`,
      workspaceId: shop.workspaceId,
      rule: 'workerNotPolling',
      state: 'resolved',
      streak: 0,
      since: new Date(),
      detail: 'a worker polls the task queue',
      changes: 2,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = pageErrors(page);
    await signInToConsole(page, product.url, shop, '#/settings');

    const alerts = page.getByRole('region', { name: 'Alerts' });
    await alerts.scrollIntoViewIfNeeded();
    const csat = alerts.getByRole('group', { name: 'Satisfaction drop' });
    await csat.getByLabel('On').check();
    await csat.getByLabel(/average rating/).fill('9');
    await alerts.getByRole('button', { name: 'Save alert rules' }).click();
    await csat.getByRole('alert').waitFor();
    expect(await csat.getByRole('alert').textContent()).toContain('5');
    await csat.getByLabel(/average rating/).fill('4');
    await alerts.getByRole('button', { name: 'Save alert rules' }).click();
    await alerts.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await screenshot(page, 'operations-alert-rules');
    const saved = await callApi<{ rules: { csatDrop: unknown } }>(
      product.url,
      shop,
      'GET',
      '/operations/alert-rules',
    );
    expect(saved.body.rules.csatDrop).toEqual({ enabled: true, minAverage: 4 });

    await openConsolePage(page, 'Operations');
    await page.getByRole('heading', { name: 'Operations' }).waitFor();
    await expect
      .poll(() => page.getByLabel('Worker', { exact: true }).textContent(), { timeout: 60_000 })
      .toContain('OK');
    expect(await page.getByLabel('Open conversations', { exact: true }).textContent()).toMatch(/^\d+$/);
    await page.getByRole('list', { name: 'Recent alerts' }).getByText('Worker not polling').waitFor();
    await screenshot(page, 'operations-page-en');

    await setConsoleLanguage(page, 'zh');
    await page.getByRole('heading', { name: '运行状态' }).waitFor();
    await page.getByRole('list', { name: '最近的告警' }).getByText('已恢复').waitFor();
    await screenshot(page, 'operations-page-zh');
    expect(errors).toEqual([]);
  });
});
