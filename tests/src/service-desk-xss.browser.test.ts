import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDraft } from '@kefu/schemas';
import type { ConversationSummary, TicketWire } from '@kefu/schemas/api';
import { launchBrowser, screenshotDir } from './support/browser';
import { signInToConsole, xssPayload, xssTraces } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { setUpDesk, signUpStaffShop } from './support/staff';
import { WidgetSocket } from './support/widget-socket';

/** Every conversation goes straight to the support team's queue. */
const routeOnly: FlowDraft = {
  schemaVersion: 1,
  name: 'Straight to support',
  kind: 'routing',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    {
      id: 'route',
      type: 'route-to-team',
      config: { teamId: 'support', strategy: 'least-loaded', timeoutMinutes: 30 },
    },
    { id: 'done', type: 'end', config: {} },
    { id: 'nobody', type: 'send-message', config: { text: 'Nobody is free right now.' } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'route' },
    { source: 'route', sourcePort: 'assigned', target: 'done' },
    { source: 'route', sourcePort: 'no-agent', target: 'nobody' },
    { source: 'route', sourcePort: 'timeout', target: 'nobody' },
  ],
};

describe('markup typed by customers is shown as text in the inbox and tickets', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  /** A shop with a routed conversation whose contact and first message carry markup. */
  async function markedUpConversation(label: string) {
    const shop = await signUpStaffShop(product.url, label);
    await setUpDesk(product.url, shop, { key: 'support', name: 'Support' }, routeOnly);
    expect((await callApi(product.url, shop, 'PATCH', '/agents/me', { presence: 'online' })).status).toBe(
      200,
    );
    const customer = await WidgetSocket.open(product.wsUrl);
    const { conversationId } = await customer.hello(`${label}-visitor-${Date.now()}`, shop.publicKey);
    customer.send({ type: 'message', clientMessageId: `${label}-message-0001`, text: xssPayload('message') });
    await customer.next((f) => f.type === 'ack');
    await customer.close();
    const conversation = await callApi<ConversationSummary>(
      product.url,
      shop,
      'GET',
      `/conversations/${conversationId}`,
    );
    const patched = await callApi(product.url, shop, 'PATCH', `/contacts/${conversation.body.contactId}`, {
      name: xssPayload('name'),
    });
    expect(patched.status).toBe(200);
    return { shop, conversationId };
  }

  async function consolePage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return { context, page, dialogs };
  }

  it('in the inbox: a message and a contact name with script in them are shown, never run', async () => {
    const { shop, conversationId } = await markedUpConversation('xss-inbox');
    const { context, page, dialogs } = await consolePage();
    await signInToConsole(page, product.url, shop, `#/inbox/${conversationId}`);

    // The queue entry, the thread, the header and the contact panel all show the markup as text.
    await page.getByTestId('thread').getByText(xssPayload('message'), { exact: true }).waitFor();
    await page
      .getByRole('heading', { name: xssPayload('name'), exact: true })
      .first()
      .waitFor();
    await page.getByRole('complementary', { name: 'Contact' }).getByText(xssPayload('name')).waitFor();
    await page.getByTestId('queue-unassigned').getByText(xssPayload('name')).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'inbox-xss.png') });
    expect(await xssTraces(page)).toEqual({ ran: null, injected: 0 });

    // The same screen in Chinese: the console switches as a whole, the markup still inert.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: /收件箱/ })
      .waitFor();
    await page.getByRole('button', { name: '接受' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'inbox-zh.png') });
    expect(await xssTraces(page)).toEqual({ ran: null, injected: 0 });
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('in tickets: a subject and a description with script in them are shown, never run', async () => {
    const { shop, conversationId } = await markedUpConversation('xss-ticket');
    const ticket = await callApi<TicketWire>(product.url, shop, 'POST', '/tickets', {
      subject: xssPayload('subject'),
      description: xssPayload('description'),
      conversationId,
    });
    expect(ticket.status).toBe(201);
    const { context, page, dialogs } = await consolePage();
    await signInToConsole(page, product.url, shop, '#/tickets');

    await page.getByRole('link', { name: xssPayload('subject'), exact: true }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'tickets-xss.png') });
    expect(await xssTraces(page)).toEqual({ ran: null, injected: 0 });
    await page.getByRole('link', { name: xssPayload('subject'), exact: true }).click();
    await expect.poll(() => page.getByLabel('Subject').inputValue()).toBe(xssPayload('subject'));
    expect(await page.getByLabel('Description').inputValue()).toBe(xssPayload('description'));
    await page.getByRole('list', { name: 'Timeline' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'ticket-xss.png') });
    expect(await xssTraces(page)).toEqual({ ran: null, injected: 0 });

    // The ticket shows in the inbox's contact panel too, as text.
    await page.goto(`${product.url}/#/inbox/${conversationId}`);
    await page.getByRole('complementary', { name: 'Contact' }).getByText(xssPayload('subject')).waitFor();
    expect(await xssTraces(page)).toEqual({ ran: null, injected: 0 });
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
