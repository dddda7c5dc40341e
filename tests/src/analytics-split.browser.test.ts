import { join } from 'node:path';
import { Types } from 'mongoose';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinTeam, markFirst } from '@kefu/runtime/models';
import { launchBrowser, screenshotDir } from './support/browser';
import { startProduct, type RunningProduct } from './support/product';
import { publishFlow } from './support/publish-flow';
import { callApi } from './support/shop';
import { splitFlow } from './support/split-flow';
import { inviteAgent, signUpStaffShop } from './support/staff';

/**
 * An analyst judges an A/B greeting: a month of conversations that took either branch (written
 * through the models as the worker and the inbox write them), then the split's comparison in the
 * console, in English and Chinese. Agents are refused the comparison.
 */
describe('random split comparison, in the browser', () => {
  let browser: Browser;
  let product: RunningProduct;
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ editorDist: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('shows each branch side by side with its difference from the control and a verdict', async () => {
    const shop = await signUpStaffShop(product.url, 'splitui');
    const team = await callApi<{ id: string }>(product.url, shop, 'POST', '/teams', {
      key: 'support',
      name: 'Support',
    });
    expect(team.status).toBe(201);
    const { flowId, version } = await publishFlow(product.url, shop, splitFlow);

    // 300 conversations over the last ten days: B (the friendly greeting) is resolved by the bot
    // more often; ratings are alike. A fixed LCG, so the figures are the same every run.
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const { Conversation, SurveyResponse } = product.models;
    const workspaceId = shop.workspaceId;
    for (let i = 0; i < 300; i++) {
      const port = i % 2 ? 'b' : 'a';
      const createdAt = new Date(Date.now() - (1 + (i % 10)) * 86_400_000);
      const c = await Conversation.create({
        workspaceId,
        contactId: new Types.ObjectId(),
        channel: 'web',
        flowRun: { flowId, version, workflowId: `seeded-${i}`, status: 'running' },
        createdAt,
      });
      const scope = { _id: c._id, workspaceId };
      await Conversation.updateOne(scope, {
        $addToSet: { splits: { $each: [`${flowId}:${version}:greeting:${port}`] } },
      });
      if (rand() < (port === 'b' ? 0.47 : 0.3)) {
        await Conversation.updateOne(scope, { $set: { status: 'closed' }, $unset: { inboxKey: 1 } });
        await markFirst(
          Conversation as never,
          scope,
          'firstResolvedAt',
          new Date(createdAt.getTime() + 120_000),
        );
      } else
        await joinTeam(product.models, scope, team.body.id, {
          handoff: { reason: 'asked for a person', at: new Date(createdAt.getTime() + 60_000) },
        });
      if (rand() < 0.4)
        await SurveyResponse.create({
          workspaceId,
          conversationId: c._id,
          rating: [1, 2, 3, 4, 4, 5, 5, 5][Math.floor(rand() * 8)],
          idempotencyKey: `seeded-survey-${String(c._id)}`,
        });
    }

    const agent = await inviteAgent(product.url, shop, 'Aga', ['agent']);
    const to = new Date().toISOString().slice(0, 10);
    const query = `/analytics/splits?flowId=${flowId}&version=${version}&from=2020-01-01&to=${to}`;
    expect((await callApi(product.url, agent, 'GET', query.replace('2020-01-01', to))).status).toBe(403);

    const analyst = await inviteAgent(product.url, shop, 'Ana', ['analyst']);
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${product.url}/`);
    await page.getByLabel('Email').fill(analyst.email);
    await page.getByLabel('Password').fill(analyst.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/analytics');
    await page.getByRole('link', { name: 'Random splits' }).click();
    await page.getByLabel('Flow').selectOption({ label: 'A/B greeting' });
    await page.getByRole('button', { name: 'Compare' }).click();
    const table = page.getByRole('table');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Short');
    expect(text).toContain('Friendly');
    expect(text).toMatch(/more than chance|not distinguishable from chance yet/);
    await page.screenshot({ path: join(screenshotDir, 'analytics-split-en.png'), fullPage: true });

    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('button', { name: '对比' }).waitFor();
    await page.getByRole('table').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'analytics-split-zh.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
