import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunnelReport } from '@kefu/schemas/api';
import { launchBrowser, screenshotDir } from './support/browser';
import { funnelFlow, talkToFunnel } from './support/funnel-flow';
import { startProduct, type RunningProduct } from './support/product';
import { publishFlow } from './support/publish-flow';
import { callApi } from './support/shop';
import { inviteAgent, signUpStaffShop } from './support/staff';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * An analyst reads a flow's funnel: two versions side by side in the table, then one on the
 * designer's canvas as heat. Real conversations on the real worker make the figures.
 */
describe('flow funnel, in the browser', () => {
  let browser: Browser;
  let product: RunningProduct;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('shows the funnel table, two versions compared, and the heat on the canvas', async () => {
    const shop = await signUpStaffShop(product.url, 'funnel-ui');
    const { flowId } = await publishFlow(product.url, shop, funnelFlow);
    await talkToFunnel(product.wsUrl, shop.publicKey, 'v1');
    // Version 2 sends most of the split to branch A.
    const detail = await callApi<{ revision: number }>(product.url, shop, 'GET', `/flows/${flowId}`);
    const v2 = {
      ...funnelFlow,
      nodes: funnelFlow.nodes.map((n) =>
        n.id === 'split'
          ? {
              ...n,
              config: {
                branches: [
                  { port: 'a', label: 'A', weight: 90 },
                  { port: 'b', label: 'B', weight: 10 },
                ],
              },
            }
          : n,
      ),
    };
    expect(
      (
        await callApi(product.url, shop, 'PUT', `/flows/${flowId}/draft`, {
          revision: detail.body.revision,
          draft: v2,
        })
      ).status,
    ).toBe(200);
    expect((await callApi(product.url, shop, 'POST', `/flows/${flowId}/publish`, {})).status).toBe(201);
    await talkToFunnel(product.wsUrl, shop.publicKey, 'v2');
    for (const version of [1, 2])
      await expect
        .poll(
          async () =>
            (
              await callApi<FunnelReport>(
                product.url,
                shop,
                'GET',
                `/analytics/funnel?flowId=${flowId}&version=${version}&from=${day(-1)}&to=${day(1)}`,
              )
            ).body.nodes.find((n) => n.nodeId === 'end')?.finished,
        )
        .toBe(4);

    const analyst = await inviteAgent(product.url, shop, 'Ana', ['analyst']);
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const refused: string[] = [];
    page.on('response', (res) => {
      if (res.status() === 403 || res.status() >= 500)
        refused.push(`${res.status()} ${res.request().method()} ${res.url()}`);
    });
    await page.goto(`${product.url}/`);
    await page.getByLabel('Email').fill(analyst.email);
    await page.getByLabel('Password').fill(analyst.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Analytics' }).waitFor();

    await page
      .getByRole('navigation', { name: 'Analytics pages' })
      .getByRole('link', { name: 'Flow funnel' })
      .click();
    await page.getByRole('combobox', { name: /^Flow/ }).selectOption({ label: 'Funnel' });
    await expect.poll(() => page.getByRole('combobox', { name: /^Version/ }).inputValue()).toBe('2');
    await page.getByRole('combobox', { name: /^Compare with/ }).selectOption('1');
    await page.getByRole('button', { name: 'Show' }).click();
    const row = page.getByTestId('funnel-row-hours');
    await row.waitFor();
    expect(await row.textContent()).toContain('6 / 6 (0)');
    expect(await page.getByTestId('funnel-runs-2').textContent()).toBe('6');
    await page.screenshot({ path: join(screenshotDir, 'analytics-funnel-table-en.png'), fullPage: true });

    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('columnheader', { name: '流失率' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'analytics-funnel-table-zh.png'), fullPage: true });
    await page.locator('select.lang').selectOption('en');

    // Version 2 on its canvas: the heat, the legend, the counts on the edges; nothing to edit.
    await page.getByRole('link', { name: 'Show on canvas' }).first().click();
    await page.getByTestId('funnel-viewer').waitFor();
    const heat = page.getByTestId('funnel-heat-hours');
    await heat.waitFor();
    expect(await heat.textContent()).toContain('6 entered');
    expect(await page.getByTestId('funnel-heat-wait-more').textContent()).toContain('2 waiting now');
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'analytics-funnel-canvas-en.png') });

    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
