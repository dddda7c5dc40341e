import { join } from 'node:path';
import type { Browser, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Run } from '@kefu/schemas/api';
import { launchBrowser, screenshotDir } from './support/browser';
import { startProduct, type RunningProduct } from './support/product';
import { publishFlow } from './support/publish-flow';
import { callApi, signUpShop, type Shop } from './support/shop';
import { whyArticles, whyFlow } from './support/why-flow';
import { WidgetSocket, isBotText } from './support/widget-socket';

// An analyst's question "why did this conversation go there?", answered on the canvas of the
// version the run ran on: each decision's reason in plain words, in English and in Chinese.
describe('run viewer why-trace in headless Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  let shop: Shop;
  let flowId = '';
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
    shop = await signUpShop(product.url, 'why-browser');
    for (const article of whyArticles)
      expect((await callApi(product.url, shop, 'POST', '/kb/articles', article)).status).toBe(201);
    ({ flowId } = await publishFlow(product.url, shop, whyFlow));
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  const shot = (page: BrowserPage, name: string) =>
    page.screenshot({ path: join(screenshotDir, `${name}.png`) });

  it("shows each step's decision and its reason on the run's canvas and in its steps, in both languages", async () => {
    const socket = await WidgetSocket.open(product.wsUrl);
    try {
      await socket.hello('visitor-why-browser', shop.publicKey);
      socket.send({
        type: 'message',
        clientMessageId: 'why-browser-1',
        text: 'what are your hours on sunday',
      });
      await socket.next(isBotText(/A teammate will answer you shortly/));
    } finally {
      await socket.close();
    }
    let run: Run | undefined;
    await expect
      .poll(async () => {
        run = (await callApi<Page<Run>>(product.url, shop, 'GET', '/runs')).body.items[0];
        return run?.steps ?? 0;
      })
      .toBeGreaterThanOrEqual(5);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [name, value] = shop.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: product.url }]);
    // English first, whatever the machine's locale (page code as a string: this package has no DOM types).
    await context.addInitScript({ content: "localStorage.setItem('kefu.lang', 'en')" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${product.url}/designer/#/flow/${flowId}/run/${run!.id}`);

    const viewer = page.getByTestId('run-viewer');
    const onNode = (kind: string) => viewer.locator(`[data-kind="${kind}"] [data-testid="step-why-brief"]`);
    await onNode('condition')
      .filter({
        hasText: "Condition: all of 2 conditions → false (contact.tags list contains 'vip' — saw [] → false)",
      })
      .waitFor();
    await onNode('answer-from-knowledge-base')
      .filter({ hasText: /< threshold 0\.99 → no answer/ })
      .waitFor();
    // The nodes the run did not pass say nothing.
    expect(await viewer.locator('[data-kind="send-message"] [data-testid="step-why-brief"]').count()).toBe(0);

    await viewer.locator('.react-flow__node:has([data-kind="condition"])').click();
    const why = page.getByTestId('node-steps').getByTestId('step-why');
    await why.filter({ hasText: "contact.tags list contains 'vip' — saw" }).waitFor();
    await why
      .filter({ hasText: "message.text text contains 'hours' — saw 'what are your hours on sunday' → true" })
      .waitFor();
    await why.filter({ hasText: "Not taken: 'true' (its rule was false)" }).waitFor();
    await shot(page, 'run-why-trace-en');

    await viewer.locator('.react-flow__node:has([data-kind="answer-from-knowledge-base"])').click();
    await why.filter({ hasText: "Not taken: 'answered' (not confident enough)" }).waitFor();
    await shot(page, 'run-why-trace-kb-en');

    await page.getByLabel('Language').selectOption('zh');
    await why.filter({ hasText: '未走：“已回答”（把握不足）' }).waitFor();
    await onNode('condition')
      .filter({
        hasText:
          "条件：2 个条件全部满足 → 不成立（contact.tags 列表包含 'vip' — 实际值 [] → 不成立）；走了“否”",
      })
      .waitFor();
    await shot(page, 'run-why-trace-kb-zh');
    await viewer.locator('.react-flow__node:has([data-kind="condition"])').click();
    await why.filter({ hasText: '未走：“是”（规则不成立）' }).waitFor();
    await shot(page, 'run-why-trace-zh');

    expect(errors).toEqual([]);
    await context.close();
  });
});
