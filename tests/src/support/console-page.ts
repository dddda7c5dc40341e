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

/** A new shop's owner, as they type themselves into the sign-up form. */
export interface NewOwner {
  workspaceName: string;
  name: string;
  email: string;
  password: string;
}

/**
 * Signs a new shop up the way an owner does: the console's sign-in page, its "Create a workspace"
 * link, the form; resolves once the signed-in console shows its navigation.
 */
export async function signUpInConsole(page: Page, baseUrl: string, owner: NewOwner) {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('link', { name: 'Create a workspace' }).click();
  const form = page.getByRole('form', { name: /Create your shop/ });
  await form.getByLabel('Shop name').fill(owner.workspaceName);
  await form.getByLabel('Your name').fill(owner.name);
  await form.getByLabel('Email').fill(owner.email);
  await form.getByLabel('Choose a password').fill(owner.password);
  await form.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Switches the console's language with the header's picker (named in the language it shows). */
export async function setConsoleLanguage(page: Page, lang: 'en' | 'zh') {
  await page
    .getByRole('banner')
    .getByRole('combobox', { name: lang === 'zh' ? 'Language' : '语言' })
    .selectOption(lang);
}

/** Follows a link of the console's main navigation, by its name. */
export async function openConsolePage(page: Page, name: string | RegExp) {
  await page
    .getByRole('navigation', { name: /^(Main|主导航)$/ })
    .getByRole('link', { name })
    .click();
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
