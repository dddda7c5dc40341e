import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFlowDraft } from '@kefu/runtime';
import { launchBrowser, screenshotDir } from './support/browser';
import { signInToConsole } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { setUpDesk, signUpStaffShop } from './support/staff';

/**
 * The owner sees what the bot does: a customer chats with the demo bot (no agent anywhere) and the
 * owner finds that conversation under All conversations, filters it, and reads its transcript.
 */
describe('all conversations, in the browser', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it("a customer's chat with the bot is found, filtered and read by the owner, in English and Chinese", async () => {
    const shop = await signUpStaffShop(product.url, 'allconv');
    await setUpDesk(product.url, shop, { key: 'support', name: 'Support' }, demoFlowDraft);

    // The customer chats with the bot on the shop's chat page.
    const customer = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await customer.goto(`${product.url}/chat/?workspace=${shop.publicKey}&lang=en`);
    await customer.getByText('Welcome to Demo Shop').waitFor();
    await customer.getByLabel('Message').fill('Do you ship to Shanghai?');
    await customer.getByRole('button', { name: 'Send' }).click();
    await customer.getByText('we got your message: "Do you ship to Shanghai?"').waitFor();

    // The owner, in the console: every answer the console gets is below 500.
    const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
    const owner = await context.newPage();
    const errors: string[] = [];
    owner.on('pageerror', (err) => errors.push(err.message));
    const serverErrors: string[] = [];
    owner.on('response', (res) => {
      if (res.status() >= 500) serverErrors.push(`${res.status()} ${res.request().method()} ${res.url()}`);
    });
    await signInToConsole(owner, product.url, shop, '#/inbox');
    await owner
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'All conversations' })
      .click();
    const list = owner.getByRole('list', { name: 'Conversations' });
    const row = list.getByRole('link').filter({ hasText: 'Do you ship to Shanghai?' });
    await row.waitFor();
    expect(await row.textContent()).toContain('With the bot');
    expect(await row.textContent()).toContain('Web chat');

    // Filters: the right channel and state keep it, another channel finds nothing.
    await owner.getByLabel('Channel').selectOption('web');
    await row.waitFor();
    await owner.getByLabel('State').selectOption('bot');
    await row.waitFor();
    await owner.getByLabel('Channel').selectOption('email');
    await owner.getByText('No conversation matches these filters.').waitFor();
    await owner.getByLabel('State').selectOption('closed');
    await owner.getByLabel('Channel').selectOption('web');
    await owner.getByText('No conversation matches these filters.').waitFor();
    await owner.getByLabel('State').selectOption('bot');
    await row.click();

    // The transcript, read only, with its flow run.
    const transcript = owner.getByRole('region', { name: 'Transcript' });
    await transcript.getByText('Hi! Welcome to Demo Shop. How can we help you today?').waitFor();
    await transcript.getByText('Do you ship to Shanghai?', { exact: true }).waitFor();
    await transcript
      .getByText('Thanks, we got your message: "Do you ship to Shanghai?"', { exact: false })
      .waitFor();
    expect(await transcript.getByRole('textbox').count()).toBe(0);
    // The run's record is written by its history flush, which may come a moment after its messages.
    const run = transcript.getByRole('link', { name: /Run v1/ });
    await expect
      .poll(async () => {
        if (await run.count()) return true;
        await owner.reload();
        await transcript.getByText('Hi! Welcome to Demo Shop. How can we help you today?').waitFor();
        return (await run.count()) > 0;
      })
      .toBe(true);
    const runHref = (await run.getAttribute('href')) ?? '';
    expect(runHref).toMatch(/^\/designer\/#\/flow\/[0-9a-f]{24}\/run\//);
    await owner.screenshot({ path: join(screenshotDir, 'all-conversations-en.png') });

    // 中文
    await owner.getByLabel('Language').selectOption('zh');
    await owner.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '全部会话' }).waitFor();
    await owner.getByRole('list', { name: '会话列表' }).getByText('机器人处理中').waitFor();
    await owner.getByRole('region', { name: '聊天记录' }).getByText('流程运行记录').waitFor();
    await owner.getByText('只读。如需回复，请在收件箱中接手。').waitFor();
    await owner.screenshot({ path: join(screenshotDir, 'all-conversations-zh.png') });

    // Taking it over goes through the inbox, whose opening marks it read (once a 500).
    const read = owner.waitForResponse((res) => /\/conversations\/[0-9a-f]{24}\/read$/.test(res.url()));
    await owner.getByRole('link', { name: '在收件箱中打开' }).click();
    expect((await read).status()).toBe(200);
    await owner.getByText('Do you ship to Shanghai?').first().waitFor();

    // The run link opens the designer on its Runs tab with that run.
    await owner.goto(`${product.url}${runHref}`);
    await owner.getByTestId('run-details').waitFor();
    await owner.screenshot({ path: join(screenshotDir, 'all-conversations-run.png') });
    expect(serverErrors).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    await customer.close();
  });
});
