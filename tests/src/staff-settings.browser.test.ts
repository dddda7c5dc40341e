import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentProfileWire, BusinessHoursSpec, Page, TeamWire } from '@kefu/schemas/api';
import { launchBrowser, screenshotDir } from './support/browser';
import { signInToConsole } from './support/console-page';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { inviteAgent, signUpStaffShop } from './support/staff';

describe('teams, agents and business hours in the staff console', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('an owner creates a team, adds an agent, sets her skills, the weekly hours, the time zone and a holiday', async () => {
    const shop = await signUpStaffShop(product.url, 'staff-ui');
    const ann = await inviteAgent(product.url, shop, 'Ann');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signInToConsole(page, product.url, shop, '#/settings');

    // A team, then Ann as its member through the agent picker.
    await page.getByText('No teams yet.').waitFor();
    await page.getByRole('textbox', { name: 'Key (used by flows)' }).fill('support');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Support');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page
      .getByRole('combobox', { name: 'Agent to add: Support' })
      .selectOption({ label: `Ann (${ann.email})` });
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('list', { name: 'Members: Support' }).getByText('Ann').waitFor();

    // Ann's skills and capacity.
    await page.getByRole('textbox', { name: 'Skills (comma separated): Ann' }).fill('billing, 中文');
    await page.getByRole('spinbutton', { name: 'Max concurrent chats: Ann' }).fill('5');
    await page.getByRole('button', { name: 'Save: Ann' }).click();
    await page.getByRole('row', { name: /Ann/ }).getByText('Saved.').waitFor();

    // Hours: Saturday 10:00–16:00 added to an empty week, Shanghai time, National Day closed.
    await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Asia/Shanghai');
    await page.getByRole('button', { name: 'Add hours: Monday' }).click();
    await page.getByRole('button', { name: 'Add hours: Saturday' }).click();
    await page.getByLabel('Saturday opens').fill('10:00');
    await page.getByLabel('Saturday closes').fill('16:00');
    await page.getByLabel('Holiday date').fill('2026-10-01');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByRole('button', { name: 'Save hours' }).click();
    const hoursSection = page.getByRole('region', { name: 'Business hours' });
    await hoursSection.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // The section bar jumps to each section.
    const sections = page.getByRole('navigation', { name: 'Settings sections' });
    await sections.getByRole('button', { name: 'Business hours' }).click();
    const hoursHeading = page.getByRole('heading', { name: 'Business hours', exact: true });
    // Its heading scrolls into the window (the last section cannot reach the top), below the bar.
    await expect
      .poll(async () => {
        const y = (await hoursHeading.boundingBox())?.y ?? -1;
        return y > 48 && y < 500;
      })
      .toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'staff-settings-hours.png') });
    await sections.getByRole('button', { name: 'Teams' }).click();
    await page.getByRole('heading', { name: 'Teams', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'staff-settings-teams.png') });

    // What the console saved is what the API holds.
    const teams = await callApi<Page<TeamWire>>(product.url, shop, 'GET', '/teams');
    expect(teams.body.items.map((t) => ({ key: t.key, name: t.name, members: t.members }))).toEqual([
      { key: 'support', name: 'Support', members: [ann.userId] },
    ]);
    const agents = await callApi<Page<AgentProfileWire>>(product.url, shop, 'GET', '/agents');
    expect(agents.body.items.find((a) => a.userId === ann.userId)).toMatchObject({
      skills: ['billing', '中文'],
      maxConcurrent: 5,
    });
    const hours = await callApi<BusinessHoursSpec>(product.url, shop, 'GET', '/workspace/business-hours');
    expect(hours.body).toEqual({
      timeZone: 'Asia/Shanghai',
      schedule: [
        { day: 'mon', open: '09:00', close: '18:00' },
        { day: 'sat', open: '10:00', close: '16:00' },
      ],
      holidays: ['2026-10-01'],
    });

    // A Saturday that closes before it opens is refused, and the page says so.
    await page.getByLabel('Saturday closes').fill('09:00');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await hoursSection.getByRole('alert').filter({ hasText: 'Saturday closes before it opens.' }).waitFor();

    // The same page in Chinese: every label of the three sections switches with the console.
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByRole('heading', { name: '营业时间', exact: true }).scrollIntoViewIfNeeded();
    await page
      .getByRole('row', { name: /星期六/ })
      .getByLabel('星期六 开门')
      .waitFor();
    await page.getByRole('heading', { name: '团队', exact: true }).waitFor();
    await page.getByRole('columnheader', { name: '最多同时会话' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'staff-settings-hours-zh.png') });
    expect(errors).toEqual([]);
  });
});
