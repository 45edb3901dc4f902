import type { AppPage } from '../pages/app-page.ts';
import type { SessionPanel } from '../pages/terminals-view.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { expect, test } from './fixtures.ts';

/**
 * HCS Desktop on a real Windows host: the Electron app on vmcompute.dll, looking at a process-isolated Windows
 * container that Docker runs (HCS_E2E_CONTAINER_ID). Only what a real container has is asserted; the specs
 * that need the simulator's demo systems stay in the `web` and `electron` projects.
 */

async function execIn(app: AppPage, id: string, commandLine: string, tty: boolean): Promise<SessionPanel> {
  await app.showSystems();
  const details = await app.openDetails(id);
  const dialog = await details.exec();
  await dialog.fill(commandLine, { tty });
  await dialog.start();
  await expect(app.terminals.tabOf(commandLine)).toHaveAttribute('aria-selected', 'true');
  return app.terminals.selected();
}

test.describe('real HCS', () => {
  test('lists the Docker container as a running container', async ({ app, containerId }, testInfo) => {
    await app.expectState(containerId, 'Running');
    await saveScreenshot(app.page, testInfo, 'real-hcs-systems');
  });

  test('shows the container’s V1 and V2 properties', async ({ app, containerId }, testInfo) => {
    const details = await app.openDetails(containerId);
    await details.tab('V1 properties');
    const v1 = await details.queryProperties('V1', ['Statistics']);
    await expect(details.treeItem(v1, 'Id')).toContainText(containerId);
    await expect(details.treeItem(v1, 'Statistics')).toBeVisible();
    await saveScreenshot(app.page, testInfo, 'real-hcs-v1-properties');

    await details.tab('V2 properties');
    const v2 = await details.queryProperties('V2', ['Statistics']);
    await expect(details.treeItem(v2, 'Statistics')).toBeVisible();
    await saveScreenshot(app.page, testInfo, 'real-hcs-v2-properties');
  });

  test('runs cmd /c echo in a terminal tab and shows its exit code', async ({
    app,
    containerId,
  }, testInfo) => {
    const echo = 'cmd /c echo hcs-desktop-real-hcs-1';
    const session = await execIn(app, containerId, echo, false);
    await session.expectText('hcs-desktop-real-hcs-1');
    await expect(session.status).toHaveText(/^Exited with code 0 after/);
    await expect(app.terminals.tab(`${echo} — exited 0`)).toBeVisible();
    await saveScreenshot(app.page, testInfo, 'real-hcs-terminal');

    const exit3 = 'cmd /c exit 3';
    const failing = await execIn(app, containerId, exit3, false);
    await expect(failing.status).toHaveText(/^Exited with code 3 after/);
    await expect(app.terminals.tab(`${exit3} — exited 3`)).toBeVisible();
  });

  test('runs cmd /c echo in an emulated console', async ({ app, containerId }, testInfo) => {
    const echo = 'cmd /c echo hcs-desktop-real-hcs-2';
    const session = await execIn(app, containerId, echo, true);
    await session.expectText('hcs-desktop-real-hcs-2');
    await expect(session.status).toHaveText(/^Exited with code 0 after/);
    await saveScreenshot(app.page, testInfo, 'real-hcs-console');
  });
});
