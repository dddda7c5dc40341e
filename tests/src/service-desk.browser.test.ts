import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDraft } from '@kefu/schemas';
import { launchBrowser, screenshotDir } from './support/browser';
import { signInToConsole } from './support/console-page';
import { serveHostPage } from './support/host-page';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { inviteAgent, setUpDesk, signUpStaffShop } from './support/staff';

/**
 * The bot asks what the customer needs and answers, then routes to the support team; when the
 * agent resolves the conversation the customer is asked for a rating.
 */
const deskFlow: FlowDraft = {
  schemaVersion: 1,
  name: 'Bot, then support, then a rating',
  kind: 'routing',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    {
      id: 'ask',
      type: 'ask-question',
      config: {
        question: "Hi! I'm the Acme bot. What can I help you with?",
        answerType: 'text',
        saveAs: 'topic',
        timeoutMinutes: 30,
      },
    },
    {
      id: 'answer',
      type: 'send-message',
      config: { text: 'Thanks! I am passing "{{vars.topic}}" to our support team.' },
    },
    {
      id: 'route',
      type: 'route-to-team',
      config: { teamId: 'support', strategy: 'least-loaded', timeoutMinutes: 10 },
    },
    { id: 'resolved', type: 'wait-for-resolution', config: { timeoutMinutes: 60 } },
    {
      id: 'survey',
      type: 'satisfaction-survey',
      config: { question: 'How did we do? (1 = poor, 5 = excellent)', positiveFrom: 4, timeoutMinutes: 30 },
    },
    { id: 'thanks', type: 'send-message', config: { text: 'Thanks for rating us {{vars.csat}} stars!' } },
    { id: 'sorry', type: 'send-message', config: { text: 'Nobody is free right now, we will write back.' } },
    { id: 'done', type: 'end', config: {} },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'ask' },
    { source: 'ask', sourcePort: 'answered', target: 'answer' },
    { source: 'ask', sourcePort: 'invalid', target: 'done' },
    { source: 'ask', sourcePort: 'timeout', target: 'done' },
    { source: 'answer', sourcePort: 'next', target: 'route' },
    { source: 'route', sourcePort: 'assigned', target: 'resolved' },
    { source: 'route', sourcePort: 'no-agent', target: 'sorry' },
    { source: 'route', sourcePort: 'timeout', target: 'sorry' },
    { source: 'resolved', sourcePort: 'resolved', target: 'survey' },
    { source: 'resolved', sourcePort: 'timeout', target: 'done' },
    { source: 'survey', sourcePort: 'positive', target: 'thanks' },
    { source: 'survey', sourcePort: 'negative', target: 'thanks' },
    { source: 'survey', sourcePort: 'no-response', target: 'done' },
    { source: 'thanks', sourcePort: 'next', target: 'done' },
    { source: 'sorry', sourcePort: 'next', target: 'done' },
  ],
};

describe('a customer on a shop site and an agent in the inbox, in two browsers', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('bot answers, the flow routes to the team, the agent accepts, they chat live, the agent resolves and the 5-star rating shows', async () => {
    const shop = await signUpStaffShop(product.url, 'acme');
    // Ann is an agent the owner invited; she alone is on the Support team.
    const ann = await inviteAgent(product.url, shop, 'Ann');
    await setUpDesk(product.url, shop, { key: 'support', name: 'Support', members: [ann.userId] }, deskFlow);
    const canned = await callApi(product.url, shop, 'POST', '/canned-replies', {
      shortcut: 'greet',
      title: 'Greeting',
      text: 'Hello, this is {{agent.name}} from Acme. Let me check order #1001.',
    });
    expect(canned.status).toBe(200);
    const greeting = 'Hello, this is Ann from Acme. Let me check order #1001.';

    // Ann signs in to the console and goes online.
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    const agentErrors = collectErrors(agent);
    // What the inbox's agent socket receives, to tell a live update from a reload.
    const agentFrames: string[] = [];
    agent.on('websocket', (ws) => ws.on('framereceived', (frame) => agentFrames.push(String(frame.payload))));
    await signInToConsole(agent, product.url, ann);
    await agent.getByLabel('My status').selectOption('online');
    await agent.locator('.presence[data-presence="online"]').waitFor();
    await agent.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    // The customer opens the shop's own page (another origin), which embeds the chat with the snippet.
    const site = await serveHostPage(hostPage(product.url, shop.publicKey));
    const customerContext = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    const customerPage = await customerContext.newPage();
    const customerErrors = collectErrors(customerPage);
    try {
      await customerPage.goto(site.url);
      await customerPage.getByRole('button', { name: 'Chat with us' }).click();
      const chat = customerPage.frameLocator('iframe[title="Chat with us"]');
      await chat.getByText("Hi! I'm the Acme bot. What can I help you with?").waitFor();
      await say(chat, 'My order #1001 has not arrived');
      await chat
        .getByText('Thanks! I am passing "My order #1001 has not arrived" to our support team.')
        .waitFor();

      // Routing offers it to the agent: it appears in the queue without a reload.
      const queued = agent.getByTestId('queue-unassigned').getByRole('link');
      await queued.first().waitFor();
      expect(await agent.title()).toMatch(/^\(\d+\) /);
      await queued.first().click();
      await agent
        .getByTestId('thread')
        .getByText('My order #1001 has not arrived', { exact: true })
        .waitFor();
      await agent.screenshot({ path: join(screenshotDir, 'desk-1-offered.png') });
      await agent.getByRole('button', { name: 'Accept' }).click();
      await agent.getByTestId('queue-mine').getByRole('link').first().waitFor();

      // They talk, each side seeing the other's words arrive. The first reply is a canned one.
      await agent.getByRole('button', { name: 'Canned replies' }).click();
      await agent.getByRole('searchbox', { name: 'Search canned replies' }).fill('greet');
      await agent.getByRole('option', { name: /Greeting/ }).click();
      expect(await agent.getByLabel('Reply to the customer').inputValue()).toBe(greeting);
      await agent.getByRole('button', { name: 'Send' }).click();
      await chat.getByText(greeting).waitFor();
      // An internal note stays in the inbox.
      await agent.getByRole('radio', { name: 'Internal note' }).check();
      await agent.getByLabel('Internal note (only staff see it)').fill('VIP customer: ship express');
      await agent.getByRole('button', { name: 'Add note' }).click();
      await agent.locator('[data-author="note"]', { hasText: 'VIP customer: ship express' }).waitFor();
      await agent.getByRole('radio', { name: 'Reply', exact: true }).check();
      await say(chat, 'Thank you, Ann!');
      await agent.getByTestId('thread').getByText('Thank you, Ann!', { exact: true }).waitFor();
      await agent.getByLabel('Reply to the customer').fill('It ships today. Anything else?');
      await agent.keyboard.press('Enter');
      await chat.getByText('It ships today. Anything else?').waitFor();
      await customerPage.screenshot({ path: join(screenshotDir, 'desk-2-customer-chat.png') });
      await agent.screenshot({ path: join(screenshotDir, 'desk-3-agent-chat.png') });

      // Handed back to the team's queue with a note, then taken from the queue again.
      await agent.getByRole('button', { name: 'Transfer' }).click();
      const transfer = agent.getByRole('dialog', { name: 'Transfer' });
      await transfer.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Support' });
      await transfer.getByLabel('Note for the next person (optional)').fill('Order 1001: carrier contacted');
      await transfer.getByRole('button', { name: 'Transfer' }).click();
      await agent.getByTestId('queue-unassigned').getByRole('link').first().waitFor();
      await agent.locator('[data-author="note"]', { hasText: 'Order 1001: carrier contacted' }).waitFor();
      await agent.getByRole('button', { name: 'Accept' }).click();
      await agent.getByTestId('queue-mine').getByRole('link').first().waitFor();

      // The agent resolves; the flow asks the customer for a rating, who gives 5 stars.
      await agent.getByRole('button', { name: 'Resolve' }).click();
      await agent.getByRole('button', { name: 'Reopen' }).waitFor();
      await chat.getByText('How did we do? (1 = poor, 5 = excellent)').waitFor();
      await rateFive(chat);
      await chat.getByText('Thanks for rating us 5 stars!').waitFor();
      await customerPage.screenshot({ path: join(screenshotDir, 'desk-4-customer-rated.png') });

      // The rating shows on the open conversation live, without a reload: the agent's socket got
      // conversation.updated carrying it (the bot's thank-you alone would also refresh the view).
      await expect
        .poll(() => agent.getByTestId('csat').getAttribute('aria-label'))
        .toBe('Customer rating: 5 out of 5');
      const ratedLive = () =>
        agentFrames
          .map((f) => JSON.parse(f) as { type: string; conversation?: { csat?: { rating: number } } })
          .some((f) => f.type === 'conversation.updated' && f.conversation?.csat?.rating === 5);
      await expect.poll(ratedLive).toBe(true);
      await agent.screenshot({ path: join(screenshotDir, 'desk-5-agent-rating.png') });

      // Reopened, it waits in the team's queue again.
      await agent.getByRole('button', { name: 'Reopen' }).click();
      await agent.getByTestId('queue-unassigned').getByRole('link').first().waitFor();
      await agent.getByRole('button', { name: 'Accept' }).waitFor();

      // Every message once, in order, on both sides.
      const expected = [
        'My order #1001 has not arrived',
        greeting,
        'Thank you, Ann!',
        'It ships today. Anything else?',
      ];
      const agentTexts = await agent.getByTestId('thread').locator('.bubble-text').allInnerTexts();
      expect(agentTexts.filter((text) => expected.includes(text))).toEqual(expected);
      const customerTexts = await chat.getByTestId('messages').locator('li').allInnerTexts();
      expect(customerTexts.filter((text) => expected.includes(text.trim()))).toHaveLength(expected.length);
      expect(customerTexts.some((text) => text.includes('VIP customer'))).toBe(false);
      expect(agentErrors).toEqual([]);
      expect(customerErrors).toEqual([]);
    } finally {
      await customerContext.close();
      await agentContext.close();
      await site.close();
    }
  });
});

/** A shop's own page with nothing of Kefu's but the one-line widget snippet. */
function hostPage(kefuUrl: string, publicKey: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Outdoor</title></head>
<body style="font-family:sans-serif;margin:0;padding:24px;background:#fefce8">
<h1>Acme Outdoor</h1><p>Tents, stoves and everything for your next trip.</p>
<script src="${kefuUrl}/widget.js" data-workspace="${publicKey}" data-lang="en" async></script>
</body></html>`;
}

async function say(chat: FrameLocator, text: string) {
  await chat.getByRole('textbox', { name: 'Message' }).fill(text);
  await chat.getByRole('button', { name: 'Send' }).click();
}

/** The widget's star rating, or the survey's quick-reply button "5". */
async function rateFive(chat: FrameLocator) {
  await chat
    .getByRole('button', { name: /^5( stars?)?$/ })
    .last()
    .click();
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}
