import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../../scripts/lib/servers';

export const screenshotDir = join(repoRoot, 'tests', 'test-results', 'screenshots');

/** Debian's Chromium, headless; the background-networking flags keep it off this offline machine's network. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  });
  // Every page's waits (locators, navigation) get PAGE_WAIT_MS: Playwright has no browser-wide
  // default, so each new context and page gets it here rather than in every test.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(PAGE_WAIT_MS);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    page.setDefaultTimeout(PAGE_WAIT_MS);
    return page;
  };
  return browser;
}

/**
 * How long a page waits for an element or a navigation: Playwright's 30 s default is for a quiet
 * machine; beside another test run, a page of the console can take longer to render, and a test
 * should fail only when it never gets there (issue 14).
 */
const PAGE_WAIT_MS = 60_000;

/** Saves a screenshot of the page under the browser tests' screenshot folder as `<name>.png`. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** The uncaught errors of a page, collected from now on (a test expects none). */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
  return errors;
}
