import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { pageErrors, screenshot } from './support/browser';
import { openConsolePage, setConsoleLanguage, signUpInConsole } from './support/console-page';
import { FlowDesignerPage } from './support/flow-designer-page';
import { serveHostPage } from './support/host-page';
import { KbPage, type Article } from './support/kb-page';
import { productInBrowser } from './support/product-in-browser';
import { acceptInvite, SettingsPage } from './support/settings-page';
import { SimulatorPage } from './support/simulator-page';

/**
 * Issue 16's acceptance: a shop's first week through the product's own screens only. The test
 * types, clicks and reads pages; the only things it takes from a page to use elsewhere are what a
 * real owner passes on: the invite link (to the agent) and the widget code (into the shop's site).
 */
const world = productInBrowser();
const shot = (page: Page, name: string, fullPage = false) =>
  screenshot(page, `first-week-${name}`, { fullPage });

/** The shop's first ten articles: one typed by hand, nine from the owner's spreadsheet. */
const delivery: Article = {
  question: 'How long does delivery take?',
  phrasings: ['When will my order arrive?', 'Shipping time'],
  answer: 'Orders arrive in 2-3 working days.',
  locale: 'en',
};
const spreadsheet: Article[] = [
  ['Which payment methods do you accept?', 'Can I pay by card', 'Alipay, WeChat Pay and cards.', 'en'],
  ['What are your opening hours?', 'When are you open', 'Monday to Friday, 9:00 to 18:00.', 'en'],
  ['Where is my order?', 'Track my order', 'Send us your order number (QY + 8 digits).', 'en'],
  ['How much is shipping?', 'Is shipping free', 'Free over 99 yuan.', 'en'],
  ['Can I return an item?', 'Refund', 'Within 7 days of delivery, from your order page.', 'en'],
  ['支持哪些付款方式？', '可以用支付宝吗', '支持支付宝、微信支付和银行卡。', 'zh-CN'],
  ['客服什么时候上班？', '营业时间', '周一至周五 9:00-18:00。', 'zh-CN'],
  ['我的订单到哪了？', '查物流', '把订单号（QY + 8 位数字）发给我们。', 'zh-CN'],
  ['运费怎么算？', '包邮吗', '满 99 元包邮。', 'zh-CN'],
].map(([question, phrasing, answer, locale]) => ({
  question: question!,
  phrasings: [phrasing!],
  answer: answer!,
  locale: locale as Article['locale'],
}));

/**
 * A whole week in one test: about a minute and a half on a quiet machine. The budget is for a busy
 * CI machine; every wait inside has its own deadline (a failure names what it waited for).
 */
const WEEK_BUDGET_MS = 12 * 60_000;

const closedText = 'Hi! We are closed right now. Ask your question and our help articles will answer it.';

describe("a shop's first week, through the UI only (headless Chromium)", () => {
  it(
    'signs up, builds the team, the knowledge base and two live flows, tries them, and sees the bot at work',
    async () => {
      const { product, browser } = world;
      const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
      const password = 'correct horse battery staple';
      const ownerContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      const page = await ownerContext.newPage();
      onTestFailed(async () => {
        await shot(page, 'failure', true).catch(() => {});
      });
      // Every page's uncaught errors, checked at the end: there must be none.
      const errors = [pageErrors(page)];
      const serverErrors: string[] = [];
      page.on('response', (res) => {
        if (res.status() >= 500) serverErrors.push(`${res.status()} ${res.request().method()} ${res.url()}`);
      });

      // Monday: sign up from the console's sign-in page; the new owner lands in Settings.
      await signUpInConsole(page, product.url, {
        workspaceName: 'Qingyun Tea',
        name: 'Lin',
        email: `lin-${stamp}@qingyun.example`,
        password,
      });
      await page.getByRole('banner').getByText('Lin · Qingyun Tea').waitFor();
      const settings = new SettingsPage(page);
      await page.getByRole('heading', { name: 'Invite teammates' }).waitFor();

      // Invite Mei as an agent; she opens the link in her own browser and joins.
      const meiEmail = `mei-${stamp}@qingyun.example`;
      const link = await settings.invite(meiEmail, 'Agent');
      await page.getByRole('row', { name: meiEmail }).getByText('Waiting').waitFor();
      await page.evaluate(`document.getElementById('invite-settings-title').scrollIntoView()`);
      await shot(page, 'invite-en');
      const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const agentPage = await agentContext.newPage();
      errors.push(pageErrors(agentPage));
      await agentPage.goto(link);
      await agentPage.getByRole('heading', { name: 'Join Qingyun Tea' }).waitFor();
      await shot(agentPage, 'accept-invite-en');
      await agentPage.getByRole('combobox', { name: 'Language' }).selectOption('zh');
      await agentPage.getByRole('heading', { name: '加入 Qingyun Tea' }).waitFor();
      await shot(agentPage, 'accept-invite-zh');
      await agentPage.getByRole('combobox', { name: '语言' }).selectOption('en');
      await acceptInvite(agentPage, link, 'Mei', 'a long enough password');
      await agentPage.getByRole('banner').getByText('Mei · Qingyun Tea').waitFor();

      // The knowledge base: one article typed, nine from a spreadsheet, ten in all.
      const kb = new KbPage(page);
      await kb.open();
      await page.getByText(/No articles yet/).waitFor();
      await kb.write(delivery);
      await kb.importCsv(spreadsheet);
      await expect.poll(() => kb.articles().locator('tbody tr').count()).toBe(10);
      await shot(page, 'kb-en', true);

      // Settings again (Mei is now a user): the support team, a canned reply, an SLA policy.
      await settings.open();
      await settings.section('Teams');
      await settings.createTeam('support', 'Support', ['Mei']);
      await settings.section('Canned replies');
      await settings.addCannedReply({
        shortcut: 'thanks',
        title: 'Thank you',
        text: 'Thanks {{contact.name}}, glad we could help!',
      });
      await settings.addSlaPolicy({ name: 'Standard', urgentFirstResponseMinutes: 30, isDefault: true });
      await page.getByRole('row', { name: 'Standard' }).getByText('Default', { exact: true }).waitFor();
      await page.getByRole('heading', { name: 'Canned replies', exact: true }).scrollIntoViewIfNeeded();
      await shot(page, 'canned-sla-en');

      // The routing flow, from the VIP routing template: the VIP check becomes an order lookup over HTTP.
      await openConsolePage(page, 'Flow designer');
      const designer = new FlowDesignerPage(page);
      await designer.fromTemplate('VIP routing by contact tag');
      await designer.rename('Order routing');
      await designer.deleteNode(designer.nodeById('is-vip'));
      await designer.deleteNode(designer.nodeById('vip-desk'));
      await designer.drop('http-request', 60, 60);
      const http = designer.node('http-request');
      const form = await designer.select(http);
      await form.getByLabel('Caption on the canvas').fill('Order lookup');
      await form.locator('#cfg_method').selectOption('GET');
      await form.locator('#cfg_url').fill('https://orders.qingyun.example/api/recent');
      await form.locator('#cfg_retries').fill('0');
      await form.locator('#cfg_saveAs').fill('order');
      await designer.connectNodes(designer.nodeById('hours'), 'open', http);
      await designer.connectNodes(http, 'success', designer.nodeById('support'));
      await designer.connectNodes(http, 'failure', designer.nodeById('ask-email'));
      // The support step's team, picked from the workspace's teams.
      const support = await designer.select(designer.nodeById('support'));
      await expect
        .poll(() => support.getByRole('combobox', { name: /^Team/ }).locator('option:checked').innerText())
        .toBe('Support (support)');
      await designer.problemCount(0);
      await shot(page, 'routing-flow-en');
      expect(
        await designer.publish((dialog) =>
          dialog.getByText('No other flow is live for this trigger.').waitFor(),
        ),
      ).toBe(1);

      // The simulator: Saturday 23:00 in Shanghai is after hours: the order lookup is never called.
      const sim = new SimulatorPage(page);
      await sim.open();
      await sim.setClock('2026-12-05', '23:00', 'Asia/Shanghai');
      await sim.start();
      await sim.bot("We can't reach a teammate right now.").waitFor();
      await http.locator('[data-trace="dimmed"]').waitFor();
      await designer.nodeById('ask-email').locator('[data-trace="current"]').waitFor();
      await shot(page, 'sim-saturday-night-en');

      // Wednesday 10:00, open: the lookup answers 503 (mocked), the failure branch asks for an email.
      await sim.setClock('2026-12-09', '10:00', 'Asia/Shanghai');
      await sim.mockHttp('Order lookup', 503, '{"error":"maintenance"}');
      await sim.start();
      await http.locator('[data-trace="visited"]').waitFor();
      await designer.nodeById('support').locator('[data-trace="dimmed"]').waitFor();
      await designer.nodeById('ask-email').locator('[data-trace="current"]').waitFor();
      await shot(page, 'sim-http-failure-en');

      // It answers 200: the success branch offers the chat to Support; the agent accepts, then resolves.
      await sim.mockHttp('Order lookup', 200, '{"order":"QY12345678","status":"shipped"}');
      await sim.start();
      await sim.waiting.getByRole('button', { name: 'Agent accepts' }).click();
      await sim.waiting.getByRole('button', { name: 'Agent resolves' }).click();
      await sim.bot('How would you rate the help you got today?').waitFor();
      await page.getByTestId('sim-vars').getByText('QY12345678').waitFor();
      await shot(page, 'sim-survey-en');

      // The out-of-hours flow, drawn on a blank canvas: say so, take the question, answer from the
      // knowledge base, or open a ticket when it has no answer.
      await designer.backToList();
      await designer.newBlankFlow();
      await designer.rename('Out-of-hours reply');
      // Dropped in the corners, clear of the trigger in the middle, then tidied once connected.
      await designer.drop('send-message', 20, 40);
      await designer.drop('wait-for-reply', 540, 40);
      await designer.drop('answer-from-knowledge-base', 20, 220);
      await designer.drop('create-ticket', 540, 220);
      await designer.connect('conversation-started', 'next', 'send-message');
      await designer.connect('send-message', 'next', 'wait-for-reply');
      await designer.connect('wait-for-reply', 'received', 'answer-from-knowledge-base');
      await designer.connect('answer-from-knowledge-base', 'not-found', 'create-ticket');
      await expect.poll(() => designer.edgeCount()).toBe(4);
      await page.getByRole('button', { name: 'Tidy layout' }).click();
      await (await designer.select(designer.node('send-message'))).locator('#cfg_text').fill(closedText);
      await (
        await designer.select(designer.node('create-ticket'))
      )
        .locator('#cfg_subject')
        .fill('Question after hours');
      await designer.problemCount(0);
      await shot(page, 'out-of-hours-flow-en');
      // Publishing names the routing flow already live on the same trigger.
      await designer.publish(async (dialog) => {
        await dialog.getByText('Also live for this trigger:').waitFor();
        await dialog.getByText('Order routing').waitFor();
      });

      // The lineup: out-of-hours first, taking conversations only while the shop is closed.
      await designer.backToList();
      const lineup = page.getByRole('list', { name: 'Conversation started' });
      await lineup.getByRole('listitem').nth(1).filter({ hasText: 'Out-of-hours reply' }).waitFor();
      await page.getByRole('button', { name: 'Move up: Out-of-hours reply' }).click();
      const first = lineup.getByRole('listitem').first();
      await first.filter({ hasText: 'Out-of-hours reply' }).waitFor();
      await first.getByRole('button', { name: 'Filters' }).click();
      await first.getByLabel('Business hours').selectOption('closed');
      await first.getByRole('button', { name: 'Save' }).click();
      await first.locator('.entry-summary', { hasText: 'out of hours' }).waitFor();
      await expect
        .poll(() => lineup.getByRole('listitem').allInnerTexts())
        .toEqual([
          expect.stringMatching(/Out-of-hours reply[\s\S]*out of hours/),
          expect.stringMatching(/Order routing[\s\S]*every event/),
        ]);
      await shot(page, 'live-flows-en');

      // The shop pastes the widget code into its site; no business hours are set yet, so a customer
      // is met by the out-of-hours flow, whose knowledge base answers the question.
      // From the flow list back to the service desk, where Settings has the widget code.
      await page.getByRole('link', { name: 'Service desk' }).click();
      await settings.open();
      const snippet = await settings.widgetSnippet();
      const site = await serveHostPage(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Qingyun Tea</title></head>
<body style="font-family:sans-serif;padding:24px"><h1>Qingyun Tea</h1><p>Green, white and oolong.</p>
${snippet}</body></html>`,
      );
      const customerContext = await browser.newContext({
        viewport: { width: 1100, height: 760 },
        locale: 'en-US',
      });
      try {
        const customer = await customerContext.newPage();
        errors.push(pageErrors(customer));
        await customer.goto(site.url);
        await customer.getByRole('button', { name: /^Chat with us/ }).click();
        const chat = customer.frameLocator('iframe[title="Chat with us"]');
        await chat.getByText(closedText).waitFor();
        await chat.getByLabel('Message').fill('How long does delivery take?');
        await chat.getByRole('button', { name: 'Send' }).click();
        await chat.getByText(delivery.answer).waitFor();
        // Was it helpful: two drawn thumbs, not emoji characters a device may have no font for.
        await chat.getByRole('button', { name: 'Helpful', exact: true }).locator('svg').waitFor();
        expect(await chat.locator('.bubble-feedback').innerText()).not.toMatch(/\p{Extended_Pictographic}/u);
        await shot(customer, 'widget-en');
        // The customer switches the chat to Chinese: its own words change, the shop's messages stay.
        await chat.getByRole('button', { name: 'Switch to Chinese' }).click();
        await chat.getByRole('button', { name: '有帮助', exact: true }).waitFor();
        await shot(customer, 'widget-zh');
      } finally {
        await customerContext.close();
        await site.close();
      }

      // The owner finds the bot's conversation under All conversations and reads it.
      await openConsolePage(page, 'All conversations');
      const row = page.getByRole('list', { name: 'Conversations' }).getByRole('link').first();
      await row.filter({ hasText: 'With the bot' }).waitFor();
      expect(await row.textContent()).toContain('Web chat');
      await row.click();
      const transcript = page.getByRole('region', { name: 'Transcript' });
      await transcript.getByText(closedText).waitFor();
      await transcript.getByText('How long does delivery take?', { exact: true }).waitFor();
      await transcript.getByText(delivery.answer).waitFor();
      await shot(page, 'all-conversations-en');

      // 中文: the key screens again, in Chinese.
      await setConsoleLanguage(page, 'zh');
      await page.getByRole('list', { name: '会话列表' }).getByText('机器人处理中').waitFor();
      await page.getByRole('region', { name: '聊天记录' }).getByText(delivery.answer).waitFor();
      await shot(page, 'all-conversations-zh');
      await openConsolePage(page, '知识库');
      await page.getByRole('heading', { name: '知识库' }).waitFor();
      await expect.poll(() => page.getByRole('table', { name: '文章' }).locator('tbody tr').count()).toBe(10);
      await shot(page, 'kb-zh', true);
      await openConsolePage(page, '设置');
      await page.getByRole('heading', { name: '邀请同事' }).waitFor();
      await page.getByRole('region', { name: '团队' }).getByText('Mei').waitFor();
      await page.getByRole('heading', { name: '团队', exact: true }).scrollIntoViewIfNeeded();
      await shot(page, 'team-zh');
      await page.getByRole('heading', { name: '快捷回复', exact: true }).scrollIntoViewIfNeeded();
      await page.getByRole('heading', { name: 'SLA 策略', exact: true }).waitFor();
      await shot(page, 'canned-sla-zh');
      await openConsolePage(page, '流程设计器');
      await page.getByText('生效中的流程（按尝试顺序）').waitFor();
      await page
        .getByRole('list', { name: '会话开始' })
        .locator('.entry-summary', { hasText: '营业时间外' })
        .waitFor();
      await shot(page, 'live-flows-zh');
      await page.getByRole('cell', { name: 'Order routing' }).getByRole('link').click();
      await page.getByRole('tab', { name: '模拟' }).click();
      await page.getByTestId('simulator').getByText('测试设置：时钟、联系人、HTTP 响应').click();
      await page.getByTestId('simulator').getByLabel('设置时钟').waitFor();
      await shot(page, 'simulator-zh');

      // The sign-up page a new shop meets, in both languages.
      const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const newcomer = await fresh.newPage();
      errors.push(pageErrors(newcomer));
      await newcomer.goto(`${product.url}/`);
      await newcomer.getByRole('link', { name: 'Create a workspace' }).waitFor();
      await shot(newcomer, 'sign-in-en');
      await newcomer.goto(`${product.url}/#/signup`);
      await newcomer.getByRole('heading', { name: 'Create your shop’s workspace' }).waitFor();
      await shot(newcomer, 'signup-en');
      await newcomer.getByRole('combobox', { name: 'Language' }).selectOption('zh');
      await newcomer.getByRole('heading', { name: '创建您店铺的工作区' }).waitFor();
      await shot(newcomer, 'signup-zh');
      await fresh.close();

      expect(serverErrors).toEqual([]);
      expect(errors.flat()).toEqual([]);
      await agentContext.close();
      await ownerContext.close();
    },
    WEEK_BUDGET_MS,
  );
});
