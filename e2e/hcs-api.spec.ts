import { expect, test, BOTH_APIS } from './fixtures.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

/** Which API this project's app speaks: auto picks V2 on the simulator (computecore has every export). */
const apiOf = (hcsApi: string) => (hcsApi === 'v1' ? 'v1' : 'v2');

test.describe('the HCS API', () => {
  test(
    'the badge and About this host say which API, and what the host takes',
    { tag: BOTH_APIS },
    async ({ app, hcsApi }, testInfo) => {
      const api = apiOf(hcsApi);
      await expect(app.apiBadge()).toHaveText(api === 'v2' ? 'API V2' : 'API V1');
      const about = await app.openAboutHost();
      await expect(about).toContainText(api === 'v2' ? 'HCS V2 (computecore.dll)' : 'HCS V1 (vmcompute.dll)');
      await expect(about).toContainText('Supported schema versions1.0, 2.1');
      await expect(about).toContainText(
        api === 'v2'
          ? 'Crash a systemavailable'
          : 'needs the HCS V2 API (computecore.dll); this app instance uses V1',
      );
      await expectAccessibleInBothThemes(app.page, testInfo, 'About this host');
      await saveScreenshot(app.page, testInfo, 'about-host');
      await app.page.keyboard.press('Escape');
      await expect(about).toBeHidden();
    },
  );

  test(
    'crash after confirmation, with the crash and its report in the activity (V2); off on V1',
    { tag: BOTH_APIS },
    async ({ app, hcsApi }) => {
      const details = await app.openDetails(SYSTEMS.runningVm);
      if (apiOf(hcsApi) === 'v1') {
        await expect(details.action('Crash…')).toHaveAttribute('aria-disabled', 'true');
        await details.action('Crash…').focus();
        await expect(app.page.getByText(/Crash needs the HCS V2 API/)).toBeVisible();
        return;
      }
      await details.action('Wait for exit').click();
      await expect(details.region.getByRole('button', { name: 'Waiting for exit…' })).toBeDisabled();
      await details.action('Crash…').click();
      const dialog = app.confirmDialog();
      await expect(dialog).toContainText(`Crash ${SYSTEMS.runningVm}?`);
      await dialog.getByRole('button', { name: 'Crash' }).click();
      await app.expectState(SYSTEMS.runningVm, 'Stopped');
      await expect(app.toast(`${SYSTEMS.runningVm} exited`)).toBeVisible();
      await details.tab('Activity');
      const activity = details.region.getByRole('list', {
        name: `HCS notifications for ${SYSTEMS.runningVm}`,
      });
      await expect(activity).toContainText('SystemCrashInitiated');
      await expect(activity).toContainText('SystemCrashReport');
      await expect(activity).toContainText('SystemExited');
      // In words first, the raw notification beneath.
      await expect(activity.getByRole('listitem').filter({ hasText: 'SystemCrashReport' })).toContainText(
        /Crash report: OK\s*SystemCrashReport \(0x6\) status 0x00000000/,
      );
      await activity.getByText('Document of SystemCrashReport').click();
      await expect(activity).toContainText('"CrashLog"');
    },
  );
});
