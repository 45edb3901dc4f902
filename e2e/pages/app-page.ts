import { expect, type Locator, type Page } from '@playwright/test';
import { CreateDialog } from './create-dialog.ts';
import { DetailsPane } from './details-pane.ts';
import { EventsView } from './events-view.ts';
import { HostView } from './host-view.ts';
import { TerminalsView } from './terminals-view.ts';

/**
 * The systems grid's column headers in order (the first column holds the row's checkbox). The list spec
 * checks the grid shows exactly these, so a new column is added here once and every lookup by name follows.
 */
export const GRID_COLUMNS = [
  'Select all shown systems',
  'ID',
  'Name',
  'Type',
  'Owner',
  'OS',
  'State',
  'CPU',
  'Memory',
  'Uptime',
  'Runtime ID',
  'Host',
  'Actions',
] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];
const columnIndex = (column: GridColumn) => GRID_COLUMNS.indexOf(column);
const STATE_COLUMN = columnIndex('State');
const TYPE_COLUMN = columnIndex('Type');
const ID_COLUMN = columnIndex('ID');

/** The main window: the systems grid, its search, filters and bulk actions, the banner and the toasts. */
export class AppPage {
  readonly grid: Locator;
  readonly searchBox: Locator;
  readonly serviceBanner: Locator;
  readonly transportBanner: Locator;
  readonly bulkActions: Locator;
  readonly terminals: TerminalsView;

  constructor(readonly page: Page) {
    this.terminals = new TerminalsView(page);
    // A tree grid: hosted containers are rows under their utility VM's row.
    this.grid = page.getByRole('treegrid', { name: 'Compute systems' });
    this.searchBox = page.getByRole('searchbox', { name: 'Search systems' });
    this.serviceBanner = page
      .getByRole('alert')
      .filter({ hasText: 'HCS service is not available — reconnecting…' });
    this.transportBanner = page.getByRole('alert').filter({ hasText: 'Connection to HCS Desktop lost' });
    this.bulkActions = page.getByRole('toolbar', { name: 'Actions on selected systems' });
  }

  /** Shows one of the window's views by its tab. */
  async showView(name: 'Systems' | 'Host' | 'Events' | 'Terminals'): Promise<void> {
    const tab = this.page
      .getByRole('tablist', { name: 'Views' })
      .getByRole('tab', { name: new RegExp(`^${name}`) });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  async showHost(): Promise<HostView> {
    await this.showView('Host');
    const host = new HostView(this.page);
    await expect(host.region).toBeVisible();
    return host;
  }

  async showEvents(): Promise<EventsView> {
    await this.showView('Events');
    const events = new EventsView(this.page);
    await expect(events.region).toBeVisible();
    return events;
  }

  /** Back to the systems list (from the Terminals view). */
  async showSystems(): Promise<void> {
    await this.page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Systems' }).click();
    await expect(this.grid).toBeVisible();
  }

  async waitUntilLoaded(): Promise<void> {
    await expect(this.grid).toBeVisible({ timeout: 30_000 });
  }

  /** Every body row (the header row is the first row of the grid). */
  get rows(): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  row(id: string): Locator {
    return this.grid
      .getByRole('row')
      .filter({ has: this.page.getByRole('gridcell', { name: id, exact: true }) });
  }

  stateOf(id: string): Locator {
    return this.row(id).getByRole('gridcell').nth(STATE_COLUMN);
  }

  /** A row's cell in a column, by the column's header. */
  cell(id: string, column: GridColumn): Locator {
    return this.row(id).getByRole('gridcell').nth(columnIndex(column));
  }

  /** A cell of a row found otherwise (the first row, a filtered one), by the column's header. */
  cellOf(row: Locator, column: GridColumn): Locator {
    return row.getByRole('gridcell').nth(columnIndex(column));
  }

  /** The grid's column headers as it names them, in order. */
  async columnHeaders(): Promise<string[]> {
    const headers: string[] = [];
    for (const header of await this.grid.getByRole('columnheader').all()) {
      const checkbox = header.getByRole('checkbox');
      headers.push(
        (await checkbox.count()) > 0
          ? ((await checkbox.getAttribute('aria-label')) ?? '')
          : (await header.innerText()).trim(),
      );
    }
    return headers;
  }

  /** The ids of the shown rows, top to bottom (the ID cell's title holds the full id). */
  async shownIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const row of await this.rows.all())
      ids.push((await row.getByRole('gridcell').nth(ID_COLUMN).getAttribute('title')) ?? '');
    return ids;
  }

  /** The type column of every shown row, top to bottom. */
  async shownTypes(): Promise<string[]> {
    const types: string[] = [];
    for (const row of await this.rows.all())
      // The first line: a hosted container's cell names its utility VM on a second line.
      types.push((await row.getByRole('gridcell').nth(TYPE_COLUMN).innerText()).trim().split('\n')[0]!);
    return types;
  }

  /** The state column of every shown row, top to bottom. */
  async shownStates(): Promise<string[]> {
    const states: string[] = [];
    for (const row of await this.rows.all())
      states.push((await row.getByRole('gridcell').nth(STATE_COLUMN).innerText()).trim());
    return states;
  }

  async expectState(id: string, state: string): Promise<void> {
    await expect(this.stateOf(id)).toHaveText(state);
  }

  /** The number of systems shown, as the grid announces it (aria-rowcount counts the header row too). */
  async expectShownCount(count: number): Promise<void> {
    await expect(this.grid).toHaveAttribute('aria-rowcount', String(count + 1));
  }

  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
  }

  /** Multi-select dropdowns list their options as checkable menu items. */
  private async pick(filter: string, options: readonly string[]): Promise<void> {
    await this.page.getByRole('combobox', { name: filter }).click();
    for (const option of options)
      await this.page.getByRole('menuitemcheckbox', { name: option, exact: true }).click();
    await this.page.keyboard.press('Escape');
  }

  filterByState(...states: string[]): Promise<void> {
    return this.pick('Filter by state', states);
  }

  filterByType(...types: string[]): Promise<void> {
    return this.pick('Filter by type', types);
  }

  /** The options the type filter offers. */
  async typeOptions(): Promise<string[]> {
    await this.page.getByRole('combobox', { name: 'Filter by type' }).click();
    const names = await this.page.getByRole('menuitemcheckbox').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return names.map((n) => n.trim());
  }

  async sortBy(column: string): Promise<void> {
    await this.grid.getByRole('columnheader', { name: column, exact: true }).getByRole('button').click();
  }

  async openDetails(id: string): Promise<DetailsPane> {
    // The ID cell (the Name cell shows the id too when a system has no name of its own).
    await this.row(id).getByRole('gridcell', { name: id, exact: true }).first().click();
    const details = new DetailsPane(this.page, id);
    await expect(details.region).toBeVisible();
    return details;
  }

  async openCreate(): Promise<CreateDialog> {
    await this.page.getByRole('button', { name: 'Create system…' }).click();
    const dialog = new CreateDialog(this.page);
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }

  /** The divider between the list and the details (a keyboard-movable separator). */
  get detailsDivider(): Locator {
    return this.page.getByRole('separator', { name: 'Width of the details pane' });
  }

  /** A column's width splitter, at the right edge of its header. */
  columnSplitter(column: GridColumn): Locator {
    return this.grid.getByRole('separator', { name: `Width of the ${column} column` });
  }

  /** The open row menu (right-click, Shift+F10 or a row's actions button). */
  get rowMenu(): Locator {
    return this.page.getByRole('menu', { name: /^Actions for / });
  }

  /** Opens a row's menu the way a person would: right-click, Shift+F10 on the focused row, or its button. */
  async openRowMenu(id: string, via: 'right-click' | 'keyboard' | 'button'): Promise<Locator> {
    const row = this.row(id);
    if (via === 'right-click')
      await row.getByRole('gridcell', { name: id, exact: true }).click({ button: 'right' });
    else if (via === 'button') await row.getByRole('button', { name: `Actions for ${id}` }).click();
    else {
      await row.focus();
      await this.page.keyboard.press('Shift+F10');
    }
    const menu = this.page.getByRole('menu', { name: `Actions for ${id}` });
    await expect(menu).toBeVisible();
    return menu;
  }

  /** A toast, by its title. */
  toast(title: string): Locator {
    return this.page.getByRole('listitem', { name: title });
  }

  confirmDialog(): Locator {
    return this.page.getByRole('alertdialog');
  }

  /** The badge beside the backend's that names the HCS API in use. */
  apiBadge(): Locator {
    return this.page.getByLabel(/^HCS API in use: /);
  }

  /** Opens About this host (from the header, by keyboard: focus the button and press Enter). */
  async openAboutHost(): Promise<Locator> {
    const button = this.page.getByRole('button', { name: 'About this host' });
    await button.focus();
    await this.page.keyboard.press('Enter');
    const dialog = this.page.getByRole('dialog', { name: 'About this host' });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
