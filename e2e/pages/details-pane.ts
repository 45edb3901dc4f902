import { expect, type Locator, type Page } from '@playwright/test';
import { ExecDialog } from './exec-dialog.ts';

/** The details of one system: lifecycle toolbar, tabs, property queries. */
export class DetailsPane {
  readonly region: Locator;
  readonly lifecycle: Locator;

  constructor(
    readonly page: Page,
    readonly id: string,
  ) {
    this.region = page.getByRole('region', { name: `Details of ${id}` });
    this.lifecycle = this.region.getByRole('toolbar', { name: `Lifecycle of ${id}` });
  }

  action(
    name:
      | 'Start'
      | 'Pause'
      | 'Resume'
      | 'Save…'
      | 'Modify…'
      | 'Shutdown'
      | 'Terminate'
      | 'Crash…'
      | 'Wait for exit'
      | 'Close (forget)',
  ): Locator {
    return this.lifecycle.getByRole('button', { name, exact: true });
  }

  async tab(
    name:
      'Overview' | 'V1 properties' | 'V2 properties' | 'Statistics' | 'Hardware' | 'Processes' | 'Activity',
  ): Promise<void> {
    await this.region.getByRole('tab', { name }).click();
    await expect(this.region.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }

  /** A value of the Overview tab's list, by its term ("State", "Last error"). */
  overviewValue(term: string): Locator {
    return this.region
      .getByLabel(`Overview of ${this.id}`, { exact: true })
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${term}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** Dismisses the Overview's last error (it is cleared in the app core, for every window). */
  async clearLastError(): Promise<void> {
    await this.region.getByRole('button', { name: 'Clear last error' }).click();
    await expect(this.overviewValue('Last error')).toHaveText('None');
  }

  /** The V1/V2 property type picker: a menu button named by its label and what is chosen. */
  typePicker(version: 'V1' | 'V2'): Locator {
    return this.region.getByRole('button', { name: new RegExp(`^${version} property types`) });
  }

  /** Opens the type picker's menu (checkbox items, Select all, Clear). */
  async openTypePicker(version: 'V1' | 'V2'): Promise<Locator> {
    await this.typePicker(version).click();
    const menu = this.page.getByRole('menu');
    await expect(menu).toBeVisible();
    return menu;
  }

  /** Runs a properties query on the open V1/V2 tab, with the given property types chosen. */
  async queryProperties(version: 'V1' | 'V2', types: readonly string[] = []): Promise<Locator> {
    if (types.length > 0) {
      const menu = await this.openTypePicker(version);
      for (const type of types) await menu.getByRole('menuitemcheckbox', { name: type, exact: true }).click();
      await this.page.keyboard.press('Escape');
      await expect(menu).toBeHidden();
    }
    await this.region.getByRole('button', { name: 'Query', exact: true }).click();
    const tree = this.region.getByRole('tree', { name: `${version} properties of ${this.id}` });
    await expect(tree).toBeVisible();
    return tree;
  }

  /** A line of a JSON tree by its key, at the top level unless `level` says otherwise. */
  treeItem(tree: Locator, key: string, level = 1): Locator {
    return tree.getByRole('treeitem', { name: new RegExp(`^${key}: `), level });
  }

  /** A figure of the Statistics view's summary (its value). */
  statistic(term: string): Locator {
    return this.region
      .getByLabel('Statistics summary')
      .locator('div')
      .filter({ has: this.page.getByRole('term').getByText(term, { exact: true }) })
      .getByRole('definition');
  }

  /** A chart of the Statistics view, by its title. */
  chart(title: string): Locator {
    return this.region.getByRole('figure', { name: title, exact: true });
  }

  /** Opens the Exec dialog of this system. */
  async exec(): Promise<ExecDialog> {
    await this.region.getByRole('button', { name: 'Exec…', exact: true }).click();
    const dialog = new ExecDialog(this.page);
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }

  /** The process table of the Processes tab (one table, from the source chosen above it). */
  processTable(): Locator {
    return this.region.getByRole('table', { name: `Processes of ${this.id}` });
  }

  /** Chooses which HCS API's process list the Processes tab shows. */
  async processSource(version: 'V1' | 'V2'): Promise<void> {
    const radio = this.region
      .getByRole('radiogroup', { name: 'Process list from' })
      .getByRole('radio', { name: new RegExp(`^From HCS ${version} `) });
    await radio.check();
    await expect(radio).toBeChecked();
  }

  /** A process's row in a process table, by its pid. */
  processRow(table: Locator, pid: number): Locator {
    return table
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: String(pid), exact: true }) });
  }
}
