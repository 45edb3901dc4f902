import { expect, test, BOTH_APIS } from './fixtures.ts';
import type { AppPage } from './pages/app-page.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

/** Starts `command` (no console) from the running VM's Exec dialog: the VM's details and the process id. */
async function startInRunningVm(app: AppPage, command: string) {
  const details = await app.openDetails(SYSTEMS.runningVm);
  const dialog = await details.exec();
  await dialog.fill(command, { tty: false });
  await dialog.start();
  return { details, pid: await app.terminals.selected().pid() };
}

test.describe('processes', () => {
  test(
    'the Processes tab lists a running process, and Kill ends it',
    { tag: BOTH_APIS },
    async ({ app }, testInfo) => {
      const command = 'sleep 300 # processes-1';
      const { details, pid } = await startInRunningVm(app, command);

      await app.showSystems();
      await details.tab('Processes');
      const table = details.processTable();
      await expect(app.page.getByRole('table')).toHaveCount(1);
      await expect(details.processRow(table, pid)).toBeVisible();
      await expectAccessibleInBothThemes(app.page, testInfo, 'the Processes tab');
      await saveScreenshot(app.page, testInfo, 'processes');
      await details.processSource('V1');
      await expect(details.processRow(table, pid)).toBeVisible();

      await details
        .processRow(table, pid)
        .getByRole('button', { name: /^Kill / })
        .click();
      const confirm = app.confirmDialog();
      await expect(confirm).toContainText(`Kill process ${pid}`);
      await confirm.getByRole('button', { name: 'Kill' }).click();
      await expect(details.processRow(table, pid)).toHaveCount(0);
      await details.processSource('V2');
      await expect(details.processRow(table, pid)).toHaveCount(0);

      // The session that started it sees the kill as its exit.
      await app.terminals.show();
      const ended = await app.terminals.select(command);
      await expect(ended.status).toHaveText(/^Exited with code 137/);
    },
  );

  test('a system with no processes says so, without an empty table', async ({ app }, testInfo) => {
    const details = await app.openDetails(SYSTEMS.runningContainer);
    await details.tab('Processes');
    await expect(details.region.getByText('No processes are running.', { exact: true })).toBeVisible();
    await expect(details.processTable()).toHaveCount(0);
    await expectAccessibleInBothThemes(app.page, testInfo, 'the Processes tab with no processes');
  });

  test(
    'Attach opens a tab with the state and exit code of a process by its pid',
    { tag: BOTH_APIS },
    async ({ app }) => {
      const { details, pid } = await startInRunningVm(app, 'sleep 300 # processes-2');

      await app.showSystems();
      await details.tab('Processes');
      const row = details.processRow(details.processTable(), pid);
      await row.getByRole('button', { name: /^Attach / }).click();
      await expect(app.terminals.region).toBeVisible();
      const attached = app.terminals.selected();
      await expect(attached.status).toHaveText(new RegExp(`^Running since .* · pid ${pid}$`));
      await expect(attached.root).toContainText('no input or output');
      await expect(attached.button('Send Ctrl+C')).toHaveCount(0);

      await attached.button('Kill').click();
      await expect(attached.status).toHaveText(/^Exited with code 137/);
      await attached.button('Close tab').click();
      await expect(app.terminals.selected().status).toBeVisible();
    },
  );
});
