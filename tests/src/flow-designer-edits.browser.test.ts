import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from './support/browser';
import { FlowDesignerPage } from './support/flow-designer-page';
import { startProduct, type RunningProduct } from './support/product';

describe('flow designer edits in headless Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([
      startProduct({ editorDist: true, worker: 'none' }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('reconnects a port at once after the node it led to is deleted', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const response = await page.context().request.post(`${product.url}/signup`, {
      data: {
        workspaceName: 'Edit Shop',
        name: 'Mei',
        email: `owner-${Date.now()}@edit.example`,
        password: 'correct horse battery',
      },
    });
    expect(response.status()).toBe(201);
    await page.goto(`${product.url}/designer/`);
    await page.getByRole('button', { name: /New blank flow/ }).click();
    const designer = new FlowDesignerPage(page);
    await designer.node('conversation-started').waitFor();
    await designer.drop('send-message', 420, 90);
    await designer.connect('conversation-started', 'next', 'send-message');
    await expect.poll(() => designer.edgeCount()).toBe(1);

    // Deleted with the keyboard: its edge goes with it.
    await designer.node('send-message').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => designer.node('send-message').count()).toBe(0);
    await expect.poll(() => designer.edgeCount()).toBe(0);

    // The trigger's port takes a new edge straight away, to a new node of the same kind or another.
    await designer.drop('send-message', 420, 300);
    await designer.connect('conversation-started', 'next', 'send-message');
    await page.screenshot({ path: join(screenshotDir, 'flow-designer-reconnect.png') });
    await expect.poll(() => designer.edgeCount()).toBe(1);
    expect(await page.getByTestId('notice').count()).toBe(0);

    // Deleted from the toolbar this time, then connected to a different kind of node.
    await designer.node('send-message').click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => designer.edgeCount()).toBe(0);
    await designer.drop('close-conversation', 420, 200);
    await designer.connect('conversation-started', 'next', 'close-conversation');
    await expect.poll(() => designer.edgeCount()).toBe(1);
    expect(errors).toEqual([]);
  });
});
