import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.ts';
import { readFixture, resetAppUnderTest } from './support/app-under-test.ts';
import { repoRoot } from './support/paths.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

const run = promisify(execFile);
const hcsctl = join(repoRoot, 'bin', 'hcsctl.mjs');

test.describe('systems list', () => {
  test('lists the seeded systems with their states', async ({ app, fixture }, testInfo) => {
    await app.expectShownCount(fixture.systems.length);
    for (const system of fixture.systems) {
      await expect(app.row(system.id)).toBeVisible();
      await app.expectState(system.id, system.state ?? 'Created');
    }
    await expect(app.row(SYSTEMS.created)).toContainText('created-container');
    await expectAccessibleInBothThemes(app.page, testInfo, 'the systems list');
    await saveScreenshot(app.page, testInfo, 'systems-list');
  });

  test('search narrows the list and clearing it restores it', async ({ app, fixture }) => {
    await app.search('WSL');
    await app.expectShownCount(1);
    await expect(app.row(SYSTEMS.runningVm)).toBeVisible();
    await app.search('test-vm');
    await app.expectShownCount(fixture.systems.filter((s) => s.id.startsWith('test-vm')).length);
    await app.search('no-such-system');
    await expect(
      app.page.getByRole('status').filter({ hasText: 'No systems match the search or filters.' }),
    ).toBeVisible();
    await app.search('');
    await app.expectShownCount(fixture.systems.length);
  });

  test('filters by state and by type', async ({ app, fixture }) => {
    await app.filterByState('Running');
    const running = fixture.systems.filter((s) => s.state === 'Running');
    await app.expectShownCount(running.length);
    expect(await app.shownStates()).toEqual(running.map(() => 'Running'));

    const [type] = await app.typeOptions();
    expect(type).toBeTruthy();
    await app.filterByType(type!);
    const shown = await app.shownTypes();
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set([type]));
    expect(await app.shownStates()).toEqual(shown.map(() => 'Running'));
  });

  test('sorts by a column header, both ways', async ({ app }) => {
    const header = app.grid.getByRole('columnheader', { name: 'ID', exact: true });
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await app.sortBy('ID');
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const ids = await app.rows
      .getByRole('gridcell')
      .filter({ hasText: /^test-/ })
      .allInnerTexts();
    expect(ids).toEqual([...ids].sort().reverse());
  });

  test('is usable from the keyboard: arrows, Space ticks, Enter opens details', async ({ app }) => {
    await app.rows.first().focus();
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Space');
    await expect(app.rows.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(app.bulkActions).toBeVisible();
    await app.page.keyboard.press('Enter');
    await expect(app.page.getByRole('region', { name: /^Details of / })).toBeVisible();
  });

  test('Escape closes the details and gives focus back to the row (issue 12 §6)', async ({ app }) => {
    await app.rows.first().focus();
    await app.page.keyboard.press('Enter');
    const details = app.page.getByRole('region', { name: /^Details of / });
    await details.getByRole('tab', { name: 'Overview' }).focus();
    await app.page.keyboard.press('Escape');
    await expect(details).toBeHidden();
    await expect(app.rows.first()).toBeFocused();
  });

  test('the command palette finds a system and opens it; ? lists the shortcuts (issue 12 §5)', async ({
    app,
  }, testInfo) => {
    await expect(app.page).toHaveTitle('Systems — HCS Desktop');
    await app.page.keyboard.press('Control+k');
    const palette = app.page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await expectAccessibleInBothThemes(app.page, testInfo, 'the command palette');
    await app.page.keyboard.type(SYSTEMS.paused);
    await expect(palette.getByRole('option', { name: new RegExp(SYSTEMS.paused) })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await app.page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(app.page.getByRole('region', { name: `Details of ${SYSTEMS.paused}` })).toBeVisible();

    await app.page.keyboard.press('Control+k');
    await app.page.keyboard.type('Show Events');
    await expect(palette.getByRole('option', { name: 'Show Events' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await app.page.keyboard.press('Enter');
    await expect(app.page).toHaveTitle('Events — HCS Desktop');

    await app.page.locator('body').press('?');
    const sheet = app.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet.getByRole('table', { name: 'Anywhere' })).toBeVisible();
    await app.page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
  });
});

test.describe('every system HCS lists is shown (issue 8 §0)', () => {
  test("the demo fixture: as many rows as hcsctl lists, containerd's <id>@vm utility VM included", async ({
    app,
    available,
  }) => {
    const demo = readFixture(join(repoRoot, 'sim', 'fixtures', 'demo.json'));
    // Seeded as every spec's fixture is (the next spec's reset puts the test fixture back).
    await resetAppUnderTest(available, demo);
    const { stdout } = await run(process.execPath, [hcsctl, 'list', '--json'], {
      cwd: repoRoot,
      env: { ...process.env, HCS_SIM_SOCKET: available.socketPath },
      timeout: 60_000,
    });
    const listed = (JSON.parse(stdout) as Array<{ Id: string }>).map((s) => s.Id);
    expect(listed).toHaveLength(demo.systems.length);
    const uvm = listed.find((id) => id.endsWith('@vm'));
    expect(uvm).toBeDefined();
    await app.expectShownCount(listed.length);
    await expect(app.row(uvm!)).toBeVisible();
    // No system of the demo needs a mark: their ids are all ones HCS Desktop acts on.
    await expect(app.grid.getByRole('img', { name: /cannot act on this system/ })).toHaveCount(0);
  });
});

test.describe('the row menu (issue 12 §6)', () => {
  test("offers the row state's actions from Shift+F10, a right-click and the row's button, and runs them", async ({
    app,
  }, testInfo) => {
    let menu = await app.openRowMenu(SYSTEMS.runningContainer, 'keyboard');
    await expect(menu.getByRole('menuitem', { name: 'Pause' })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Start' })).toHaveCount(0);
    await expectAccessibleInBothThemes(app.page, testInfo, 'the row menu');
    await menu.getByRole('menuitem', { name: 'Pause' }).click();
    await expect(menu).toBeHidden();
    await app.expectState(SYSTEMS.runningContainer, 'Paused');

    menu = await app.openRowMenu(SYSTEMS.runningContainer, 'right-click');
    await expect(menu.getByRole('menuitem', { name: 'Resume' })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Pause' })).toHaveCount(0);
    await app.page.keyboard.press('Escape');
    await expect(menu).toBeHidden();

    menu = await app.openRowMenu(SYSTEMS.created, 'button');
    await expect(menu.getByRole('menuitem', { name: 'Start' })).toBeVisible();
    await app.page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    // The focus goes back to the row the menu was opened on.
    await expect(app.row(SYSTEMS.created)).toBeFocused();
  });
});

test.describe('hosted containers under their utility VM (issue 12 §6)', () => {
  test('the demo fixture: short ids, no repeated names, the container folded under its VM and remembered', async ({
    app,
    available,
  }) => {
    const demo = readFixture(join(repoRoot, 'sim', 'fixtures', 'demo.json'));
    await resetAppUnderTest(available, demo);
    const vm = demo.systems.find((s) => s.id.endsWith('@vm'))!.id;
    const hosted = demo.systems.find((s) => s.document?.HostingSystemId === vm)!.id;
    const docker = demo.systems.find((s) => s.document?.Owner === 'docker')!.id;
    await app.expectShownCount(demo.systems.length);

    // Docker names its containers by their id: shown once, in short, whole on hover.
    // (What is read is the whole id, in text hidden from sight; what is seen is the short form.)
    await expect(app.cell(docker, 'ID')).toContainText(docker.slice(0, 12) + '…');
    await expect(app.cell(docker, 'ID')).toHaveAttribute('title', docker);
    await expect(app.cell(docker, 'Name')).toHaveText('No name');

    await expect(app.row(vm)).toHaveAttribute('aria-expanded', 'true');
    await expect(app.row(hosted)).toHaveAttribute('aria-level', '2');
    await expect(app.cell(hosted, 'Type')).toContainText(`in ${vm.slice(0, 12)}…@vm`);

    await app.row(vm).focus();
    await app.page.keyboard.press('ArrowLeft');
    await expect(app.row(vm)).toHaveAttribute('aria-expanded', 'false');
    await expect(app.row(hosted)).toHaveCount(0);

    await app.page.reload();
    await app.waitUntilLoaded();
    await expect(app.row(vm)).toHaveAttribute('aria-expanded', 'false');
    await expect(app.row(hosted)).toHaveCount(0);
    await app.row(vm).focus();
    await app.page.keyboard.press('ArrowRight');
    await expect(app.row(hosted)).toHaveAttribute('aria-level', '2');
  });
});
