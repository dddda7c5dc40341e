import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from './support/browser';
import { signInToConsole } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { signUpStaffShop } from './support/staff';

describe('channel settings in the staff console', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([
      startProduct({ editorDist: true, channels: { smtpListener: true, mailDomain: 'kefu.test' } }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('shows the email address, creates an API key that then works, and adds a webhook', async () => {
    const shop = await signUpStaffShop(product.url, 'channels-ui');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signInToConsole(page, product.url, shop, '#/settings');
    await page.getByText(`${shop.publicKey}@kefu.test`).waitFor();
    await page.getByText('No keys yet.').waitFor();

    await page.getByRole('textbox', { name: 'Name of the new key' }).fill('order system');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByRole('textbox', { name: 'Your new key (shown only now):' });
    await shown.waitFor();
    const key = await shown.inputValue();
    await page.getByRole('list', { name: 'API keys' }).getByText('order system').waitFor();

    await page
      .getByRole('textbox', { name: 'Webhook URL', exact: true })
      .fill('https://shop.example/kefu-hook');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByRole('list', { name: 'Webhooks' }).getByText('https://shop.example/kefu-hook').waitFor();
    await page.getByRole('textbox', { name: /Signing secret/ }).waitFor();
    await page.getByRole('heading', { name: 'API channel' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'channel-settings.png') });

    // The key shown once is the one the API channel takes.
    const res = await fetch(`${product.url}/channels/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        externalContactId: 'crm-1',
        text: 'hello from the shop',
        idempotencyKey: 'ui-key-check-1',
      }),
    });
    expect(res.status).toBe(201);
    expect(errors).toEqual([]);
  });
});
