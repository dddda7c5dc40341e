import { join } from 'node:path';
import type { Browser, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CannedReplyWire, KbArticleWire, Page, SlaPolicyList } from '@kefu/schemas/api';
import { launchBrowser, screenshotDir } from './support/browser';
import { signInToConsole } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { signUpStaffShop } from './support/staff';

// An owner's first week, the knowledge base, canned replies and SLA part: all through the console.
describe('knowledge base, canned replies and SLA policies in the console', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  const shot = (page: BrowserPage, name: string) =>
    page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  const setLang = (page: BrowserPage, lang: 'en' | 'zh') =>
    page
      .getByRole('banner')
      .getByRole('combobox', { name: lang === 'zh' ? 'Language' : '语言' })
      .selectOption(lang);

  it('an owner writes and imports articles, adds a canned reply and an SLA policy', async () => {
    const shop = await signUpStaffShop(product.url, 'kb-ui');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signInToConsole(page, product.url, shop);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Knowledge base' })
      .click();
    await page.getByText(/No articles yet/).waitFor();

    // Two articles written in the form, one English, one Chinese.
    const write = async (a: { question: string; phrasings: string; answer: string; locale: string }) => {
      await page.getByRole('button', { name: 'New article' }).click();
      const form = page.getByRole('form', { name: 'New article' });
      await form.getByLabel('Question').fill(a.question);
      await form.getByLabel('Other ways to ask (one per line)').fill(a.phrasings);
      await form.getByLabel('Answer').fill(a.answer);
      await form.getByLabel('Language').selectOption(a.locale);
      await form.getByRole('button', { name: 'Save article' }).click();
      return form;
    };
    await write({
      question: 'How long does delivery take?',
      phrasings: 'When will my order arrive?\nShipping time',
      answer: 'Orders arrive in 2-3 working days.',
      locale: 'en',
    });
    const articles = page.getByRole('table', { name: 'Articles' });
    await articles.getByText('How long does delivery take?').waitFor();
    await write({
      question: '怎么退货？',
      phrasings: '可以退货吗\n退款',
      answer: '收货后 7 天内可在订单页申请退货。',
      locale: 'zh-CN',
    });
    await articles.getByText('怎么退货？').waitFor();

    // The same question again: the API's refusal sits under the question.
    const again = await write({ question: '怎么退货？', phrasings: '', answer: 'Again', locale: 'zh-CN' });
    await again.getByText('An article with this question already exists').waitFor();
    expect(await again.getByLabel('Question').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'kb-field-error-en');
    await again.getByRole('button', { name: 'Cancel' }).click();

    // Eight more from a file; its bad rows are listed with their row and field.
    const csv = [
      'question,phrasings,answer,tags,locale',
      'Which payment methods do you accept?,Can I pay by card|Alipay,"Alipay, WeChat Pay and cards.",payment,en',
      'What are your opening hours?,When are you open,Mon-Fri 09:00-18:00.,hours,en',
      'Where is my order?,Track my order,Send us your order number.,orders,en',
      'How much is shipping?,Is shipping free,Free over 99 yuan.,shipping,en',
      '支持哪些付款方式？,可以用支付宝吗,支持支付宝和微信支付。,支付,zh-CN',
      '客服什么时候上班？,营业时间,周一至周五 9:00-18:00。,营业时间,zh-CN',
      '我的订单到哪了？,查物流,把订单号发给我们。,订单,zh-CN',
      '运费怎么算？,包邮吗,满 99 元包邮。,物流,zh-CN',
      'Do you ship abroad?,International,,shipping,en',
    ].join('\n');
    await page.getByLabel('Import a CSV or JSON file').setInputFiles({
      name: 'faq.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByText('Articles imported: 8').waitFor();
    const problems = page.getByRole('table', { name: 'Rows not imported' });
    await expect
      .poll(() => problems.getByRole('cell').allTextContents())
      .toEqual(['10', 'answer', expect.any(String)]);
    await articles.getByText('运费怎么算？').waitFor();

    // Switch one off; the filters find it, and only Chinese ones.
    await page.getByRole('checkbox', { name: 'Enabled: Where is my order?' }).uncheck();
    await page.getByLabel('Show').selectOption('false');
    await expect.poll(() => articles.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Show').selectOption('');
    await page.getByLabel('Article language').selectOption('zh-CN');
    await expect.poll(() => articles.locator('tbody tr').count()).toBe(5);
    await page.getByLabel('Article language').selectOption('');
    await expect.poll(() => articles.locator('tbody tr').count()).toBe(10);
    await page.getByRole('button', { name: 'Edit: How long does delivery take?' }).click();
    await shot(page, 'kb-list-en');
    await setLang(page, 'zh');
    await page.getByRole('heading', { name: '知识库' }).waitFor();
    await shot(page, 'kb-list-zh');
    await setLang(page, 'en');
    await page.getByRole('form', { name: 'Edit article' }).getByRole('button', { name: 'Cancel' }).click();

    // Delete one, after confirming.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete: How much is shipping?' }).click();
    await articles.getByText('How much is shipping?').waitFor({ state: 'detached' });

    // A canned reply, in Settings.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('button', { name: 'Canned replies' })
      .click();
    await page.getByText('No canned replies yet.').waitFor();
    await page.getByRole('button', { name: 'New canned reply' }).click();
    const canned = page.getByRole('form', { name: 'New canned reply' });
    await canned.getByLabel('Shortcut').fill('Thanks!');
    await canned.getByLabel('Title').fill('Thank you');
    await canned.getByLabel('Text').fill('Thanks {{contact.name}}, glad we could help!');
    await canned.getByRole('button', { name: 'Save reply' }).click();
    // The schema's pattern, put in words under the field.
    await canned.getByText(/Lower-case letters, digits/).waitFor();
    await canned.getByLabel('Shortcut').fill('thanks');
    await canned.getByRole('button', { name: 'Save reply' }).click();
    await page.getByRole('table', { name: 'Canned replies' }).getByText('/thanks').waitFor();

    // An SLA policy, the default, counting business hours.
    await page.getByRole('button', { name: 'New SLA policy' }).click();
    const sla = page.getByRole('form', { name: 'New SLA policy' });
    await sla.getByLabel('Name', { exact: true }).fill('Standard');
    await sla.getByLabel('Has targets: Low').uncheck();
    await sla.getByLabel('First response (minutes): Urgent').fill('30');
    await sla.getByLabel('Count business hours only').check();
    await sla.getByLabel('Default for new tickets').check();
    await sla.getByRole('button', { name: 'Save policy' }).click();
    const standard = page.getByRole('row', { name: 'Standard' });
    await standard.getByText('Default', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Canned replies', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'canned-sla-en.png') });
    await setLang(page, 'zh');
    await page.getByRole('heading', { name: 'SLA 策略', exact: true }).waitFor();
    await page.getByRole('heading', { name: '快捷回复', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'canned-sla-zh.png') });
    await page.getByRole('button', { name: '新建 SLA 策略' }).click();
    await page.getByRole('form', { name: '新建 SLA 策略' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'sla-form-zh.png') });

    // What the console saved is what the API holds.
    const kb = await callApi<Page<KbArticleWire>>(product.url, shop, 'GET', '/kb/articles?limit=100');
    expect(kb.body.items).toHaveLength(9);
    expect(kb.body.items.find((a) => a.question === 'Where is my order?')?.enabled).toBe(false);
    expect(kb.body.items.find((a) => a.question === '怎么退货？')).toMatchObject({
      locale: 'zh-CN',
      phrasings: ['可以退货吗', '退款'],
    });
    const replies = await callApi<Page<CannedReplyWire>>(product.url, shop, 'GET', '/canned-replies');
    expect(replies.body.items.map((r) => [r.shortcut, r.text])).toEqual([
      ['thanks', 'Thanks {{contact.name}}, glad we could help!'],
    ]);
    const policies = await callApi<SlaPolicyList>(product.url, shop, 'GET', '/sla-policies');
    expect(policies.body.items).toEqual([
      expect.objectContaining({
        name: 'Standard',
        isDefault: true,
        businessHoursOnly: true,
        targets: {
          normal: { firstResponseMinutes: 240, resolutionMinutes: 4320 },
          high: { firstResponseMinutes: 60, resolutionMinutes: 1440 },
          urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
        },
      }),
    ]);
    expect(errors).toEqual([]);
  });
});
