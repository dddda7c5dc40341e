import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from '../../../scripts/lib/servers';

export const screenshotDir = join(repoRoot, 'tests', 'test-results', 'screenshots');

/** Debian's Chromium, headless; the background-networking flags keep it off this offline machine's network. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return await chromium.launch({
    executablePath: process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  });
}
