import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from './support/browser';
import { setConsoleLanguage, signInToConsole } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { signUpStaffShop } from './support/staff';

/** An owner sets the retention period in Settings, and exports and deletes a contact from its page. */
describe('retention and customer rights in the console', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('sets a retention period, refusing one out of range', async () => {
    const shop = await signUpStaffShop(product.url, 'retention-ui');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signInToConsole(page, product.url, shop, '#/settings');
    const section = page.getByRole('region', { name: 'Data retention' });
    await section.getByRole('radio', { name: 'Forever' }).waitFor();
    await section.getByRole('radio', { name: 'For a number of days' }).check();
    await section.getByRole('spinbutton', { name: /Days to keep/ }).fill('5');
    await section.getByRole('button', { name: 'Save retention' }).click();
    await section.getByRole('alert').filter({ hasText: 'from 30 to 3650' }).waitFor();
    await section.getByRole('spinbutton', { name: /Days to keep/ }).fill('90');
    await section.getByRole('button', { name: 'Save retention' }).click();
    await section.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'retention-settings-en.png') });
    await setConsoleLanguage(page, 'zh');
    await page.getByRole('region', { name: '数据保留' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'retention-settings-zh.png') });
    expect((await callApi(product.url, shop, 'GET', '/workspace/retention')).body).toEqual({ days: 90 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("exports a contact's data and deletes the contact after confirming", async () => {
    const shop = await signUpStaffShop(product.url, 'rights-ui');
    const contact = await product.models.Contact.create({
      workspaceId: shop.workspaceId,
      visitorId: 'rights-ui-visitor',
      name: 'Li Na',
      email: 'li.na@example.com',
      phone: '+86 139 0000 1111',
    });
    const id = String(contact._id);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToConsole(page, product.url, shop, `#/contacts/${id}`);
    const rights = page.getByRole('region', { name: 'Customer data' });
    const link = rights.getByRole('link', { name: 'Export all data (JSON)' });
    expect(await link.getAttribute('href')).toBe(`/contacts/${id}/export`);
    await rights.getByRole('button', { name: 'Delete contact…' }).click();
    await rights.getByRole('button', { name: 'Delete everywhere' }).waitFor();
    await rights.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'contact-rights-en.png') });
    await setConsoleLanguage(page, 'zh');
    const zh = page.getByRole('region', { name: '客户数据' });
    await zh.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'contact-rights-zh.png') });
    await zh.getByRole('button', { name: '全部删除' }).click();
    await page.waitForURL((url) => url.hash === '#/contacts');
    expect(
      await product.models.Contact.findOne({ workspaceId: shop.workspaceId, _id: id }).lean(),
    ).toBeNull();
    await page.close();
  });
});
