import type { Page } from 'playwright-core';

/** The console's Settings page, driven as an owner does it (English words). */
export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await this.page.getByRole('heading', { name: 'Invite teammates' }).waitFor();
  }

  /** Jumps to a section with the page's own section buttons. */
  async section(name: string): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('button', { name, exact: true })
      .click();
  }

  /** Invites someone with a role; returns the link the page shows for the owner to send. */
  async invite(email: string, role: 'Agent' | 'Analyst' | 'Owner'): Promise<string> {
    const invites = this.page.getByRole('region', { name: 'Invite teammates' });
    await invites.getByLabel('Email').fill(email);
    await invites.getByLabel('Role').selectOption({ label: role });
    await invites.getByRole('button', { name: 'Invite', exact: true }).click();
    return await invites.getByLabel(`Send this link to ${email}`).inputValue();
  }

  /** Creates a team by key and name and adds members by the name they chose. */
  async createTeam(key: string, name: string, members: string[]): Promise<void> {
    const teams = this.page.getByRole('region', { name: 'Teams' });
    await teams.getByLabel('Key (used by flows)').fill(key);
    await teams.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await teams.getByRole('button', { name: 'Create team' }).click();
    const row = teams.getByRole('listitem', { name, exact: true });
    for (const member of members) {
      const pick = row.getByRole('combobox', { name: `Agent to add: ${name}` });
      const option = pick.locator('option', { hasText: `${member} (` });
      await option.waitFor({ state: 'attached' });
      await pick.selectOption({ label: await option.innerText() });
      await row.getByRole('button', { name: 'Add member' }).click();
      await row
        .getByRole('list', { name: `Members: ${name}` })
        .getByText(member)
        .waitFor();
    }
  }

  /** A canned reply agents insert with `/shortcut`. */
  async addCannedReply(reply: { shortcut: string; title: string; text: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'New canned reply' }).click();
    const form = this.page.getByRole('form', { name: 'New canned reply' });
    await form.getByLabel('Shortcut').fill(reply.shortcut);
    await form.getByLabel('Title').fill(reply.title);
    await form.getByLabel('Text').fill(reply.text);
    await form.getByRole('button', { name: 'Save reply' }).click();
    await this.page.getByRole('table', { name: 'Canned replies' }).getByText(`/${reply.shortcut}`).waitFor();
  }

  /** An SLA policy with its first-response target for urgent tickets, counted in business hours. */
  async addSlaPolicy(policy: { name: string; urgentFirstResponseMinutes: number; isDefault: boolean }) {
    await this.page.getByRole('button', { name: 'New SLA policy' }).click();
    const form = this.page.getByRole('form', { name: 'New SLA policy' });
    await form.getByLabel('Name', { exact: true }).fill(policy.name);
    await form.getByLabel('First response (minutes): Urgent').fill(String(policy.urgentFirstResponseMinutes));
    await form.getByLabel('Count business hours only').check();
    if (policy.isDefault) await form.getByLabel('Default for new tickets').check();
    await form.getByRole('button', { name: 'Save policy' }).click();
    await this.page.getByRole('row', { name: policy.name }).waitFor();
  }

  /** The widget code the owner copies into the shop's web site. */
  async widgetSnippet(): Promise<string> {
    return await this.page
      .getByRole('region', { name: 'Chat widget' })
      .getByLabel('Widget code for your website')
      .inputValue();
  }
}

/** The invite link's page, as the invited person fills it in; resolves once the console shows. */
export async function acceptInvite(page: Page, link: string, name: string, password: string) {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Choose a password').fill(password);
  await page.getByRole('button', { name: 'Accept and sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
