import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxConversation, User } from '@kefu/schemas/api';
import { launchBrowser, screenshotDir } from './support/browser';
import { setConsoleLanguage, signInToConsole } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { inviteAgent, signUpStaffShop } from './support/staff';
import { WidgetSocket } from './support/widget-socket';

/**
 * An owner allows one agent to view personal data in Settings; the other agent, on the contacts
 * page, sees a customer's phone and email masked (docs/privacy.md).
 */
describe('view personal data, in the console', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('the owner grants it to one agent; an agent without it reads contacts masked', async () => {
    const owner = await signUpStaffShop(product.url, 'pii-ui');
    const [masked, trusted] = await Promise.all([
      inviteAgent(product.url, owner, 'Mei'),
      inviteAgent(product.url, owner, 'Tao'),
    ]);
    // A customer from the chat widget, whose email and phone the owner then fills in.
    const widget = await WidgetSocket.open(product.wsUrl);
    const { conversationId } = await widget.hello('visitor-pii-ui', owner.publicKey);
    await widget.close();
    const conversation = await callApi<InboxConversation>(
      product.url,
      owner,
      'GET',
      `/inbox/conversations/${conversationId}`,
    );
    const edited = await callApi(product.url, owner, 'PATCH', `/contacts/${conversation.body.contact.id}`, {
      name: 'Li Na',
      email: 'li.na@customer.test',
      phone: '13812345678',
    });
    expect(edited.status).toBe(200);
    const errors: string[] = [];

    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('pageerror', (err) => errors.push(err.message));
    await signInToConsole(page, product.url, owner, '#/settings');
    const section = page.getByRole('region', { name: 'Personal data' });
    await section.scrollIntoViewIfNeeded();
    const box = section.getByRole('checkbox', { name: 'May view personal data: Tao' });
    // The box follows the saved state (it is set from the answer), so click and wait for the save.
    await box.click();
    await expect
      .poll(async () => {
        const users = await callApi<{ items: User[] }>(product.url, owner, 'GET', '/users?limit=100');
        return users.body.items.find((u) => u.id === trusted.userId)?.viewPersonalData;
      })
      .toBe(true);
    await expect.poll(() => box.isChecked()).toBe(true);
    expect(await section.getByRole('checkbox', { name: 'May view personal data: Mei' }).isChecked()).toBe(
      false,
    );
    await page.screenshot({ path: join(screenshotDir, 'personal-data-settings-en.png') });
    await setConsoleLanguage(page, 'zh');
    await page.getByRole('region', { name: '个人信息' }).getByText('店主：始终可以').waitFor();
    await page.getByRole('region', { name: '个人信息' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'personal-data-settings-zh.png') });

    const agent = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    agent.on('pageerror', (err) => errors.push(err.message));
    await signInToConsole(agent, product.url, masked, '#/contacts');
    await agent.getByRole('link', { name: 'Li Na' }).waitFor();
    await agent.getByText('l***@customer.test').first().waitFor();
    const html = await agent.content();
    expect(html).not.toContain('li.na@customer.test');
    expect(html).not.toContain('13812345678');
    await agent.screenshot({ path: join(screenshotDir, 'personal-data-contacts-masked.png') });
    expect(errors).toEqual([]);
  });
});
