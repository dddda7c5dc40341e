import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from './support/browser';
import { signInToConsole } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { signUpStaffShop } from './support/staff';

/** Issue 16: an owner invites an agent through Settings, the agent joins by the link, the owner reads the audit log. */
describe('inviting a teammate and the audit log, through the console only', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('an owner invites an agent, who accepts by the link in a fresh browser and works as an agent', async () => {
    const shop = await signUpStaffShop(product.url, 'invite-ui');
    const agentEmail = `mei-${Date.now()}@example.com`;
    const owner = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await owner.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signInToConsole(page, product.url, shop, '#/settings');

    // The invite, with a typo first: the field says so.
    const invites = page.getByRole('region', { name: 'Invite teammates' });
    await invites.getByText('No invites waiting.').waitFor();
    await invites.getByLabel('Email').fill('mei@');
    await invites.getByRole('button', { name: 'Invite', exact: true }).click();
    await invites.getByRole('alert').filter({ hasText: 'This is not an email address.' }).waitFor();
    await invites.getByLabel('Email').fill(agentEmail);
    await invites.getByLabel('Role').selectOption({ label: 'Agent' });
    await invites.getByRole('button', { name: 'Invite', exact: true }).click();
    const link = await invites.getByLabel(`Send this link to ${agentEmail}`).inputValue();
    expect(new URL(link).pathname).toBe('/accept-invite');
    const row = invites.getByRole('row', { name: agentEmail });
    await row.getByText('Waiting').waitFor();
    await row.getByText('Agent').waitFor();
    // Inviting the same address again is "Send again", said next to the field.
    await invites.getByLabel('Email').fill(agentEmail);
    await invites.getByRole('button', { name: 'Invite', exact: true }).click();
    await invites.getByRole('alert').filter({ hasText: 'already invited' }).waitFor();
    // The section's heading at the top of the window (a string: the tests' types have no DOM).
    const toTop = () =>
      page.evaluate(`document.getElementById('invite-settings-title').scrollIntoView({ block: 'start' })`);
    await toTop();
    await page.screenshot({ path: join(screenshotDir, 'team-invites.png') });
    await invites.getByLabel('Email').fill('');
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByRole('heading', { name: '邀请同事' }).waitFor();
    await page.getByRole('row', { name: agentEmail }).getByText('等待接受').waitFor();
    await toTop();
    await page.screenshot({ path: join(screenshotDir, 'team-invites-zh.png') });
    await page.getByRole('banner').getByRole('combobox', { name: '语言' }).selectOption('en');

    // The agent, in a browser that has never seen the console.
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agentPage = await fresh.newPage();
    agentPage.on('pageerror', (err) => errors.push(err.message));
    await agentPage.goto(link);
    await agentPage.getByRole('heading', { name: 'Join invite-ui shop' }).waitFor();
    await agentPage.getByText('Agent', { exact: true }).waitFor();
    expect(await agentPage.getByLabel('Email').inputValue()).toBe(agentEmail);
    await agentPage.screenshot({ path: join(screenshotDir, 'accept-invite.png') });
    await agentPage.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await agentPage.getByRole('heading', { name: '加入 invite-ui shop' }).waitFor();
    await agentPage.screenshot({ path: join(screenshotDir, 'accept-invite-zh.png') });
    await agentPage.getByRole('combobox', { name: '语言' }).selectOption('en');
    await agentPage.getByLabel('Your name').fill('Mei');
    await agentPage.getByLabel('Choose a password').fill('a long enough password');
    await agentPage.getByRole('button', { name: 'Accept and sign in' }).click();

    // Signed in on the console as an agent: the inbox, and none of the owner's pages.
    const nav = agentPage.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    await nav.getByRole('link', { name: 'Inbox' }).waitFor();
    await agentPage.getByRole('banner').getByText('Mei · invite-ui shop').waitFor();
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

    // The same link again, now used: a clear message, not a form or a blank page.
    await agentPage.goto(link);
    await agentPage.getByRole('heading', { name: 'This invitation was already accepted' }).waitFor();
    await agentPage.goto(`${product.url}/accept-invite?token=nonsense`);
    await agentPage.getByRole('heading', { name: 'This invitation link does not work' }).waitFor();
    await fresh.close();

    // The owner's audit log shows the invite and the join, filters to one, and exports it.
    await page.goto(`${product.url}/#/audit`);
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.getByRole('row', { name: /Joined/ }).waitFor();
    await table
      .getByRole('row', { name: /Invited someone/ })
      .first()
      .waitFor();
    await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Joined' });
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(async () => await table.getByRole('row').count()).toBe(2);
    await page.screenshot({ path: join(screenshotDir, 'audit-log.png') });
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await page.request.get(`${product.url}${href}`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${agentEmail},user.join`);
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByRole('table', { name: '审计日志' }).getByText('加入').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'audit-log-zh.png') });
    expect(errors).toEqual([]);
    await owner.close();
  });
});
