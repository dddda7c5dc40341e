import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailIndex } from '@kefu/runtime/models';
import { launchBrowser, screenshotDir } from './support/browser';
import { startProduct, type RunningProduct } from './support/product';

const PASSWORD = 'correct horse battery staple';

describe('contacts and widget settings in the staff console', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('imports a CSV with a broken row, searches, edits, merges duplicates and shows the history, all as text', async () => {
    const shop = await signUp(product.url, 'crm-ui');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    let alerted = false;
    page.on('dialog', async (dialog) => {
      alerted = true;
      await dialog.dismiss();
    });
    await signIn(page, product.url, shop, '#/contacts');
    await page.getByText('No contact matches.').waitFor();

    // Import: the good rows come in, the broken one is reported with its line.
    const csv = [
      'name,email,phone,tags,plan',
      'Ann Lee,ann@example.com,,vip|returns,gold',
      'Bad Email,not-an-email,,,',
      '王小明,,+86 138 0000 1111,new,',
      '<img src=x onerror=alert(1)>,xss@example.com,,,',
    ].join('\n');
    await page.getByText('Import CSV').click();
    await page.getByLabel('CSV file to import').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByText('Created: 3 · Updated: 0 · Rows with problems: 1').waitFor();
    await page.getByText('Line 3 · email:').waitFor();
    await page.getByRole('link', { name: 'Ann Lee' }).waitFor();
    expect(await page.locator('.contact-table img').count()).toBe(0);
    await page.getByRole('link', { name: '<img src=x onerror=alert(1)>' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'contacts-1-list-import.png') });

    // Search matches part of the phone number.
    await page.getByRole('searchbox').fill('0000 1111');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.contact-table tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: '王小明' }).waitFor();

    // A widget visitor who gave the same email is a duplicate of Ann, with a conversation.
    const visitor = await product.models.Contact.create({
      workspaceId: shop.workspaceId,
      visitorId: 'crm-ui-visitor-1',
      email: 'ANN@example.com',
      tags: ['chat'],
    });
    await product.models.Conversation.create({
      workspaceId: shop.workspaceId,
      contactId: visitor._id,
      channel: 'web',
      lastMessageAt: new Date(),
    });
    await page.getByRole('link', { name: 'Find duplicates' }).click();
    const group = page.getByRole('group', { name: 'Same email: ann@example.com' });
    await group.waitFor();
    await page.screenshot({ path: join(screenshotDir, 'contacts-2-duplicates.png') });
    await group.getByRole('button', { name: 'Merge into the kept contact' }).click();
    await page.getByText('No duplicates: no two contacts share an email or phone.').waitFor();

    // The kept contact: united tags, the visitor's conversation in its history; edit it.
    await page.getByRole('link', { name: '← All contacts' }).click();
    await page.getByRole('searchbox').fill('ann@');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Ann Lee' }).click();
    await page.getByRole('heading', { name: 'Ann Lee' }).waitFor();
    await page.getByText('Contacts merged into this one: 1').waitFor();
    expect(await page.getByLabel('Tags', { exact: true }).inputValue()).toBe('vip, returns, chat');
    await expect.poll(() => page.locator('.contact-history li').count()).toBe(1);
    await page.getByLabel('Phone').fill('+1 555 0100');
    await page.getByLabel('Tags', { exact: true }).fill('vip, returns');
    await page.getByRole('button', { name: 'Add attribute' }).click();
    await page.getByLabel('Attribute name 2').fill('city');
    await page.getByLabel('Value 2').fill('Hangzhou');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    // The kept contact, not the visitor merged into it (which keeps its own email key).
    await expect
      .poll(async () => {
        const stored = await product.models.Contact.findOne({
          workspaceId: shop.workspaceId,
          emailKey: emailIndex('ann@example.com'),
          mergedInto: { $exists: false },
        })
          .lean()
          .orFail();
        return { phone: stored.phone, tags: stored.tags, attributes: stored.attributes };
      })
      .toMatchObject({
        phone: '+1 555 0100',
        tags: ['vip', 'returns'],
        attributes: { plan: 'gold', city: 'Hangzhou' },
      });
    await page.screenshot({ path: join(screenshotDir, 'contacts-3-detail.png') });

    // A refused edit says why, naming the field.
    await page.getByLabel('Phone').fill('call me maybe');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'body/phone' }).waitFor();

    // The same page in Chinese.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByRole('heading', { name: 'Ann Lee' }).waitFor();
    await page.getByRole('link', { name: '← 全部联系人' }).click();
    await page.getByRole('heading', { name: '联系人' }).waitFor();
    await page.getByRole('link', { name: '查找重复' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'contacts-4-list-zh.png') });

    expect(alerted).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows owners the workspace's widget snippet in settings", async () => {
    const shop = await signUp(product.url, 'snippet');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, product.url, shop, '#/settings');
    await page.getByRole('heading', { name: 'Chat widget' }).waitFor();
    const code = page.getByLabel('Widget code for your website');
    expect(await code.inputValue()).toBe(
      `<script src="${product.url}/widget.js" data-workspace="${shop.publicKey}" async></script>`,
    );
    await page.getByLabel('Chat language').selectOption('zh');
    expect(await code.inputValue()).toContain('data-lang="zh"');
    await page.screenshot({ path: join(screenshotDir, 'settings-widget-snippet.png') });
    await page.close();
  });
});

interface Owner {
  email: string;
  workspaceId: string;
  publicKey: string;
}

async function signUp(baseUrl: string, label: string): Promise<Owner> {
  const email = `${label}-${Date.now()}@example.com`;
  const res = await fetch(`${baseUrl}/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspaceName: `${label} shop`,
      name: `${label} owner`,
      email,
      password: PASSWORD,
    }),
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { workspace: { id: string; publicKey: string } };
  return { email, workspaceId: body.workspace.id, publicKey: body.workspace.publicKey };
}

async function signIn(page: Page, baseUrl: string, owner: Owner, hash: string) {
  await page.goto(`${baseUrl}/${hash}`);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
