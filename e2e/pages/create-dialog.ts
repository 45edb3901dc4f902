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

  /** Replaces the document as a paste does (a clipboard paste event on the editor, all selected first). */
  async pasteDocument(text: string): Promise<void> {
    await this.editor.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    // The page's own DataTransfer and ClipboardEvent (this file is type-checked without the DOM library).
    await this.editor.evaluate((element, pasted) => {
      const page = globalThis as unknown as {
        DataTransfer: new () => { setData(type: string, data: string): void };
        ClipboardEvent: new (type: string, init: object) => unknown;
      };
      const data = new page.DataTransfer();
      data.setData('text/plain', pasted);
      const target = element as unknown as { dispatchEvent(event: unknown): boolean };
      target.dispatchEvent(
        new page.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  /** A problem of the list, as the link that puts the cursor on it. */
  problem(text: RegExp | string): Locator {
    return this.problems.getByRole('button', { name: text });
  }
}
