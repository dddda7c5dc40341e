import type { Locator, Page } from 'playwright-core';

/** The designer's Simulate tab, driven as an owner tries a draft (English words). */
export class SimulatorPage {
  readonly panel: Locator;
  readonly status: Locator;
  readonly waiting: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('simulator');
    this.status = page.getByTestId('sim-status');
    this.waiting = page.getByTestId('sim-waiting');
  }

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Simulate' }).click();
    await this.panel.waitFor();
  }

  /** The test setup's fold, opened if it is not. */
  private async setup(): Promise<void> {
    if (await this.panel.getByLabel('Set the clock').isVisible()) return;
    await this.panel.getByText('Test setup: clock, contact, HTTP answers').click();
  }

  /** The run's clock: a date (YYYY-MM-DD) and time (HH:MM) in a time zone. */
  async setClock(date: string, time: string, timeZone: string): Promise<void> {
    await this.setup();
    await this.panel.getByLabel('Set the clock').check();
    await this.panel.getByLabel('Date').fill(date);
    await this.panel.getByLabel('Time', { exact: true }).fill(time);
    await this.panel.getByLabel('Time zone').fill(timeZone);
  }

  /** Mocks the answer of the HTTP step with this caption. */
  async mockHttp(caption: string, status: number, body: string): Promise<void> {
    await this.setup();
    const step = this.panel.locator('.sim-http', { has: this.page.getByLabel(caption, { exact: true }) });
    await step.getByLabel(caption, { exact: true }).selectOption('mock');
    await step.getByLabel('Status').fill(String(status));
    await step.getByLabel('JSON body').fill(body);
  }

  /** Starts the simulation, or starts it again from the trigger with the setup as it is now. */
  async start(): Promise<void> {
    await this.panel.getByRole('button', { name: /^(Start simulation|Restart)$/ }).click();
  }

  /** A message of the bot's in the simulated chat. */
  bot(text: string): Locator {
    return this.page.locator('.sim-chat .sim-bot', { hasText: text });
  }
}
