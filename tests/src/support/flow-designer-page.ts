import type { Locator, Page } from 'playwright-core';

/** Drives the flow designer the way an owner does: palette drags and port-to-node drags. */
export class FlowDesignerPage {
  constructor(readonly page: Page) {}

  node(kind: string): Locator {
    return this.page.locator(`.react-flow__node:has([data-kind="${kind}"])`);
  }

  /** Drags a palette entry onto the canvas at (x, y) inside the canvas. */
  async drop(kind: string, x: number, y: number): Promise<void> {
    const before = await this.node(kind).count();
    await this.page
      .locator(`.palette-item[data-kind="${kind}"]`)
      .dragTo(this.page.locator('.react-flow__pane'), { targetPosition: { x, y } });
    await this.node(kind).nth(before).waitFor();
  }

  /** Drags from a node's labelled port onto the middle of another node. */
  async connect(fromKind: string, port: string, toKind: string): Promise<void> {
    const handle = await this.node(fromKind)
      .locator(`.react-flow__handle[data-handleid="${port}"]`)
      .boundingBox();
    const target = await this.node(toKind).boundingBox();
    if (!handle || !target) throw new Error(`cannot see ${fromKind}.${port} or ${toKind}`);
    await this.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 10 });
    await this.page.mouse.up();
  }

  edgeCount(): Promise<number> {
    return this.page.locator('.react-flow__edge').count();
  }

  /** Resolves when the problems list shows exactly `n`. */
  async problemCount(n: number): Promise<void> {
    await this.page
      .getByTestId('problem-count')
      .filter({ hasText: new RegExp(`^${n}$`) })
      .waitFor();
  }
}
