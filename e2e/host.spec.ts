import { expect, test } from './fixtures.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

test.describe('host view', () => {
  test('counts by state, type and owner; a count filters the list', async ({ app }) => {
    const host = await app.showHost();
    // sim/fixtures/test.json: 2 running, 1 created, 1 paused, 1 stopped; docker 2, WSL 1, CmService 2.
    expect(await host.counts('state')).toEqual(['Created 1', 'Running 2', 'Paused 1', 'Stopped 1']);
    expect(await host.counts('type')).toEqual(['VirtualMachine 3', 'Container 2']);
    expect(await host.counts('owner')).toEqual(['S Windows Sandbox (CmService) 2', 'D Docker 2', 'W WSL 1']);

    await host.count('state', 'Paused', 1).click();
    await expect(app.grid).toBeVisible();
    await app.expectShownCount(1);
    await expect(app.row(SYSTEMS.paused)).toBeVisible();

    const again = await app.showHost();
    await again.count('owner', 'Docker', 2).click();
    await app.expectShownCount(2);
    expect(await app.shownTypes()).toEqual(['Container', 'Container']);
    await expect(app.page.getByRole('combobox', { name: 'Filter by owner' })).toHaveText('Docker');
  });

  test('the running systems together over time, the service and the latest events', async ({
    app,
  }, testInfo) => {
    const details = await app.openDetails(SYSTEMS.paused);
    await details.action('Resume').click();
    await app.expectState(SYSTEMS.paused, 'Running');

    const host = await app.showHost();
    const cpu = host.chart('CPU of running systems');
    await expect(cpu.getByRole('img')).toHaveAttribute('aria-label', /over the last 5 minutes\./);
    await expect(host.chart('Memory of running systems')).toBeVisible();
    await expect(host.region.getByText(/^3 running; CPU /)).toBeVisible();
    await expect(host.region.getByRole('definition').filter({ hasText: 'Simulated HCS' })).toBeVisible();
    await expect(host.latestEvents).toContainText(`${SYSTEMS.paused}: Resume — succeeded`);
    await expectAccessibleInBothThemes(app.page, testInfo, 'the Host view');
    // The charts' numbers as a table, newest first.
    await host.region.getByRole('button', { name: 'Show table' }).click();
    const table = host.region.getByRole('region', { name: 'Table of the running systems together' });
    await expect(table.getByRole('columnheader')).toHaveText([
      'Time',
      'CPU of running systems',
      'Memory of running systems',
    ]);
    await expect(table.getByRole('row').nth(1).getByRole('cell').first()).toHaveText(/^\d+(\.\d)? %$/);
    await saveScreenshot(app.page, testInfo, 'host-light');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(app.page, testInfo, 'host-dark');
    await app.page.setViewportSize({ width: 1000, height: 700 });
    await expect(cpu).toBeVisible();
    await saveScreenshot(app.page, testInfo, 'host-1000x700');
  });
});
