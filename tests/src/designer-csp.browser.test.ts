import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { FlowDesignerPage } from './support/flow-designer-page';
import { startProduct, type RunningProduct } from './support/product';

// The designer's page is served under the same strict CSP as every page: no 'unsafe-eval'. Its
// validators (the compiler's checks and the settings forms) are compiled at build time, so editing,
// saving and publishing a flow never asks the browser to evaluate a string.
describe('flow designer under a CSP without unsafe-eval', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('opens a flow, shows a settings error for a bad value, saves and publishes, with no CSP violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // Every violation the page reports, whether or not the code that caused it caught the error.
    // (Page code as strings: this package's types have no DOM.)
    await page.addInitScript({
      content: `window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
    });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || /Content Security Policy|unsafe-eval/i.test(msg.text()))
        errors.push(msg.text());
    });
    const violations = () => page.evaluate<string[]>('window.cspViolations');

    const signup = await context.request.post(`${product.url}/signup`, {
      data: {
        workspaceName: 'Tea Shop',
        name: 'Mei',
        email: `owner-${Date.now()}@tea.example`,
        password: 'correct horse battery',
      },
    });
    expect(signup.status()).toBe(201);

    const response = await page.goto(`${product.url}/designer/`);
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');

    await page.getByText('No flows yet').waitFor();
    await page.getByRole('button', { name: /New blank flow/ }).click();
    const designer = new FlowDesignerPage(page);
    await designer.node('conversation-started').waitFor();
    await designer.drop('wait-for-reply', 30, 400);
    await designer.drop('close-conversation', 480, 420);
    await designer.connect('conversation-started', 'next', 'wait-for-reply');
    await designer.connect('wait-for-reply', 'received', 'close-conversation');
    await expect.poll(() => designer.edgeCount()).toBe(2);

    // A bad value: the compiler's check (a precompiled validator) puts its problem under the field.
    await designer.node('wait-for-reply').click();
    await page.locator('#cfg_timeoutMinutes').fill('0');
    await page.locator('.node-settings-form .error-detail', { hasText: '>= 1' }).waitFor();
    await designer.node('wait-for-reply').getByTestId('problem-badge').waitFor();
    // Publishing now is refused.
    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, naming what else is live for the trigger.
    await page.getByTestId('publish-dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByTestId('publish-result').filter({ hasText: 'Cannot publish' }).waitFor();

    await page.locator('#cfg_timeoutMinutes').fill('30');
    await page.locator('#cfg_saveAs').fill('question');
    await designer.problemCount(0);
    expect(await page.locator('.node-settings-form .error-detail').count()).toBe(0);

    // The form in the other language has its own precompiled validators.
    await page.getByLabel('Language').selectOption('zh');
    await page.locator('#cfg_timeoutMinutes').waitFor();
    await page.getByLabel('语言').selectOption('en');

    await page.getByTestId('save-status').and(page.locator('[data-state="saved"]')).waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, naming what else is live for the trigger.
    await page.getByTestId('publish-dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByTestId('publish-result').filter({ hasText: 'Published version v1' }).waitFor();

    expect(await violations()).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy|unsafe-eval|EvalError/i.test(e))).toEqual([]);

    // The policy really is enforced on this page: evaluating a string is refused and reported. (From a
    // timer: DevTools' own evaluation is exempt from the page's CSP, a callback it schedules is not.)
    const evaluated = await page.evaluate<string>(`new Promise((resolve) =>
      setTimeout(() => {
        try {
          resolve(String(new Function('return 1')()));
        } catch (e) {
          resolve(e.name);
        }
      }))`);
    expect(evaluated).toBe('EvalError');
    await expect.poll(violations).toHaveLength(1);
    await context.close();
  });
});
