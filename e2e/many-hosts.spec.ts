import { expect, test } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';
import { DetailsPane } from './pages/details-pane.ts';
import { HostsDialog } from './pages/hosts-dialog.ts';
import { readFixture } from './support/app-under-test.ts';
import { testFixturePath } from './support/paths.ts';
import { HAVE_OPENSSL } from '../test/helpers/test-certificate.ts';
import { RemoteHost } from './support/remote-host.ts';
import { SYSTEMS } from './support/test-systems.ts';
import { startWebApp } from './support/web-app.ts';

/*
 * One window over three more hosts, all on loopback: a hub (web mode with a hosts file of its own) and three
 * web-mode servers over TLS on 127.0.0.2–4, each with its own simulator and a certificate made at test time.
 * Added, trusted, listed together, acted on, exec'd in, one stopped and restarted, one removed — from the UI.
 */

const FIXTURE_SYSTEMS = readFixture(testFixturePath).systems.length;
const ADDRESSES = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
/** The ids HCS Desktop makes from those addresses (src/contract/hosts.ts, hostIdFrom). */
const IDS = ADDRESSES.map((a) => a.replaceAll('.', '-'));

test.describe('many hosts', () => {
  test.skip(!HAVE_OPENSSL, 'openssl is not installed: it makes the remote hosts’ certificates');
  test.describe.configure({ timeout: 240_000 });

  let hub: Awaited<ReturnType<typeof startWebApp>>;
  const remotes: RemoteHost[] = [];

  // eslint-disable-next-line no-empty-pattern -- Playwright hands the test info second, after the fixtures.
  test.beforeAll(async ({}, testInfo) => {
    test.setTimeout(240_000);
    hub = await startWebApp(testInfo.outputPath('hub.log'));
    for (const address of ADDRESSES)
      remotes.push(new RemoteHost(address, testInfo.outputPath(`${address}.log`)));
    await Promise.all(remotes.map((r) => r.start()));
  });

  test.afterAll(async () => {
    await Promise.all(remotes.map((r) => r.dispose()));
    await hub?.stop();
  });

  test('adds and trusts three hosts, lists, acts and execs across them, survives one going away', async ({
    page,
  }) => {
    await page.goto(hub.url);
    const app = new AppPage(page);
    await app.waitUntilLoaded();
    await app.expectShownCount(FIXTURE_SYSTEMS);

    // Add: two by the URL their web mode printed, one by address, port and token; each trusted after
    // comparing the fingerprint the dialog shows with the one the server printed.
    await page.getByRole('button', { name: 'Hosts…' }).click();
    const hosts = new HostsDialog(page);
    await hosts.addByUrl(remotes[0]!.url);
    await hosts.trust(IDS[0]!, remotes[0]!.fingerprint);
    await hosts.addByAddress(ADDRESSES[1]!, remotes[1]!.port, remotes[1]!.token);
    await hosts.trust(IDS[1]!, remotes[1]!.fingerprint);
    await hosts.addByUrl(remotes[2]!.url);
    await hosts.trust(IDS[2]!, remotes[2]!.fingerprint);
    await hosts.close();

    // All listed together, with a Host column that sorts and a switcher that shows one host.
    await app.expectShownCount(4 * FIXTURE_SYSTEMS);
    await app.sortBy('Host');
    await expect(app.cellOf(app.rows.first(), 'Host')).toHaveText('local');
    await app.sortBy('Host');
    await expect(app.cellOf(app.rows.first(), 'Host')).toHaveText(IDS[2]!);
    const switcher = page.getByRole('combobox', { name: 'Show host' });
    await switcher.click();
    await page.getByRole('option', { name: `${IDS[1]} (connected)` }).click();
    await app.expectShownCount(FIXTURE_SYSTEMS);
    await switcher.click();
    await page.getByRole('option', { name: 'All hosts' }).click();
    await app.expectShownCount(4 * FIXTURE_SYSTEMS);

    // An action on each host at once: the outcome says per host what happened.
    await app.search(SYSTEMS.created);
    await app.expectShownCount(4);
    await app.grid.getByRole('checkbox', { name: 'Select all shown systems' }).check();
    await app.bulkActions.getByRole('button', { name: 'Start selected' }).click();
    const outcome = app.toast('Start: 4 of 4 systems done');
    await expect(outcome).toBeVisible();
    for (const id of ['local', ...IDS]) await expect(outcome).toContainText(`${id}: 1 done`);
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await app.search('');

    // Exec on a remote system: its terminal tab names the host.
    const remoteVm = `@${IDS[1]}/${SYSTEMS.runningVm}`;
    await app.row(SYSTEMS.runningVm).filter({ hasText: IDS[1]! }).getByRole('gridcell').nth(1).click();
    const details = new DetailsPane(page, remoteVm);
    await expect(details.region).toBeVisible();
    const exec = await details.exec();
    await exec.fill('echo hello-from-a-remote-host', { tty: false });
    await exec.start();
    await expect(app.terminals.tabList.getByRole('tab', { name: /on 127-0-0-3 — / })).toBeVisible();
    await app.terminals.selected().expectText('hello-from-a-remote-host');
    await app.showSystems();

    // One host goes away: a banner for it alone, its systems kept and marked; back by itself when it returns.
    await remotes[1]!.stop();
    const banner = page.getByRole('status', { name: `Host ${IDS[1]}` });
    await expect(banner).toContainText('unreachable');
    await expect(page.getByRole('status', { name: `Host ${IDS[0]}` })).toHaveCount(0);
    await app.expectShownCount(4 * FIXTURE_SYSTEMS);
    await expect(app.rows.filter({ hasText: `${IDS[1]} (unreachable)` })).toHaveCount(FIXTURE_SYSTEMS);
    await remotes[1]!.start();
    await expect(banner).toHaveCount(0, { timeout: 60_000 });
    await expect(app.rows.filter({ hasText: '(unreachable)' })).toHaveCount(0);

    // Counts per host in the Host view.
    await app.showHost();
    const byHost = page.getByRole('list', { name: 'Systems by host' });
    for (const id of ['local', ...IDS]) {
      await expect(
        byHost.getByRole('button', { name: new RegExp(`^${id}\\s*${FIXTURE_SYSTEMS}$`) }),
      ).toBeVisible();
    }
    await app.showSystems();

    // Removed: its systems leave the list, the others stay.
    await page.getByRole('button', { name: 'Hosts…' }).click();
    await hosts
      .card(IDS[2]!)
      .getByRole('button', { name: `Remove ${IDS[2]}` })
      .click();
    await app.confirmDialog().getByRole('button', { name: 'Remove' }).click();
    await expect(hosts.card(IDS[2]!)).toHaveCount(0);
    await hosts.close();
    await app.expectShownCount(3 * FIXTURE_SYSTEMS);
  });
});
