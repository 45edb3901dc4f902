import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.ts';
import { repoRoot } from './support/paths.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

const run = promisify(execFile);

/** In the page: every Notification made is kept in window.__notifications (the page's JS, not this file's). */
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  const made = [];
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      made.push(this);
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true });
  window.__notifications = made;
})()`;
const hcsctl = join(repoRoot, 'bin', 'hcsctl.mjs');

test.describe('events timeline', () => {
  test('this app’s operations and another client’s changes, filtered, searched and exported', async ({
    app,
    available,
  }, testInfo) => {
    const details = await app.openDetails(SYSTEMS.runningContainer);
    await details.action('Pause').click();
    await app.expectState(SYSTEMS.runningContainer, 'Paused');
    // Another HCS client starts a system: the app sees it at its next enumeration.
    await run(process.execPath, [hcsctl, 'start', SYSTEMS.created], {
      cwd: repoRoot,
      env: { ...process.env, HCS_SIM_SOCKET: available.socketPath },
      timeout: 30_000,
    });
    await app.expectState(SYSTEMS.created, 'Running');

    const events = await app.showEvents();
    await expect(events.row(SYSTEMS.runningContainer, 'Pause', 'HCS Desktop', 'Succeeded')).toHaveCount(1);
    await expect(events.row(SYSTEMS.runningContainer, 'Running → Paused', 'HCS Desktop')).toHaveCount(1);
    await expect(events.row(SYSTEMS.created, 'Created → Running', 'Another client')).toHaveCount(1);

    await events.filter('system', SYSTEMS.created);
    await expect(events.row(SYSTEMS.runningContainer)).toHaveCount(0);
    await expect(events.row(SYSTEMS.created, 'Created → Running')).toHaveCount(1);
    const csv = await events.export('CSV');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      '"time","system","kind","who","what","result","detail","hresult","error","errorEvents"',
    );
    expect(lines.slice(1).every((line) => line.includes(`"${SYSTEMS.created}"`))).toBe(true);
    expect(lines.some((line) => line.includes('"Another client","Created → Running"'))).toBe(true);
    await events.filter('system', SYSTEMS.created); // off again

    await events.search.fill('paused hcs desktop');
    await expect(events.row(SYSTEMS.created)).toHaveCount(0);
    await expect(events.row(SYSTEMS.runningContainer, 'Running → Paused')).toHaveCount(1);
    const json = await events.export('JSON');
    const parsed = JSON.parse(json.text) as { entries: Array<{ systemId: string; what: string }> };
    expect(parsed.entries.map((e) => [e.systemId, e.what])).toContainEqual([
      SYSTEMS.runningContainer,
      'Running → Paused',
    ]);
    await expectAccessibleInBothThemes(app.page, testInfo, 'the Events view');
    await saveScreenshot(app.page, testInfo, 'events-light');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(app.page, testInfo, 'events-dark');
    await app.page.setViewportSize({ width: 1000, height: 700 });
    await saveScreenshot(app.page, testInfo, 'events-1000x700');
  });

  test('a failed operation shows HCS’s error in its details', async ({ app, control }) => {
    await control.setFaults({ system: SYSTEMS.created, accessDenied: ['StartComputeSystem'] });
    const details = await app.openDetails(SYSTEMS.created);
    await details.action('Start').click();
    await expect(app.toast(`Start ${SYSTEMS.created} failed`)).toBeVisible();
    const events = await app.showEvents();
    await events.filter('result', 'Failed');
    const failed = events.row(SYSTEMS.created, 'Start', 'HCS Desktop', 'Failed');
    await expect(failed).toHaveCount(1);
    await failed.getByRole('button', { name: 'Failed' }).click();
    await expect(events.details).toContainText('Access is denied');
    await events.details.getByRole('button', { name: 'Show error details' }).click();
    await expect(events.details).toContainText('0x80070005');
    await expect(
      events.details.getByRole('list', { name: 'Error events' }).getByRole('listitem'),
    ).not.toHaveCount(0);
  });

  test('an unexpected exit raises a browser notification once allowed; clicking it shows the system', async ({
    app,
    control,
    context,
  }) => {
    await context.grantPermissions(['notifications']);
    // Record the page's notifications (the OS's own cannot be clicked from a test).
    await app.page.evaluate(RECORD_NOTIFICATIONS);
    const events = await app.showEvents();
    await events.notifications.click();
    await expect(events.notifications).toBeChecked();

    await control.crash(SYSTEMS.runningVm);
    await expect(events.row(SYSTEMS.runningVm, 'Exited unexpectedly', 'HCS')).toHaveCount(1);
    await expect
      .poll(() => app.page.evaluate('window.__notifications.map((n) => n.title)'))
      .toEqual([`${SYSTEMS.runningVm} exited unexpectedly`]);
    await app.page.evaluate("window.__notifications[0].onclick(new Event('click'))");
    await expect(app.page.getByRole('region', { name: `Details of ${SYSTEMS.runningVm}` })).toBeVisible();
    await app.expectState(SYSTEMS.runningVm, 'Stopped');
  });
});
