import type { Locator, Page } from '@playwright/test';

/** The "Create a compute system" dialog: id, template, JSON editor and its problem list. */
export class CreateDialog {
  readonly dialog: Locator;
  readonly idField: Locator;
  readonly template: Locator;
  readonly editor: Locator;
  readonly problems: Locator;
  readonly createButton: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Create a compute system' });
    this.idField = this.dialog.getByRole('textbox', { name: /^System id/ });
    this.template = this.dialog.getByRole('combobox', { name: 'Template' });
    this.editor = this.dialog.getByRole('textbox', { name: 'Create document' });
    this.problems = this.dialog.getByRole('list', { name: 'Problems' });
    this.createButton = this.dialog.getByRole('button', { name: 'Create', exact: true });
    this.cancelButton = this.dialog.getByRole('button', { name: 'Cancel' });
  }

  async chooseTemplate(name: string): Promise<void> {
    await this.template.selectOption({ label: name });
  }

  async setDocument(text: string): Promise<void> {
    await this.editor.fill(text);
  }
}
