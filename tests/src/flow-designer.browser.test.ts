import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from './support/browser';
import { FlowDesignerPage } from './support/flow-designer-page';
import { startProduct, type RunningProduct } from './support/product';
import { WidgetSocket, isBotText } from './support/widget-socket';

describe('flow designer in headless Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([
      // The worker runs the simulator's test runs and the customer's run the run viewer shows.
      startProduct({ editorDist: true }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  let lastPage: Page | null = null;
  let lastErrors: string[] = [];
  // On failure, the screen and the page's errors say more than a locator timeout.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail' || !lastPage) return;
    await lastPage.screenshot({ path: join(screenshotDir, 'flow-designer-failure.png') }).catch(() => {});
    console.error(
      'page errors:',
      lastErrors,
      '\nbody:',
      (
        await lastPage
          .locator('body')
          .innerText()
          .catch(() => '')
      ).slice(0, 2000),
    );
  });

  const openPage = async (viewport = { width: 1280, height: 800 }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    lastPage = page;
    const errors: string[] = [];
    lastErrors = errors;
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    return { page, errors };
  };
  /** An owner of a new workspace; the session cookie lands in the page's browser context. */
  const signUpOwner = async (page: Page): Promise<{ publicKey: string }> => {
    const response = await page.context().request.post(`${product.url}/signup`, {
      data: {
        workspaceName: 'Tea Shop',
        name: 'Mei',
        email: `owner-${Date.now()}@tea.example`,
        password: 'correct horse battery',
      },
    });
    expect(response.status()).toBe(201);
    return {
      publicKey: ((await response.json()) as { workspace: { publicKey: string } }).workspace.publicKey,
    };
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });

  it('builds a flow from an empty canvas, fixes a problem, publishes it, simulates it, and shows a run on its version', async () => {
    const { page, errors } = await openPage();
    const { publicKey } = await signUpOwner(page);
    await page.goto(`${product.url}/designer/`);
    await page.getByText('No flows yet').waitFor();
    await page.getByText('VIP routing by contact tag').waitFor();
    await shot(page, 'flows-list-empty');
    await page.getByRole('button', { name: /New blank flow/ }).click();
    const designer = new FlowDesignerPage(page);

    // A new flow starts with the API's default trigger; delete it to start from an empty canvas.
    await designer.node('conversation-started').click();
    await page.keyboard.press('Delete');
    await page.getByText('Drag a trigger from the left').waitFor();

    // The canvas is about 700px wide at 1280x800: keep every port in view.
    await designer.drop('conversation-started', 30, 90);
    await designer.drop('wait-for-reply', 30, 400);
    await designer.drop('condition', 265, 250);
    await designer.drop('send-message', 480, 90);
    await designer.drop('close-conversation', 480, 420);
    await designer.connect('conversation-started', 'next', 'wait-for-reply');
    await designer.connect('wait-for-reply', 'received', 'condition');
    await designer.connect('condition', 'true', 'send-message');
    await designer.connect('condition', 'false', 'close-conversation');
    await expect.poll(() => designer.edgeCount()).toBe(4);

    // An edge the catalog refuses is not drawn, and the owner is told why.
    await designer.connect('send-message', 'next', 'conversation-started');
    await page.getByTestId('notice').filter({ hasText: 'trigger' }).waitFor();
    expect(await designer.edgeCount()).toBe(4);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('notice').waitFor({ state: 'detached' });

    // Settings: the reply is kept in a variable, and the wait gives up after half an hour.
    await designer.node('wait-for-reply').click();
    await page.locator('#cfg_timeoutMinutes').fill('30');
    await page.locator('#cfg_saveAs').fill('question');
    // Settings: the rule of the condition, through the rule builder.
    await designer.node('condition').click();
    await page.locator('#cfg_rule_all_0_value').fill('price');
    await page.getByRole('button', { name: '+ Add condition' }).click();
    await page.locator('#cfg_rule_all_1_fact').selectOption('channel');
    await page.locator('#cfg_rule_all_1_value').fill('web');
    await page.locator('#cfg_rule').selectOption('any');

    // The message has no text yet: the compiler's problem shows on the node and in the list.
    await designer.node('send-message').getByTestId('problem-badge').waitFor();
    const problem = page.locator('.problems li button', { hasText: 'Send message' });
    await problem.waitFor();
    await shot(page, 'flow-designer-problem');
    // Publishing now is refused by the API with the same problems.
    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, naming what else is live for the trigger.
    await page.getByTestId('publish-dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByTestId('publish-result').filter({ hasText: 'Cannot publish' }).waitFor();
    await problem.click();
    await expect
      .poll(() => page.evaluate('document.activeElement && document.activeElement.id'))
      .toBe('cfg_text');
    await page.keyboard.type('Hi {{contact.name}}! Our price list: example.com/prices');
    await page.getByTestId('template-preview').filter({ hasText: 'Hi Alex Chen!' }).waitFor();
    // A quick-reply button, through the array field rjsf draws from the schema. Once the typed text
    // is saved: on a loaded machine a click landing while the form re-renders was lost.
    await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    await page.getByTitle('Add', { exact: true }).click();
    await page.locator('#cfg_quickReplies_0_label').fill('Price list');
    await designer.problemCount(0);
    await expect.poll(() => designer.node('send-message').getByTestId('problem-badge').count()).toBe(0);

    // Keyboard: duplicate, undo, redo; toolbar: copy and paste (through the clipboard JSON).
    const nodeCount = () => page.locator('.react-flow__node').count();
    await designer.node('send-message').click();
    await page.keyboard.press('Control+d');
    await expect.poll(nodeCount).toBe(6);
    await page.keyboard.press('Control+z');
    await expect.poll(nodeCount).toBe(5);
    await page.keyboard.press('Control+y');
    await expect.poll(nodeCount).toBe(6);
    await page.keyboard.press('Control+z');
    await expect.poll(nodeCount).toBe(5);
    await designer.node('condition').click();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Paste' }).click();
    await expect.poll(nodeCount).toBe(6);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(nodeCount).toBe(5);
    await designer.problemCount(0);

    await page.getByRole('button', { name: 'Tidy layout' }).click();
    await page.getByTestId('save-status').and(page.locator('[data-state="saved"]')).waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, naming what else is live for the trigger.
    await page.getByTestId('publish-dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByTestId('publish-result').filter({ hasText: 'Published version v1' }).waitFor();
    await designer.node('send-message').click();
    await shot(page, 'flow-designer');

    // The versions panel lists v1; an edit after it shows as a change on the canvas.
    await page.locator('#cfg_text').fill('Hi {{contact.name}}! Prices are on our site.');
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Compare with draft' }).click();
    await page.getByTestId('diff-summary').filter({ hasText: '~1 changed' }).waitFor();
    expect(await page.locator('.flow-node.diff-changed').count()).toBe(1);

    // Publish the edit as v2, compare v1 with v2, then roll back to v1 (published again as v3).
    await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    // Publishing asks first, naming what else is live for the trigger.
    await page.getByTestId('publish-dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByTestId('publish-result').filter({ hasText: 'Published version v2' }).waitFor();
    await page.getByRole('button', { name: 'Compare versions' }).click();
    await page
      .locator('.version-pair')
      .getByTestId('diff-summary')
      .filter({ hasText: '~1 changed' })
      .waitFor();
    await shot(page, 'flow-designer-versions');
    await page
      .locator('.versions li', { hasText: 'v1' })
      .getByRole('button', { name: 'Roll back to this' })
      .click();
    // Rollback goes live at once: the designer asks first.
    await page.getByTestId('rollback-dialog').getByRole('button', { name: 'Roll back' }).click();
    await page.getByTestId('publish-result').filter({ hasText: 'Published version v3' }).waitFor();
    await page.locator('.versions li', { hasText: 'rollback of v1' }).getByText('active').waitFor();

    // Chinese UI: the designer's words and the catalog's labels switch together.
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('button', { name: '发布' }).waitFor();
    await designer.node('condition').getByText('条件').waitFor();
    await shot(page, 'flow-designer-zh');
    await page.getByLabel('语言').selectOption('en');

    // Simulator: chat with the draft as a test customer and watch its path light up.
    await page.getByRole('tab', { name: 'Simulate' }).click();
    await page.getByRole('button', { name: 'Start simulation' }).click();
    const waiting = page.getByTestId('sim-waiting');
    await waiting.and(page.locator('[data-for="reply"]')).waitFor();
    await designer.node('wait-for-reply').locator('[data-trace="current"]').waitFor();
    await designer.node('conversation-started').locator('[data-trace="visited"]').waitFor();
    expect(await designer.node('close-conversation').locator('[data-trace="dimmed"]').count()).toBe(1);
    await shot(page, 'simulator-waiting');
    await page.getByLabel('Message as the customer').fill('What is the price?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('.sim-chat .sim-bot', { hasText: 'Prices are on our site.' }).waitFor();
    await page.getByTestId('sim-status').filter({ hasText: 'finished' }).waitFor();
    for (const kind of ['conversation-started', 'wait-for-reply', 'condition', 'send-message'])
      await designer.node(kind).locator('[data-trace="visited"]').waitFor();
    await designer.node('close-conversation').locator('[data-trace="dimmed"]').waitFor();
    expect(await page.locator('.react-flow__edge.trace-taken').count()).toBe(3);
    await page.getByTestId('sim-vars').filter({ hasText: 'What is the price?' }).waitFor();
    await shot(page, 'simulator-path');

    // A timer skipped from the panel: the reply wait times out at once (30 minutes in the flow).
    await page.getByRole('button', { name: 'Restart' }).click();
    await waiting.and(page.locator('[data-for="reply"]')).waitFor();
    await waiting.getByRole('button', { name: 'Skip the wait' }).click();
    await page.getByTestId('sim-status').filter({ hasText: 'finished' }).waitFor();
    await designer.node('wait-for-reply').locator('[data-trace="visited"]').waitFor();
    await designer.node('condition').locator('[data-trace="dimmed"]').waitFor();
    await shot(page, 'simulator-skipped');

    // Run viewer: a customer's finished run, drawn on the version it ran on.
    const socket = await WidgetSocket.open(product.wsUrl);
    try {
      await socket.hello(`visitor-${Date.now()}`, publicKey);
      socket.send({ type: 'message', clientMessageId: 'designer-run-1', text: 'price please' });
      // v3, the rollback of v1, is the active version.
      await socket.next(isBotText(/Our price list/));
    } finally {
      await socket.close();
    }
    await page.getByRole('tab', { name: 'Runs' }).click();
    // The simulations are not among the runs; the customer's one is, once its history is written.
    const runItem = page.locator('.run-item', { hasText: 'completed' });
    await expect
      .poll(async () => {
        if ((await runItem.count()) > 0) return true;
        await page.getByRole('tab', { name: 'Versions' }).click();
        await page.getByRole('tab', { name: 'Runs' }).click();
        await page.locator('.runs, .side-body .empty').first().waitFor();
        return (await runItem.count()) > 0;
      })
      .toBe(true);
    expect(await page.locator('.run-item').count()).toBe(1);
    await runItem.click();
    const viewer = page.getByTestId('run-viewer');
    await viewer.locator('[data-kind="send-message"][data-trace="visited"]').waitFor();
    expect(await viewer.locator('[data-kind="close-conversation"][data-trace="dimmed"]').count()).toBe(1);
    expect(await viewer.locator('.react-flow__edge.trace-taken').count()).toBe(3);
    await viewer.locator('.react-flow__node:has([data-kind="condition"])').click();
    await page.getByTestId('node-steps').filter({ hasText: 'left by true' }).waitFor();
    await shot(page, 'run-viewer');
    await page.getByRole('button', { name: 'Close run' }).click();
    await viewer.waitFor({ state: 'detached' });

    // The refused publish (422) is the one failed request the browser logs.
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
  });

  it('shows flows read-only to an analyst and not at all to an agent', async () => {
    const { page: ownerPage } = await openPage();
    await signUpOwner(ownerPage);
    const api = ownerPage.context().request;
    const flow = (await (
      await api.post(`${product.url}/flows`, {
        data: { name: 'Read me', kind: 'routing', templateId: 'vip-routing' },
      })
    ).json()) as { id: string };
    /** A colleague with one role, signed in in a browser context of their own. */
    const colleague = async (role: 'analyst' | 'agent') => {
      const invite = await api.post(`${product.url}/invites`, {
        data: { email: `${role}-${Date.now()}@tea.example`, roles: [role] },
      });
      expect(invite.status()).toBe(201);
      const token = new URL(((await invite.json()) as { link: string }).link).searchParams.get('token');
      const opened = await openPage();
      const accepted = await opened.page.context().request.post(`${product.url}/invites/accept`, {
        data: { token, name: role, password: 'correct horse battery' },
      });
      expect(accepted.status()).toBe(201);
      return opened;
    };

    const { page, errors } = await colleague('analyst');
    await page.goto(`${product.url}/designer/`);
    await page.getByRole('link', { name: 'Read me' }).waitFor();
    expect(await page.getByRole('button', { name: /New blank flow/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'Read me' }).click();
    const designer = new FlowDesignerPage(page);
    await page.getByTestId('read-only').waitFor();
    await designer.node('condition').first().click();
    await page.locator('#cfg_rule_any_0_fact').waitFor();
    expect(await page.locator('#cfg_rule_any_0_fact').isDisabled()).toBe(true);
    expect(await page.getByLabel('Flow name').getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('.palette-item').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Simulate' }).count()).toBe(0);
    await shot(page, 'flow-designer-read-only');
    // Dragging a node does not move it in the flow (the view may pan; the node's place stays).
    const place = () => designer.node('condition').first().getAttribute('style');
    const before = await place();
    await designer
      .node('condition')
      .first()
      .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 40, y: 40 } });
    expect(await place()).toBe(before);
    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.getByText('No runs of this flow yet.').waitFor();
    expect(errors).toEqual([]);

    const agent = await colleague('agent');
    await agent.page.goto(`${product.url}/designer/`);
    await agent.page.getByTestId('no-access').waitFor();
    await agent.page.goto(`${product.url}/designer/#/flow/${flow.id}`);
    await agent.page.getByTestId('no-access').filter({ hasText: 'cannot open flows' }).waitFor();
  });

  it('starts from a template on a large screen, and a save from another tab is a conflict that loses nothing', async () => {
    const { page, errors } = await openPage({ width: 1920, height: 1080 });
    await signUpOwner(page);
    await page.goto(`${product.url}/designer/`);
    const card = page.locator('.templates li', { hasText: 'VIP routing by contact tag' });
    await card.getByRole('button', { name: 'Open' }).click();
    const designer = new FlowDesignerPage(page);
    await designer.node('business-hours').waitFor();
    await designer.problemCount(0);
    await page.getByRole('button', { name: 'Tidy layout' }).click();
    await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    // The whole flow fitted is small on screen; zoom in on its middle for the picture.
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await designer.node('condition').first().click();
    await page.locator('#cfg_rule_any_0_fact').waitFor();
    await shot(page, 'flow-designer-template');
    const flowUrl = page.url();

    // A second tab saves first; this tab's next save is refused (409) and says so.
    const other = await page.context().newPage();
    lastPage = other;
    await other.goto(flowUrl);
    await other.getByLabel('Flow name').fill('Renamed in the other tab');
    await other.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    await page.getByLabel('Flow name').fill('Renamed here');
    await page.getByTestId('conflict').waitFor();
    await shot(page, 'flow-designer-conflict');
    // Taking theirs keeps mine as a copy.
    await page.getByRole('button', { name: /Load theirs/ }).click();
    await expect.poll(() => page.getByLabel('Flow name').inputValue()).toBe('Renamed in the other tab');
    await page.getByRole('link', { name: /All flows/ }).click();
    await page.getByRole('link', { name: 'Renamed here (copy)' }).waitFor();
    await page.getByRole('link', { name: 'Renamed in the other tab' }).waitFor();
    await shot(page, 'flows-list');
    // The refused save is the one failed request the browser logs.
    expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
  });
});
