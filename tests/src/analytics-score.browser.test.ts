import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMonth } from '@kefu/runtime/generate-month';
import { launchBrowser, pageErrors, screenshot } from './support/browser';
import { setConsoleLanguage, signInToConsole } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { inviteAgent, signUpStaffShop, type StaffShop } from './support/staff';
import { applyAllDueKpis } from './support/kpi-apply';

/**
 * The service score in the console: the owner opens Analytics → Service score over six weeks of
 * generated activity (the last four are the default range), changes a weight and sees the score
 * move; an analyst sees the weights read-only; the weekly reports section lists a generated report.
 * Screenshots analytics-score-*.png, in English and Chinese.
 */
describe('service score, in the browser', () => {
  let browser: Browser;
  let product: RunningProduct;
  let owner: StaffShop;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
    owner = await signUpStaffShop(product.url, 'score');
    const start = new Date(Date.now() - 42 * 86_400_000).toISOString().slice(0, 10);
    await generateMonth(product.models, {
      workspaceId: owner.workspaceId,
      conversations: 150,
      start,
      days: 42,
    });
    await applyAllDueKpis(product.models, owner.workspaceId);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  const open = async (who: StaffShop, hash: string): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1100 } })).newPage();
    await signInToConsole(page, product.url, who, hash);
    return page;
  };

  it('owners see the score, its trend and what pulls it down, and change a weight', async () => {
    const page = await open(owner, '#/analytics/score');
    const errors = pageErrors(page);
    const panel = page.getByRole('region', { name: 'Service score' });
    await panel.getByTestId('score').waitFor();
    await panel.locator('.recharts-line').waitFor();
    expect(await panel.getByTestId('score').textContent()).toMatch(/^\d+(\.\d)?$/);
    expect(await panel.textContent()).toContain('Pulls it down most');
    await screenshot(page, 'analytics-score-en', { fullPage: true });

    const before = await panel.getByTestId('score').textContent();
    const form = page.getByRole('form', { name: 'Weights and targets' });
    // All weight on resolution rate with an easy target: the score becomes 100.
    await form.getByLabel('Weight (%): CSAT average').fill('1');
    await form.getByLabel('Weight (%): First response (median)').fill('1');
    await form.getByLabel('Weight (%): Resolution rate').fill('98');
    await form.getByLabel('Target: Resolution rate').fill('1');
    await form.getByLabel('Target: CSAT average').fill('1');
    await form.getByLabel('Target: First response (median)').fill('2592000');
    await form.getByRole('button', { name: 'Save weights' }).click();
    await form.getByText('Saved.').waitFor();
    await expect.poll(() => panel.getByTestId('score').textContent()).toBe('100.0');
    expect(before).not.toBe('100.0');
    const stored = await callApi<{ kpis: { weight: number }[] }>(
      product.url,
      owner,
      'GET',
      '/analytics/score-settings',
    );
    expect(stored.body.kpis.map((k) => k.weight)).toEqual([1, 1, 98]);

    // Back to the default weights for the Chinese screenshot.
    await callApi(product.url, owner, 'PUT', '/analytics/score-settings', {
      kpis: [
        { kpi: 'csatAverage', weight: 40, target: 4.5 },
        { kpi: 'firstResponseMedian', weight: 30, target: 60 },
        { kpi: 'resolutionRate', weight: 30, target: 0.85 },
      ],
    });
    await setConsoleLanguage(page, 'zh');
    await page.reload();
    await page.getByRole('region', { name: '服务评分' }).getByTestId('score').waitFor();
    await page.getByRole('region', { name: '服务评分' }).locator('.recharts-line').waitFor();
    await screenshot(page, 'analytics-score-zh', { fullPage: true });
    expect(errors).toEqual([]);
  });

  it('analysts read the weights but cannot change them', async () => {
    const analyst = await inviteAgent(product.url, owner, 'ScoreAnalyst', ['analyst']);
    const page = await open(analyst, '#/analytics/score');
    const settings = page.getByRole('region', { name: 'Weights and targets' });
    await settings.getByText('Only owners change these.').waitFor();
    await settings.getByRole('row', { name: /Resolution rate/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Save weights' }).count()).toBe(0);
    await page.getByRole('region', { name: 'Service score' }).locator('.recharts-line').waitFor();
    await screenshot(page, 'analytics-score-analyst', { fullPage: true });
  });

  it('the reports section generates a week and offers its PDF', async () => {
    const page = await open(owner, '#/analytics/reports');
    const form = page.getByRole('form', { name: 'Generate now' });
    await form.getByRole('button', { name: 'Generate now' }).click();
    await page.getByText(/Generating the report of \d{4}-W\d{2}/).waitFor();
    await expect
      .poll(
        async () => {
          await form.getByRole('button', { name: 'Refresh' }).click();
          return page.getByRole('link', { name: 'Download PDF' }).count();
        },
        { timeout: 120_000 },
      )
      .toBe(1);
    const href = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    const res = await page.request.get(`${product.url}${href}`);
    expect(res.headers()['content-type']).toBe('application/pdf');
    await screenshot(page, 'analytics-score-reports');
  });
});
