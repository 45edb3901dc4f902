import { expect, test } from './fixtures.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

test.describe('statistics charts', () => {
  test('live charts with their text alternatives, a legend that hides a series, a window and a table', async ({
    app,
  }, testInfo) => {
    const details = await app.openDetails(SYSTEMS.runningVm);
    await details.tab('Statistics');
    const cpu = details.chart('CPU');
    await expect(cpu.getByRole('img')).toHaveAttribute(
      'aria-label',
      /^CPU chart\. CPU \d.* over the last 5 minutes\./,
    );
    await expect(cpu.locator('canvas')).not.toHaveCount(0);
    // A VM's memory: working set and commit, and the memory HCS assigned it and the guest has free.
    const memory = details.chart('Memory');
    for (const series of ['Working set', 'Committed', 'Assigned', 'Available'])
      await expect(memory.getByRole('button', { name: series, exact: true })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
    await memory.getByRole('button', { name: 'Available', exact: true }).click();
    await expect(memory.getByRole('button', { name: 'Available', exact: true })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    await expect(memory.getByRole('img')).not.toHaveAttribute('aria-label', /Available/);

    // The crosshair by keyboard: the readout names the sample's time.
    await cpu.getByRole('img').focus();
    await app.page.keyboard.press('ArrowLeft');
    await expect(cpu.getByText(/^at \d/)).toBeVisible();

    await details.region.getByRole('radio', { name: '15 min' }).check();
    await expect(cpu.getByRole('img')).toHaveAttribute('aria-label', /over the last 15 minutes\./);
    await details.region.getByRole('button', { name: 'Show table' }).click();
    const table = details.region.getByRole('table');
    await expect(table.getByRole('row')).not.toHaveCount(1);
    await expectAccessibleInBothThemes(app.page, testInfo, 'the Statistics tab with charts');
    await saveScreenshot(app.page, testInfo, 'statistics-charts-light');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(app.page, testInfo, 'statistics-charts-dark');
    await app.page.setViewportSize({ width: 1000, height: 700 });
    await expect(cpu).toBeVisible();
    await saveScreenshot(app.page, testInfo, 'statistics-charts-1000x700');
  });

  test('a second window shows the past minutes at once, from the core’s history', async ({
    app,
    openWindow,
  }) => {
    const details = await app.openDetails(SYSTEMS.runningContainer);
    await details.tab('Statistics');
    await details.region.getByRole('button', { name: 'Show table' }).click();
    const caption = details.region.getByRole('table').locator('caption');
    // Wait for a few samples in the first window.
    await expect(caption).toHaveText(/\((?:[4-9]|\d\d+)\)$/);
    const second = await openWindow();
    const other = await second.openDetails(SYSTEMS.runningContainer);
    await other.tab('Statistics');
    await other.region.getByRole('button', { name: 'Show table' }).click();
    // Its first rendering already has the history: at least as many samples as the first window had.
    await expect(other.region.getByRole('table').locator('caption')).toHaveText(/\((?:[4-9]|\d\d+)\)$/);
  });
});
