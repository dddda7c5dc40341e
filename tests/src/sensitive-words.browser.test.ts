import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SensitiveWords } from '@kefu/schemas/api';
import { launchBrowser, screenshotDir } from './support/browser';
import { setConsoleLanguage, signInToConsole } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { signUpStaffShop } from './support/staff';

/** An owner sets sensitive words in Settings, tries a message, and a customer meets them in the chat. */
describe('sensitive words in the console and the chat', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('an owner adds two categories, saves, tries a message; the customer sees masking and a refusal', async () => {
    const shop = await signUpStaffShop(product.url, 'sensitive-ui');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signInToConsole(page, product.url, shop, '#/settings');

    const section = page.getByRole('region', { name: 'Sensitive words' });
    await section.getByText('No sensitive words yet.').waitFor();
    await section.getByRole('button', { name: 'Add category' }).click();
    const abuse = section.getByRole('group').nth(0);
    await abuse.getByRole('textbox', { name: 'Name' }).fill('Abuse');
    await abuse.getByRole('textbox', { name: /Key/ }).fill('abuse');
    await abuse.getByRole('textbox', { name: /Words/ }).fill('傻逼\nidiot');
    await section.getByRole('button', { name: 'Add category' }).click();
    const fraud = section.getByRole('group').nth(1);
    await fraud.getByRole('textbox', { name: 'Name' }).fill('Fraud');
    await fraud.getByRole('textbox', { name: /Key/ }).fill('fraud');
    await fraud.getByRole('combobox', { name: 'When found' }).selectOption('block');
    await fraud.getByRole('textbox', { name: /Words/ }).fill('刷单，套现');
    await section.getByRole('button', { name: 'Save sensitive words' }).click();
    await section.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await section.getByRole('textbox', { name: 'Try a message' }).fill('你这个 傻.逼');
    await section.getByRole('button', { name: 'Check' }).click();
    await section.getByText('你这个 ＊.＊').waitFor();
    await section.getByText('你这个 ＊.＊').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'sensitive-words-en.png') });
    await setConsoleLanguage(page, 'zh');
    await page.getByText('保存为').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'sensitive-words-zh.png') });

    const saved = await callApi<SensitiveWords>(product.url, shop, 'GET', '/workspace/sensitive-words');
    expect(saved.body).toEqual({
      categories: [
        { key: 'abuse', name: 'Abuse', action: 'mask' },
        { key: 'fraud', name: 'Fraud', action: 'block' },
      ],
      words: [
        { text: '傻逼', category: 'abuse' },
        { text: 'idiot', category: 'abuse' },
        { text: '刷单', category: 'fraud' },
        { text: '套现', category: 'fraud' },
      ],
    });

    // The customer: a masked word shows masked; a blocked message is refused and comes back to the box.
    const customer = await browser.newPage({ viewport: { width: 420, height: 720 } });
    customer.on('pageerror', (err) => errors.push(err.message));
    await customer.goto(`${product.url}/chat/?workspace=${shop.publicKey}&lang=en`);
    const box = customer.getByLabel('Message');
    await box.fill('you I D I O T');
    await customer.getByRole('button', { name: 'Send' }).click();
    const mine = customer.getByTestId('messages').locator('li[data-author="customer"]');
    await expect.poll(() => mine.first().innerText()).toBe('you ＊ ＊ ＊ ＊ ＊');
    await box.fill('能帮我刷 单吗');
    await customer.getByRole('button', { name: 'Send' }).click();
    await customer.getByText(/does not accept/).waitFor();
    await expect.poll(() => box.inputValue()).toBe('能帮我刷 单吗');
    expect(await mine.count()).toBe(1);
    await customer.screenshot({ path: join(screenshotDir, 'sensitive-words-chat.png') });
    expect(errors).toEqual([]);
  });
});
