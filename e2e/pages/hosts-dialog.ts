import { expect, type Locator, type Page } from '@playwright/test';

/** The Hosts dialog: the remote hosts with their state and actions, and the form that adds one. */
export class HostsDialog {
  readonly dialog: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Hosts' });
    this.list = this.dialog.getByRole('list', { name: 'Remote hosts' });
  }

  /** One host's card, by its id. */
  card(id: string): Locator {
    return this.list.getByRole('region', { name: new RegExp(`(^|\\()${id}\\)?$`) });
  }

  async addByUrl(url: string, name?: string): Promise<void> {
    await this.dialog.getByRole('radio', { name: 'Paste the URL it printed' }).check();
    await this.dialog.getByLabel(/^URL/).fill(url);
    if (name) await this.dialog.getByLabel('Name (optional)').fill(name);
    await this.dialog.getByRole('button', { name: 'Add host' }).click();
  }

  async addByAddress(address: string, port: number, token: string): Promise<void> {
    await this.dialog.getByRole('radio', { name: 'Address, port and token' }).check();
    await this.dialog.getByLabel('Address', { exact: true }).fill(address);
    await this.dialog.getByLabel('Port', { exact: true }).fill(String(port));
    await this.dialog.getByLabel('Token', { exact: true }).fill(token);
    await this.dialog.getByRole('button', { name: 'Add host' }).click();
  }

  /** Waits for the host's first-connection prompt, checks the fingerprint shown, and trusts it. */
  async trust(id: string, fingerprint: string): Promise<void> {
    const card = this.card(id);
    const presented = card.getByLabel(`Certificate ${id} presents`);
    await expect(presented).toContainText(fingerprint);
    await card.getByRole('button', { name: `Trust ${id}'s certificate` }).click();
    await expect(card).toContainText('connected');
    await expect(card).toContainText(`Pinned certificate: ${fingerprint}`);
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).last().click();
    await expect(this.dialog).toBeHidden();
  }
}
