import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { serveHostPage } from './support/host-page';
import { startProduct, type RunningProduct } from './support/product';

/**
 * Issue 14, in a real browser: the chat still connects under the narrowed connect-src, and once the
 * owner names the sites allowed to show the chat, another site's page gets no chat.
 */
describe('the widget on allowed and other sites, in headless Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  /** Opens a shop page with the widget and its chat; `console` collects every console line. */
  async function openShop(html: string) {
    const site = await serveHostPage(html);
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const console: ConsoleMessage[] = [];
    page.on('console', (m) => console.push(m));
    await page.goto(site.url);
    await page.getByRole('button', { name: /^Chat with us/ }).click();
    return {
      site,
      page,
      console,
      chat: page.frameLocator('iframe[title="Chat with us"]'),
      async close() {
        await context.close();
        await site.close();
      },
    };
  }

  it('chats from an allowed site, and refuses to be framed by another', async () => {
    const html = `<!doctype html><title>Acme</title><h1>Acme</h1>
<script src="${product.url}/widget.js" data-workspace="demo" async></script>`;
    const allowed = await openShop(html);
    const other = await serveHostPage(html);
    try {
      await product.models.Workspace.updateOne(
        { _id: product.workspaceId },
        { $set: { widgetOrigins: [new URL(allowed.site.url).origin] } },
      );
      // The allowed site: the chat loads, its socket connects under connect-src, the bot answers.
      await allowed.page.reload();
      await allowed.page.getByRole('button', { name: /^Chat with us/ }).click();
      await allowed.chat.getByText('Welcome to Demo Shop').waitFor();
      await allowed.chat.getByLabel('Message').fill('hi from an allowed site');
      await allowed.chat.getByRole('button', { name: 'Send' }).click();
      await allowed.chat.getByText('we got your message: "hi from an allowed site"').waitFor();
      expect(allowed.console.filter((m) => /Content Security Policy/.test(m.text()))).toEqual([]);

      // Another site (another port, so another origin): the browser will not frame the chat.
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      try {
        const served = page.waitForResponse((r) => r.url().startsWith(`${product.url}/chat/`));
        await page.goto(other.url);
        await page.getByRole('button', { name: /^Chat with us/ }).click();
        // The chat page was sent, with a policy naming only the allowed site; Chromium shows its
        // error page in the frame instead.
        const policy = (await served).headers()['content-security-policy'];
        expect(policy).toContain(`frame-ancestors 'self' ${new URL(allowed.site.url).origin}`);
        await expect.poll(() => page.frames().map((f) => f.url())).toContain('chrome-error://chromewebdata/');
        expect(
          await page.frameLocator('iframe[title="Chat with us"]').getByText('Welcome to Demo Shop').count(),
        ).toBe(0);
      } finally {
        await context.close();
      }
    } finally {
      await product.models.Workspace.updateOne(
        { _id: product.workspaceId },
        { $unset: { widgetOrigins: 1 } },
      );
      await allowed.close();
      await other.close();
    }
  });
});
