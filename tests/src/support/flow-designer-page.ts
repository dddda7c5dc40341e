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

  /** A node by its id in the flow document (a template's nodes keep the template's ids). */
  nodeById(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  /** Drags from a node's labelled port onto the middle of another node. */
  async connect(fromKind: string, port: string, toKind: string): Promise<void> {
    await this.connectNodes(this.node(fromKind), port, this.node(toKind));
  }

  /** The same drag, between nodes found any way (by id, by caption). */
  async connectNodes(from: Locator, port: string, to: Locator): Promise<void> {
    const handle = await from.locator(`.react-flow__handle[data-handleid="${port}"]`).boundingBox();
    const target = await to.boundingBox();
    if (!handle || !target) throw new Error(`cannot see the port "${port}" or its target`);
    await this.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 10 });
    await this.page.mouse.up();
  }

  /** Selects a node and deletes it with the keyboard; its edges go with it. */
  async deleteNode(node: Locator): Promise<void> {
    await node.click();
    await this.page.keyboard.press('Delete');
    await node.waitFor({ state: 'detached' });
  }

  /** Selects a node, which opens its settings beside the canvas. */
  async select(node: Locator): Promise<Locator> {
    await node.click();
    return this.page.getByTestId('settings');
  }

  /** The flow list's "New blank flow": a canvas with its trigger. */
  async newBlankFlow(): Promise<void> {
    await this.page.getByRole('button', { name: /New blank flow/ }).click();
    await this.node('conversation-started').waitFor();
  }

  /** Opens a starter template from the flow list's gallery, by its name. */
  async fromTemplate(name: string): Promise<void> {
    await this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name, exact: true }) })
      .getByRole('button', { name: 'Open' })
      .click();
    await this.page.locator('.react-flow__node').first().waitFor();
  }

  /** The designer's "← All flows" link, back to the flow list with its lineups and templates. */
  async backToList(): Promise<void> {
    await this.page.getByRole('link', { name: /All flows|全部流程/ }).click();
    await this.page.getByRole('heading', { name: /^(Flows|流程)$/ }).waitFor();
  }

  /** The flow's name, in the toolbar. */
  async rename(name: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Flow name', exact: true }).fill(name);
  }

  /**
   * Publish, then the dialog that says what else is live for the trigger; `seen` looks at the
   * dialog before it is confirmed. Resolves with the published version's number.
   */
  async publish(seen: (dialog: Locator) => Promise<void> = async () => {}): Promise<number> {
    await this.page.getByRole('button', { name: 'Publish' }).click();
    const dialog = this.page.getByTestId('publish-dialog');
    await seen(dialog);
    await dialog.getByRole('button', { name: 'Publish' }).click();
    const result = this.page.getByTestId('publish-result').filter({ hasText: /Published version v\d+/ });
    const text = (await result.textContent()) ?? '';
    return Number(/v(\d+)/.exec(text)?.[1]);
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
