import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { GRID_COLUMNS, type AppPage } from './pages/app-page.ts';
import { repoRoot } from './support/paths.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

const hcsctl = join(repoRoot, 'bin', 'hcsctl.mjs');

/** A CPU cell's figure ("12 %", "2.9 %") as a number; NaN while it has none. */
async function cpuOf(app: AppPage, id: string): Promise<number> {
  const text = (await app.cell(id, 'CPU').innerText()).trim();
  return /^\d+(\.\d)? %$/.test(text) ? Number.parseFloat(text) : Number.NaN;
}

test.describe('resource columns in the list', () => {
  test('running systems show CPU, memory and uptime; the list sorts by them', async ({
    app,
    fixture,
  }, testInfo) => {
    expect(await app.columnHeaders()).toEqual([...GRID_COLUMNS]);
    await expect(app.cell(SYSTEMS.runningVm, 'CPU')).toHaveText(/^\d+(\.\d)? %$/);
    await expect(app.cell(SYSTEMS.runningVm, 'Memory')).toHaveText(/^\d+(\.\d)? (B|KiB|MiB|GiB)$/);
    await expect(app.cell(SYSTEMS.runningVm, 'Uptime')).toHaveText(/\d s$/);
    await expect(app.cell(SYSTEMS.runningContainer, 'CPU')).toHaveText(/^\d+(\.\d)? %$/);
    await expect(app.cell(SYSTEMS.stopped, 'CPU')).toHaveText('');
    await expect(app.cell(SYSTEMS.paused, 'Memory')).toHaveText('');

    // Longest uptime first: the fixture's VM has run a minute longer than the container.
    await app.sortBy('Uptime');
    await app.sortBy('Uptime');
    await expect(app.grid.getByRole('columnheader', { name: 'Uptime' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    const running = fixture.systems.filter((s) => s.state === 'Running').length;
    await expect
      .poll(async () => (await app.shownIds()).slice(0, running))
      .toEqual([SYSTEMS.runningVm, SYSTEMS.runningContainer]);
    expect((await app.shownStates()).slice(0, running)).toEqual(Array(running).fill('Running'));
    await saveScreenshot(app.page, testInfo, 'list-resources');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(app.page, testInfo, 'list-resources-dark');
    await app.page.setViewportSize({ width: 1000, height: 700 });
    await expect(app.cell(SYSTEMS.runningVm, 'CPU')).toHaveText(/^\d+(\.\d)? %$/);
    await saveScreenshot(app.page, testInfo, 'list-resources-1000x700');
  });

  test('CPU follows a process that burns CPU; sorted by CPU the list re-orders, keeping focus and selection', async ({
    app,
    available,
  }, testInfo) => {
    // Waits for a busy loop to show in the figures and to end, on a shared machine.
    test.slow();
    const vm = SYSTEMS.runningVm;
    const container = SYSTEMS.runningContainer;
    // Busiest first. The simulator's steady load is higher for the VM than for the container.
    await app.sortBy('CPU');
    await app.sortBy('CPU');
    await expect(app.grid.getByRole('columnheader', { name: 'CPU' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await expect.poll(async () => (await app.shownIds()).slice(0, 2)).toEqual([vm, container]);
    const idle = await cpuOf(app, container);

    // Keyboard: tick the container's row, then put the focus on the VM's row. Not with an arrow key: the rows
    // are in CPU order, which the figures of every system move each second (a process another test left in a
    // system was enough to put two rows between them), so the row above the container need not be the VM's.
    await app.row(container).focus();
    await app.page.keyboard.press('Space');
    await expect(app.row(container)).toHaveAttribute('aria-selected', 'true');
    await app.row(vm).focus();
    await expect(app.row(vm)).toBeFocused();
    // A re-sort moves rows in the DOM, and a moved element loses the focus. Count each time the focus is
    // found on the page's body once the update that took it is over (a screen reader would announce that).
    await app.page.evaluate(`document.addEventListener('focusout', () => queueMicrotask(() => {
      if (document.activeElement === document.body) window.focusLost = (window.focusLost ?? 0) + 1;
    }), true)`);
    const focusLost = async () => ((await app.page.evaluate('window.focusLost')) as number | undefined) ?? 0;

    // Another client (hcsctl) starts a busy loop in the container; it runs while the marker file exists.
    const dir = mkdtempSync(join(tmpdir(), 'hcs-e2e-burn-'));
    const marker = join(dir, 'burn');
    writeFileSync(marker, '');
    let burner: ChildProcess | null = spawn(
      process.execPath,
      [hcsctl, 'exec', container, '--', `while [ -e '${marker}' ]; do :; done`],
      { cwd: repoRoot, env: { ...process.env, HCS_SIM_SOCKET: available.socketPath }, stdio: 'ignore' },
    );
    const exited = once(burner, 'exit');
    try {
      // The container's CPU rises well above its steady load and it moves to the top.
      await expect.poll(() => cpuOf(app, container), { timeout: 45_000 }).toBeGreaterThan(idle + 5);
      await expect.poll(async () => (await app.shownIds()).slice(0, 2)).toEqual([container, vm]);
      await expect(app.row(vm)).toBeFocused();
      expect(await focusLost()).toBe(0);
      await expect(app.row(container)).toHaveAttribute('aria-selected', 'true');
      await expect(app.row(vm)).toHaveAttribute('aria-selected', 'false');
      await saveScreenshot(app.page, testInfo, 'list-cpu-sorted');

      // The loop ends: the figure falls back to the steady load and the order turns back.
      rmSync(marker);
      await exited;
      burner = null;
      await expect.poll(() => cpuOf(app, container), { timeout: 45_000 }).toBeLessThan(idle + 1);
      await expect.poll(async () => (await app.shownIds()).slice(0, 2)).toEqual([vm, container]);
      await expect(app.row(vm)).toBeFocused();
      expect(await focusLost()).toBe(0);
      await expect(app.row(container)).toHaveAttribute('aria-selected', 'true');

      // The keyboard still moves from where the focus was. Checked in the steady order: while the loop runs,
      // its share of a busy machine's cores can swap the two rows between two key presses.
      await app.page.keyboard.press('ArrowDown');
      await expect(app.row(container)).toBeFocused();
      await app.page.keyboard.press('ArrowUp');
      await expect(app.row(vm)).toBeFocused();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (burner && burner.exitCode === null) {
        burner.kill();
        await exited;
      }
    }
  });
});
