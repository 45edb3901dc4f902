import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The Events view: the core's timeline of every system, its filters, export and notifications switch. */
export class EventsView {
  readonly region: Locator;
  readonly table: Locator;
  readonly search: Locator;
  readonly details: Locator;
  readonly notifications: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('main', { name: 'Events' });
    this.table = this.region.getByRole('table', { name: 'Events' });
    this.search = this.region.getByRole('searchbox', { name: 'Search events' });
    this.details = this.region.getByRole('region', { name: 'Event details' });
    this.notifications = this.region.getByRole('switch', {
      name: 'Desktop notifications for unexpected exits',
    });
  }

  /**
   * Body rows of a system whose What begins with `what`, and whose other cells (who, result) include each of
   * `cells` exactly.
   */
  row(systemId: string, what?: string, ...cells: string[]): Locator {
    const cell = (name: string | RegExp) => this.page.getByRole('cell', { name, exact: true });
    let rows = this.table.getByRole('row').filter({ has: cell(systemId) });
    if (what !== undefined) {
      const escaped = what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      rows = rows.filter({ has: cell(new RegExp(`^${escaped}( — |$)`)) });
    }
    for (const text of cells) rows = rows.filter({ has: cell(text) });
    return rows;
  }

  async filter(by: 'system' | 'kind' | 'result', ...options: string[]): Promise<void> {
    await this.region.getByRole('combobox', { name: `Filter by ${by}` }).click();
    for (const option of options)
      await this.page.getByRole('menuitemcheckbox', { name: option, exact: true }).click();
    await this.page.keyboard.press('Escape');
  }

  /** Exports what the filters show; resolves with the downloaded file's text. */
  async export(format: 'JSON' | 'CSV'): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.region.getByRole('button', { name: `Export ${format}` }).click(),
    ]);
    const path = await download.path();
    expect(path).toBeTruthy();
    const { readFile } = await import('node:fs/promises');
    return { download, text: await readFile(path, 'utf8') };
  }
}
