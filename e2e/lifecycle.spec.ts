import { expect, test, BOTH_APIS } from './fixtures.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

test.describe('lifecycle', () => {
  test(
    'start: the Running badge arrives from the completion notification',
    { tag: BOTH_APIS },
    async ({ app }, testInfo) => {
      const details = await app.openDetails(SYSTEMS.created);
      await expect(details.action('Start')).toBeEnabled();
      await expect(details.action('Pause')).toBeDisabled();
      await details.action('Start').click();
      await app.expectState(SYSTEMS.created, 'Running');
      await expect(details.action('Pause')).toBeEnabled();
      await expect(details.action('Start')).toBeDisabled();
      await expectAccessibleInBothThemes(app.page, testInfo, 'the details pane');
      await saveScreenshot(app.page, testInfo, 'details');
    },
  );

  test('pause and resume', { tag: BOTH_APIS }, async ({ app }) => {
    const details = await app.openDetails(SYSTEMS.runningContainer);
    await details.action('Pause').click();
    await app.expectState(SYSTEMS.runningContainer, 'Paused');
    await expect(details.action('Resume')).toBeEnabled();
    await details.action('Resume').click();
    await app.expectState(SYSTEMS.runningContainer, 'Running');
  });

  test('terminate only after confirmation', { tag: BOTH_APIS }, async ({ app, control }) => {
    const details = await app.openDetails(SYSTEMS.runningVm);
    await details.action('Terminate').click();
    const dialog = app.confirmDialog();
    await expect(dialog).toContainText(`Terminate ${SYSTEMS.runningVm}?`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await app.expectState(SYSTEMS.runningVm, 'Running');

    await details.action('Terminate').click();
    await app.confirmDialog().getByRole('button', { name: 'Terminate' }).click();
    await app.expectState(SYSTEMS.runningVm, 'Stopped');
    await expect(details.action('Close (forget)')).toBeEnabled();
    const simState = (await control.systems()).find((s) => s.id === SYSTEMS.runningVm);
    expect(simState?.state).toBe('Stopped');
    expect(simState?.exitType).toBe('ForcedExit');
  });

  test('bulk actions run on every ticked system the state allows', async ({ app }) => {
    await app
      .row(SYSTEMS.runningContainer)
      .getByRole('checkbox', { name: `Select ${SYSTEMS.runningContainer}` })
      .check();
    await app
      .row(SYSTEMS.runningVm)
      .getByRole('checkbox', { name: `Select ${SYSTEMS.runningVm}` })
      .check();
    await expect(app.bulkActions.getByRole('button', { name: 'Resume selected' })).toBeDisabled();
    await app.bulkActions.getByRole('button', { name: 'Pause selected' }).click();
    await app.expectState(SYSTEMS.runningContainer, 'Paused');
    await app.expectState(SYSTEMS.runningVm, 'Paused');
  });
});
