import { join } from 'node:path';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDraft } from '@kefu/schemas';
import { launchBrowser, screenshotDir } from './support/browser';
import { startProduct, type RunningProduct } from './support/product';
import { lineDraft } from './support/publish-flow';

// Two live message-received flows in the designer's flow list: the publish dialog names the other
// one, the owner reorders them and edits a filter; English and Chinese.
describe('live flows in the flow list (headless Chromium)', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });
  const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });

  async function createFlow(request: APIRequestContext, draft: FlowDraft): Promise<string> {
    const created = await request.post(`${product.url}/flows`, {
      data: { name: draft.name, kind: draft.kind },
    });
    expect(created.status()).toBe(201);
    const { id, revision } = (await created.json()) as { id: string; revision: number };
    expect(
      (await request.put(`${product.url}/flows/${id}/draft`, { data: { revision, draft } })).status(),
    ).toBe(200);
    return id;
  }
  const replying = (name: string, text: string) =>
    lineDraft(name, [
      { id: 'msg', type: 'message-received', config: {} },
      { id: 'reply', type: 'send-message', config: { text } },
      { id: 'done', type: 'end', config: {} },
    ]);

  it('publishes a second message-received flow after naming the first, then reorders and filters them', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const { request } = context;
    const signup = await request.post(`${product.url}/signup`, {
      data: {
        workspaceName: 'Tea Shop',
        name: 'Mei',
        email: `owner-${Date.now()}@tea.example`,
        password: 'correct horse battery',
      },
    });
    expect(signup.status()).toBe(201);
    const night = await createFlow(
      request,
      replying('Out-of-hours reply', 'We are closed; we answer at 9:00.'),
    );
    expect((await request.post(`${product.url}/flows/${night}/publish`, { data: {} })).status()).toBe(201);
    expect(
      (await request.put(`${product.url}/flows/${night}/entry`, { data: { hours: 'closed' } })).status(),
    ).toBe(200);
    const orders = await createFlow(request, replying('Order help', 'Tell us your order number.'));

    // Publishing the second flow says the first is live for the same trigger, before it goes live.
    await page.goto(`${product.url}/designer/#/flow/${orders}`);
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByText('Also live for this trigger:').waitFor();
    await dialog.getByText('Out-of-hours reply').waitFor();
    await dialog.getByText(/goes live after them/).waitFor();
    await shot(page, 'publish-dialog-live-flows');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await page.getByTestId('publish-result').filter({ hasText: 'Published version v1' }).waitFor();

    // The flow list: both live, in order, with their filters; both still "published".
    await page.goto(`${product.url}/designer/#/`);
    const lineup = page.getByRole('list', { name: 'Message received' });
    await lineup.getByRole('listitem').nth(1).filter({ hasText: 'Order help' }).waitFor();
    await expect
      .poll(() => lineup.getByRole('listitem').allInnerTexts())
      .toEqual([
        expect.stringMatching(/Out-of-hours reply[\s\S]*out of hours/),
        expect.stringMatching(/Order help[\s\S]*every event/),
      ]);
    await expect.poll(() => page.locator('table.flows .status-published').count()).toBe(2);

    // Order help first, for web chats only.
    await page.getByRole('button', { name: 'Move up: Order help' }).click();
    await lineup.getByRole('listitem').first().filter({ hasText: 'Order help' }).waitFor();
    const row = lineup.getByRole('listitem').first();
    await row.getByRole('button', { name: 'Filters' }).click();
    await row.getByRole('checkbox', { name: 'web chat' }).check();
    await row.getByRole('button', { name: 'Save' }).click();
    // The editor closes once saved; the row's summary then names the channel.
    await row.getByRole('form').waitFor({ state: 'detached' });
    await row.locator('.entry-summary', { hasText: 'web chat' }).waitFor();
    await shot(page, 'flow-list-live-flows');

    await page.getByLabel('Language').selectOption('zh');
    await page
      .getByRole('list', { name: '收到消息' })
      .locator('.entry-summary', { hasText: '网页聊天' })
      .waitFor();
    await page.getByText('生效中的流程（按尝试顺序）').waitFor();
    await shot(page, 'flow-list-live-flows-zh');
    await page.getByLabel('语言').selectOption('en');

    const { workspace } = (await signup.json()) as { workspace: { id: string } };
    const stored = await product.models.FlowLineup.findOne({
      workspaceId: workspace.id,
      trigger: 'message-received',
    }).lean();
    expect(stored?.order).toEqual([orders, night]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
