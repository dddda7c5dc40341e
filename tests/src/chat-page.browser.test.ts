import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from './support/browser';
import { startProduct, type RunningProduct } from './support/product';

describe('customer chat page in headless Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('shows the welcome message and the auto-reply when the customer types "hi"', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 720 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${product.url}/chat/`);

    const messages = page.getByTestId('messages').locator('li');
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Online');
    await page.getByText('Welcome to Demo Shop').waitFor();
    await page.getByLabel('Message').fill('hi');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('we got your message: "hi"').waitFor();
    expect(await messages.allInnerTexts()).toEqual([
      'Hi! Welcome to Demo Shop. How can we help you today?',
      'hi',
      'Thanks, we got your message: "hi". A teammate will answer shortly.',
    ]);
    await page.screenshot({ path: join(screenshotDir, 'chat-page.png') });

    // A reload is a returning visitor: the same conversation, nothing shown twice.
    await page.reload();
    await page.getByText('we got your message: "hi"').waitFor();
    expect(await messages.count()).toBe(3);
    expect(pageErrors).toEqual([]);
  });

  it('renders markup typed by a customer as text, never as HTML', async () => {
    const page = await browser.newPage();
    await page.goto(`${product.url}/chat/`);
    await page.getByText('Welcome to Demo Shop').waitFor();
    let alerted = false;
    page.on('dialog', async (dialog) => {
      alerted = true;
      await dialog.dismiss();
    });
    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    await page.getByLabel('Message').fill(payload);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('we got your message').waitFor();
    await expect
      .poll(() => page.getByTestId('messages').locator('li[data-author="customer"]').first().innerText())
      .toBe(payload);
    expect(await page.locator('[data-testid="messages"] img, [data-testid="messages"] script').count()).toBe(
      0,
    );
    expect(alerted).toBe(false);
  });
});
