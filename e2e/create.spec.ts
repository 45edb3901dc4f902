import { expect, test } from './fixtures.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { saveScreenshot } from './support/screenshots.ts';

test.describe('create', () => {
  test('from a template: the new system appears', async ({ app, control }, testInfo) => {
    const create = await app.openCreate();
    await create.chooseTemplate('Utility VM (V2)');
    await create.idField.fill('e2e-uvm');
    await expect(create.dialog.getByText('No problems found.')).toBeVisible();
    await expect(create.createButton).toBeEnabled();
    await expectAccessibleInBothThemes(app.page, testInfo, 'the list after a create');
    await saveScreenshot(app.page, testInfo, 'create');
    await create.createButton.click();
    await expect(create.dialog).toBeHidden();
    await expect(app.row('e2e-uvm')).toBeVisible();
    await app.expectState('e2e-uvm', 'Created');
    expect((await control.systems()).map((s) => s.id)).toContain('e2e-uvm');
  });

  test('with broken JSON: a clear error with line and reason, and nothing is created', async ({
    app,
    control,
  }) => {
    const create = await app.openCreate();
    await create.idField.fill('e2e-broken');
    await create.setDocument(
      '{\n  "SchemaVersion": { "Major": 2, "Minor": 1 },\n  "VirtualMachine": { "Chipset": ,\n}\n',
    );
    await expect(create.problems).toContainText(/Line 3, column \d+: \S/);
    await expect(create.createButton).toBeDisabled();

    await create.setDocument('{ "Owner": "e2e" }');
    await expect(create.problems).toContainText(
      'Line 1, column 1: the document needs "SchemaVersion" (schema 2) or "SystemType" (schema 1)',
    );
    await expect(create.createButton).toBeDisabled();

    await create.cancelButton.click();
    await expect(create.dialog).toBeHidden();
    expect((await control.systems()).map((s) => s.id)).not.toContain('e2e-broken');
    await expect(app.row('e2e-broken')).toHaveCount(0);
  });

  test('a pasted one-line document: the cursor lands on its error, and a problem in the list goes there', async ({
    app,
  }, testInfo) => {
    const create = await app.openCreate();
    const broken = `{"SchemaVersion":{"Major":2,"Minor":1},"Owner":"${'o'.repeat(240)}","Container":{"Storage":}}`;
    await create.pasteDocument(broken);
    await expect(create.problems).toContainText(/^Line 1, column 3\d\d: /);
    await expect(create.template).toHaveValue('edited');
    await expectAccessibleInBothThemes(app.page, testInfo, 'the create dialog with a pasted document');
    // Typing goes where the error is.
    await app.page.keyboard.type('{}');
    await expect(create.dialog.getByText('No problems found.')).toBeVisible();

    await create.pasteDocument(broken);
    await app.page.keyboard.press('ControlOrMeta+End');
    await create.problem(/^Line 1, column 3\d\d: /).click();
    await expect(create.editor).toBeFocused();
    await app.page.keyboard.type('{}');
    await expect(create.dialog.getByText('No problems found.')).toBeVisible();
  });
});
