import type { Page } from 'playwright-core';
import type { StaffShop } from './staff';

/** Signs in through the staff console's own form at `/` and waits for its navigation. */
export async function signInToConsole(page: Page, baseUrl: string, shop: StaffShop, hash = '#/inbox') {
  await page.goto(`${baseUrl}/${hash}`);
  await page.getByLabel('Email').fill(shop.email);
  await page.getByLabel('Password').fill(shop.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Markup that sets `window.__xss` if the page ever runs it; `tag` says which field it came from. */
export const xssPayload = (tag: string) => `<img src=x onerror="window.__xss='${tag}'"><b>${tag}</b>`;

/** Whether any payload ran, or left an element behind, on the page. */
export async function xssTraces(page: Page): Promise<{ ran: unknown; injected: number }> {
  // A string, evaluated in the page: the tests compile without the DOM's types.
  return await page.evaluate<{ ran: unknown; injected: number }>(
    `({ ran: window.__xss ?? null, injected: document.querySelectorAll('img[src="x"], b').length })`,
  );
}
