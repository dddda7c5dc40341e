import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from './support/browser';
import { FlowDesignerPage } from './support/flow-designer-page';
import { startProduct, type RunningProduct } from './support/product';

/**
 * The flow-language additions in the designer, in both languages: a created ticket's team and
 * assignee picked from the workspace, a missing team refused at publish by node and field, and
 * the "matches pattern" operator with its named presets.
 */
describe('flow language in the designer (headless Chromium)', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });
  const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });

  it('picks team and agent from the workspace, refuses a missing team, and offers pattern presets by name', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
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
    expect(
      (
        await request.post(`${product.url}/teams`, { data: { key: 'after-sales', name: '售后 After-sales' } })
      ).status(),
    ).toBe(201);

    await page.goto(`${product.url}/designer/`);
    await page.getByRole('button', { name: /New blank flow/ }).click();
    const designer = new FlowDesignerPage(page);
    await designer.node('conversation-started').waitFor();
    await designer.drop('create-ticket', 30, 120);
    await designer.drop('condition', 330, 120);
    await designer.connect('conversation-started', 'next', 'create-ticket');
    await designer.connect('create-ticket', 'next', 'condition');

    await designer.node('create-ticket').click();
    await page.locator('#cfg_subject').fill('Order question');
    const team = page.getByRole('combobox', { name: 'Team (optional)' });
    await team
      .locator('option', { hasText: '售后 After-sales (after-sales)' })
      .waitFor({ state: 'attached' });
    await team.selectOption('after-sales');
    const agent = page.getByRole('combobox', { name: 'Assign to agent (optional)' });
    await agent.locator('option', { hasText: 'Mei' }).waitFor({ state: 'attached' });
    await agent.selectOption({ label: await agent.locator('option', { hasText: 'Mei' }).innerText() });
    await team.scrollIntoViewIfNeeded();
    await shot(page, 'flow-language-pickers-en');

    await designer.node('condition').click();
    await page.locator('#cfg_rule_all_0_operator').selectOption('matchesPattern');
    await page.locator('#cfg_rule_all_0_value').selectOption('order-number');
    await shot(page, 'flow-language-pattern-en');

    // Chinese: the same pickers and presets by their Chinese names.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect
      .poll(() => page.locator('#cfg_rule_all_0_value option:checked').innerText())
      .toBe('订单号（QY + 8 位数字）');
    await shot(page, 'flow-language-pattern-zh');
    await designer.node('create-ticket').click();
    await page.getByRole('combobox', { name: '团队（可选）' }).scrollIntoViewIfNeeded();
    await shot(page, 'flow-language-pickers-zh');

    // The team is deleted meanwhile: publish is refused, naming the step and the field.
    const teams = (await (await request.get(`${product.url}/teams`)).json()) as { items: { id: string }[] };
    expect((await request.delete(`${product.url}/teams/${teams.items[0]!.id}`)).status()).toBe(204);
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing first says what else is live for the trigger (live flows), then publishes.
    await page.getByTestId('publish-dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByTestId('publish-result').filter({ hasText: 'Cannot publish' }).waitFor();
    await page.locator('.problems li', { hasText: 'No team "after-sales"' }).waitFor();
    await page.getByRole('combobox', { name: 'Team (optional)' }).scrollIntoViewIfNeeded();
    await shot(page, 'flow-language-missing-team-en');
  });
});
