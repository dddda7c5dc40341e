import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDraft } from '@kefu/schemas';
import { launchBrowser, screenshotDir } from './support/browser';
import { startProduct, type RunningProduct } from './support/product';

/** A point of the canvas with no node or edge under it. */
async function emptyCanvasPoint(page: Page, box: { x: number; y: number; width: number; height: number }) {
  const point = await page.evaluate(
    `(() => {
      for (let y = ${box.y + 10}; y < ${box.y + box.height - 10}; y += 15)
        for (let x = ${box.x + 260}; x < ${box.x + box.width - 10}; x += 15) {
          const hit = document.elementFromPoint(x, y);
          if (hit && hit.classList.contains('react-flow__pane')) return { x, y };
        }
      return null;
    })()`,
  );
  if (!point) throw new Error('no empty canvas to drag');
  return point as { x: number; y: number };
}

/** A 300-node flow that compiles: a trigger, then 299 messages in 15 columns of 20. */
function largeDraft(size: number): FlowDraft {
  const nodes: FlowDraft['nodes'] = [
    { id: 'n0', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
  ];
  const edges: FlowDraft['edges'] = [];
  for (let i = 1; i < size; i += 1) {
    nodes.push({
      id: `n${i}`,
      type: 'send-message',
      config: { text: `Step ${i}: hello {{contact.name}}` },
      position: { x: 300 * Math.floor(i / 20), y: 140 * (i % 20) },
    });
    edges.push({ source: `n${i - 1}`, sourcePort: 'next', target: `n${i}` });
  }
  return {
    schemaVersion: 1,
    name: `Large flow (${size} nodes)`,
    kind: 'custom',
    nodes,
    edges,
    variables: [],
  };
}

describe('flow designer with a 300-node flow', () => {
  let product: RunningProduct;
  let browser: Browser;
  beforeAll(async () => {
    [product, browser] = await Promise.all([
      startProduct({ editorDist: true, worker: 'none' }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('opens, pans and zooms without errors, and prints how long opening and saving take', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const api = context.request;
    const signUp = await api.post(`${product.url}/signup`, {
      data: {
        workspaceName: 'Big Shop',
        name: 'Owner',
        email: `big-${Date.now()}@shop.example`,
        password: 'correct horse battery',
      },
    });
    expect(signUp.status()).toBe(201);
    const { workspace } = (await signUp.json()) as { workspace: { id: string } };
    const created = await api.post(`${product.url}/flows`, { data: { name: 'Large flow', kind: 'custom' } });
    const flow = (await created.json()) as { id: string; revision: number };
    const saved = await api.put(`${product.url}/flows/${flow.id}/draft`, {
      data: { revision: flow.revision, draft: largeDraft(300) },
    });
    expect(saved.status()).toBe(200);

    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    const openStarted = Date.now();
    await page.goto(`${product.url}/designer/#/flow/${flow.id}`);
    await page.locator('.react-flow__node').first().waitFor();
    // Open = page load, fetch, first paint of the canvas; then the compiler's first verdict on all 300 nodes.
    const openMs = Date.now() - openStarted;
    const timing = await page.evaluate(
      "(() => { const nav = performance.getEntriesByType('navigation')[0]; return { dcl: Math.round(nav.domContentLoadedEventEnd), painted: Math.round(performance.now()) }; })()",
    );
    console.log('navigation timing', timing);
    await page.getByTestId('problem-count').filter({ hasText: /^0$/ }).waitFor();
    const checkedMs = Date.now() - openStarted;

    const box = (await page.locator('.react-flow__pane').boundingBox())!;
    const moves = await page.evaluate(() => performance.getEntriesByName('kefu:flow-save').length);
    for (let i = 0; i < 4; i += 1) {
      // Pan by dragging empty canvas (a drag that starts on a node would move the node).
      const start = await emptyCanvasPoint(page, box);
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      await page.mouse.move(start.x - 200, start.y - 100, { steps: 8 });
      await page.mouse.up();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, i % 2 === 0 ? 400 : -250);
    }
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(100);
    await page.screenshot({ path: join(screenshotDir, 'flow-designer-300-nodes.png') });

    // Save: rename the flow and wait for the autosave to land.
    await page.getByLabel('Flow name').fill('Large flow, renamed');
    await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    const measures = await page.evaluate(() =>
      Object.fromEntries(
        ['kefu:flow-open', 'kefu:flow-save', 'kefu:flow-check'].map((name) => [
          name,
          performance.getEntriesByName(name).map((e) => Math.round(e.duration)),
        ]),
      ),
    );
    console.log(
      `300-node flow: opened (canvas painted) in ${openMs} ms, first check done at ${checkedMs} ms; ` +
        `in the page: fetch+load ${measures['kefu:flow-open']} ms, compile ${measures['kefu:flow-check']} ms, ` +
        `save round trip ${measures['kefu:flow-save']} ms`,
    );
    const stored = await product.models.Flow.findOne({ _id: flow.id, workspaceId: workspace.id }).lean();
    expect(stored?.name).toBe('Large flow, renamed');
    expect((stored?.draft as FlowDraft).nodes).toHaveLength(300);
    expect(errors).toEqual([]);
    // Panning and zooming changed nothing: the only save was the rename.
    expect(measures['kefu:flow-save']?.length).toBe(moves + 1);
    await context.close();
  });
});
