import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSeedFlow } from '@kefu/runtime';
import type { FlowDraft } from '@kefu/schemas';
import { launchBrowser, screenshotDir } from './support/browser';
import { startCuttableProxy } from './support/cuttable-proxy';
import { serveHostPage } from './support/host-page';
import { startProduct, type RunningProduct } from './support/product';
import { signUpShop } from './support/shop';

/** A survey, then "we are closed" with the offline form: the widget's stars and form. */
const closedFlow: FlowDraft = {
  schemaVersion: 1,
  name: 'Rate us, then leave a message',
  kind: 'survey',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    {
      id: 'survey',
      type: 'satisfaction-survey',
      config: { question: 'How was your last visit?', timeoutMinutes: 30 },
    },
    {
      id: 'closed',
      type: 'send-message',
      config: {
        text: 'We are closed right now. Leave us a message and we will email you.',
        offlineForm: true,
      },
    },
    { id: 'wait', type: 'wait-for-reply', config: {} },
    { id: 'done', type: 'end', config: {} },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'survey' },
    { source: 'survey', sourcePort: 'positive', target: 'closed' },
    { source: 'survey', sourcePort: 'negative', target: 'closed' },
    { source: 'survey', sourcePort: 'no-response', target: 'done' },
    { source: 'closed', sourcePort: 'next', target: 'wait' },
    { source: 'wait', sourcePort: 'received', target: 'done' },
    { source: 'wait', sourcePort: 'timeout', target: 'done' },
  ],
};

describe('the embeddable chat widget in headless Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('one script tag on a plain page: bubble, chat window, bot reply, and a badge for replies while closed', async () => {
    const site = await serveHostPage(shopPage(product.url, 'demo'));
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(site.url);
      const bubble = page.getByRole('button', { name: /^Chat with us/ });
      await bubble.waitFor();
      expect(await page.locator('iframe').count()).toBe(0); // a first visit loads nothing until asked
      await page.screenshot({ path: join(screenshotDir, 'widget-1-bubble.png') });

      await bubble.click();
      expect(await page.getByRole('button', { name: 'Close chat' }).getAttribute('aria-expanded')).toBe(
        'true',
      );
      const chat = page.frameLocator('iframe[title="Chat with us"]');
      await chat.getByText('Welcome to Demo Shop').waitFor();
      await chat.getByLabel('Message').fill('hi from the shop page');
      await chat.getByRole('button', { name: 'Send' }).click();
      await chat.getByText('we got your message: "hi from the shop page"').waitFor();
      await page.screenshot({ path: join(screenshotDir, 'widget-2-open.png') });

      // Minimised, a reply from the shop shows as a badge on the bubble; opening clears it.
      await chat.getByRole('button', { name: 'Minimise chat' }).click();
      await page.getByRole('button', { name: 'Chat with us' }).waitFor();
      const conversation = await product.models.Conversation.findOne({ workspaceId: product.workspaceId })
        .sort({ createdAt: -1 })
        .lean()
        .orFail();
      await pushAgentMessage(product, String(conversation._id), 'An agent here: your parcel left today.');
      const withBadge = page.getByRole('button', { name: 'Chat with us (1 unread)' });
      await withBadge.waitFor();
      await page.screenshot({ path: join(screenshotDir, 'widget-3-unread-badge.png') });
      await withBadge.click();
      await chat.getByText('An agent here: your parcel left today.').waitFor();
      await page.getByRole('button', { name: 'Close chat' }).waitFor();
      // Escape typed in the chat closes it, and focus returns to the bubble.
      await chat.getByLabel('Message').press('Escape');
      await page.getByRole('button', { name: 'Chat with us', exact: true }).waitFor();
      expect(await page.locator('iframe').isVisible()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await site.close();
    }
  });

  it('the loader is served for other sites to load, and only the chat page may be framed', async () => {
    const script = await fetch(`${product.url}/widget.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const chatPage = await fetch(`${product.url}/chat/`);
    expect(chatPage.headers.get('x-frame-options')).toBeNull();
    expect(chatPage.headers.get('content-security-policy')).toContain('frame-ancestors *');
    const home = await fetch(`${product.url}/`);
    expect(home.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });

  it('drops the connection mid-conversation, queues what is typed offline, and every message arrives once, in order', async () => {
    const proxy = await startCuttableProxy(product.url);
    const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    const errors = collectErrors(page);
    try {
      await page.goto(`${proxy.url}/chat/`);
      const connection = page.getByTestId('connection');
      await expect.poll(() => connection.textContent()).toBe('Online');
      await page.getByText('Welcome to Demo Shop').waitFor();
      await say(page, 'one');
      await page.getByText('we got your message: "one"').waitFor();
      const customer = page.getByTestId('messages').locator('li[data-author="customer"]');
      const statuses = () => customer.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      // The run's reply can come before the API's acknowledgement (it signals the run, then acks).
      await expect.poll(statuses).toEqual(['sent']);

      // The network goes away: the socket dies under the chat, which says so.
      proxy.cut();
      await expect.poll(() => connection.textContent()).not.toBe('Online');
      await say(page, 'two');
      await say(page, 'three');
      await expect.poll(statuses).toEqual(['sent', 'sending', 'sending']);
      await page.screenshot({ path: join(screenshotDir, 'widget-4-offline-queue.png') });

      // Back online: the queue goes out by itself, in order, each once.
      proxy.restore();
      await expect.poll(() => connection.textContent()).toBe('Online');
      await page.getByText('we got your message: "three"').waitFor();

      // A message whose acknowledgement is lost with the connection is resent and still stored once.
      await say(page, 'four');
      proxy.cut();
      proxy.restore();
      await page.getByText('we got your message: "four"').waitFor();
      await expect.poll(() => customer.allInnerTexts()).toEqual(['one', 'two', 'three', 'four']);

      const conversation = await product.models.Conversation.findOne({ workspaceId: product.workspaceId })
        .sort({ createdAt: -1 })
        .lean()
        .orFail();
      const stored = await product.models.Message.find({
        workspaceId: product.workspaceId,
        conversationId: conversation._id,
      })
        .sort({ createdAt: 1, _id: 1 })
        .lean();
      const texts = stored.map((m) => m.text);
      expect(texts.filter((t) => ['one', 'two', 'three', 'four'].includes(t))).toEqual([
        'one',
        'two',
        'three',
        'four',
      ]);
      for (const word of ['one', 'two', 'three', 'four'])
        expect(texts.filter((t) => t.includes(`we got your message: "${word}"`))).toHaveLength(1);

      // What the page shows is what the server has: a reload draws the same list.
      const shown = await page.getByTestId('messages').locator('li').allInnerTexts();
      await page.reload();
      await page.getByText('we got your message: "four"').waitFor();
      expect(await page.getByTestId('messages').locator('li').allInnerTexts()).toEqual(shown);
      expect(shown).toHaveLength(texts.length);
      await page.screenshot({ path: join(screenshotDir, 'widget-5-after-reconnect.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await proxy.close();
    }
  });

  it('in Chinese: stars for the survey, then the offline form opens a ticket on the contact', async () => {
    const shop = await signUpShop(product.url, 'closed');
    await publishSeedFlow(product.models, shop.workspaceId, closedFlow);
    const site = await serveHostPage(shopPage(product.url, shop.publicKey));
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(site.url);
      await page.getByRole('button', { name: '在线客服' }).click();
      const chat = page.frameLocator('iframe[title="在线客服"]');
      await chat.getByText('How was your last visit?').waitFor();
      const stars = chat.getByRole('group', { name: '为我们的服务评分' }).getByRole('button');
      expect(await stars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
        '1 星',
        '2 星',
        '3 星',
        '4 星',
        '5 星',
      ]);
      await page.screenshot({ path: join(screenshotDir, 'widget-6-stars-zh.png') });
      await chat.getByRole('button', { name: '4 星' }).click();
      await chat.getByText('We are closed right now.', { exact: false }).waitFor();
      expect(await chat.getByRole('group', { name: '为我们的服务评分' }).count()).toBe(0);

      const form = chat.getByRole('form', { name: '给我们留言' });
      await form.getByLabel('邮箱').fill('not-an-email');
      await form.getByLabel('留言内容').fill('请问周末发货吗？');
      await form.getByRole('button', { name: '提交留言' }).click();
      await form.getByRole('alert').filter({ hasText: '请输入有效的邮箱地址' }).waitFor();
      await form.getByLabel('您的称呼（可选）').fill('李雷');
      await form.getByLabel('邮箱').fill('lilei@example.com');
      await form.getByRole('button', { name: '提交留言' }).click();
      await chat.getByText('已收到！我们会回复到 lilei@example.com。').waitFor();
      await page.screenshot({ path: join(screenshotDir, 'widget-7-offline-form-sent-zh.png') });

      const ticket = await product.models.Ticket.findOne({ workspaceId: shop.workspaceId }).lean().orFail();
      expect(ticket).toMatchObject({
        source: 'offline-form',
        subject: 'Offline message from 李雷',
      });
      expect(ticket.description).toContain('请问周末发货吗？');
      const contact = await product.models.Contact.findOne({
        _id: ticket.contactId,
        workspaceId: shop.workspaceId,
      })
        .lean()
        .orFail();
      expect([contact.name, contact.email]).toEqual(['李雷', 'lilei@example.com']);
      const rating = await product.models.Message.findOne({
        workspaceId: shop.workspaceId,
        author: 'customer',
        text: '4',
      }).lean();
      expect(rating).not.toBeNull();

      // The visitor may switch the chat to English; the choice sticks.
      await chat.getByRole('button', { name: '切换到英文' }).click();
      await chat.getByRole('button', { name: 'Send', exact: true }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await site.close();
    }
  });
});

/** A shop's own page: nothing of Kefu's but the one line owners paste from their settings. */
function shopPage(kefuUrl: string, publicKey: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Outdoor</title></head>
<body style="font-family:sans-serif;margin:0;padding:24px;background:#fefce8">
<h1>Acme Outdoor</h1><p>Tents, stoves and everything for your next trip.</p>
<script src="${kefuUrl}/widget.js" data-workspace="${publicKey}" async></script>
</body></html>`;
}

/** What the inbox does when an agent replies: store the message, then push it to the customer. */
async function pushAgentMessage(product: RunningProduct, conversationId: string, text: string) {
  const doc = await product.models.Message.create({
    workspaceId: product.workspaceId,
    conversationId,
    author: 'agent',
    text,
    idempotencyKey: `widget-test/${conversationId}/${text}`,
  });
  const res = await fetch(`${product.url}/internal/deliveries`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-kefu-internal-token': product.env.KEFU_INTERNAL_TOKEN!,
    },
    body: JSON.stringify({
      workspaceId: product.workspaceId,
      message: {
        id: String(doc._id),
        conversationId,
        author: 'agent',
        text,
        createdAt: doc.createdAt.toISOString(),
      },
    }),
  });
  expect(res.status).toBeLessThan(300);
}

async function say(page: Page, text: string) {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}
