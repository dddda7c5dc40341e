import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketCreate, TicketWire } from '@kefu/schemas/api';
import { launchBrowser, screenshotDir } from './support/browser';
import { signInToConsole } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { signUpStaffShop, type StaffShop } from './support/staff';

describe('tickets in the console', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function open(shop: StaffShop, ticket: TicketCreate): Promise<TicketWire> {
    const created = await callApi<TicketWire>(product.url, shop, 'POST', '/tickets', ticket);
    expect(created.status).toBe(201);
    return created.body;
  }
  const rows = (page: Page) => page.locator('.ticket-table tbody tr');
  const subjects = (page: Page) => page.locator('.ticket-table tbody .ticket-subject').allInnerTexts();

  it('filters, searches, pages, edits with a timeline of every change, and changes many at once', async () => {
    const shop = await signUpStaffShop(product.url, 'tickets');
    // 28 tickets: a full page of 25 (the three that matter are the newest), then 3 more.
    for (let i = 1; i <= 25; i++) await open(shop, { subject: `Old question ${i}`, priority: 'low' });
    await open(shop, { subject: 'Tent pole cracked', priority: 'high', tags: ['damage'] });
    await open(shop, {
      subject: 'Stove missing from parcel',
      description: 'The camping stove was not in the box',
    });
    await open(shop, { subject: 'Refund please', priority: 'low', tags: ['refund'] });

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signInToConsole(page, product.url, shop, '#/tickets');

    // The open view, counted: 25 newest first, then the rest loaded onto the list.
    await page.getByRole('button', { name: 'Open 28' }).waitFor();
    await expect.poll(() => rows(page).count()).toBe(25);
    expect((await subjects(page)).slice(0, 3)).toEqual([
      'Refund please',
      'Stove missing from parcel',
      'Tent pole cracked',
    ]);
    await page.getByText('Showing 25 of 28').waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect
      .poll(async () => (await subjects(page)).slice(25))
      .toEqual(['Old question 3', 'Old question 2', 'Old question 1']);
    await page.getByText('Showing 28 of 28').waitFor();

    // Filters and search narrow the list; clearing them brings it back.
    await page.getByLabel('Priority', { exact: true }).selectOption('high');
    await expect.poll(() => subjects(page)).toEqual(['Tent pole cracked']);
    await page.getByLabel('Priority', { exact: true }).selectOption('');
    await page.getByLabel('Tag', { exact: true }).fill('refund');
    await expect.poll(() => subjects(page)).toEqual(['Refund please']);
    await page.getByLabel('Tag', { exact: true }).fill('');
    await page
      .getByRole('searchbox', { name: 'Search subject, description or #number' })
      .fill('camping stove');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => subjects(page)).toEqual(['Stove missing from parcel']);
    await page.getByRole('searchbox', { name: 'Search subject, description or #number' }).fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => rows(page).count()).toBe(25);
    await page.screenshot({ path: join(screenshotDir, 'tickets-open-view.png') });

    // Sorted by priority, the one high ticket leads; the low ones come last.
    await page.getByLabel('Sort by').selectOption('-priority');
    await expect.poll(async () => (await subjects(page))[0]).toBe('Tent pole cracked');
    expect((await subjects(page)).at(-1)).toMatch(/^(Old question \d+|Refund please)$/);
    await page.getByLabel('Sort by').selectOption('-createdAt');
    await expect.poll(async () => (await subjects(page))[0]).toBe('Refund please');

    // Edit one: status, a tag, a custom field; then a note. Each lands on the timeline.
    await page.getByRole('link', { name: 'Tent pole cracked' }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('pending');
    await page.getByLabel('Tags', { exact: true }).fill('damage, vip');
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByLabel('Field name').fill('order');
    await page.getByLabel('Value').fill('1001');
    await page.getByRole('button', { name: 'Save' }).click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('open → pending').waitFor();
    await timeline.locator('li[data-kind="changed"]', { hasText: 'tags' }).waitFor();
    await page.getByLabel('Comment').fill('Called the customer, new pole on its way');
    await page.getByRole('button', { name: 'Post' }).click();
    await timeline.getByText('Called the customer, new pole on its way').waitFor();
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('pending');
    await page.screenshot({ path: join(screenshotDir, 'ticket-detail.png') });

    // Bulk: two tickets solved at once.
    await page.getByRole('link', { name: 'All tickets' }).click();
    await page.getByRole('checkbox', { name: 'Select: Stove missing from parcel' }).check();
    await page.getByRole('checkbox', { name: 'Select: Refund please' }).check();
    await page.getByRole('combobox', { name: 'Set status' }).selectOption('solved');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Updated: 2').waitFor();
    // The counts follow: two fewer open, one pending (the edit above).
    await page.getByRole('button', { name: 'Open 25' }).waitFor();
    await page.getByRole('button', { name: 'Pending 1' }).waitFor();
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('solved');
    await expect.poll(() => subjects(page)).toEqual(['Refund please', 'Stove missing from parcel']);
    await page.screenshot({ path: join(screenshotDir, 'tickets-list.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});
