import { expect, test, BOTH_APIS } from './fixtures.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

test.describe('properties', () => {
  test('V1 and V2 properties are shown as trees', { tag: BOTH_APIS }, async ({ app }, testInfo) => {
    const details = await app.openDetails(SYSTEMS.runningVm);
    await details.tab('V1 properties');
    const v1 = await details.queryProperties('V1', ['Statistics']);
    await expect(details.treeItem(v1, 'Id')).toContainText(SYSTEMS.runningVm);
    await expect(details.treeItem(v1, 'Statistics')).toBeVisible();

    await details.tab('V2 properties');
    const v2 = await details.queryProperties('V2', ['Memory', 'Statistics']);
    await expect(details.treeItem(v2, 'Statistics')).toBeVisible();
    await expect(details.treeItem(v2, 'Memory')).toBeVisible();
    await expect(details.region.getByRole('button', { name: 'Copy JSON' })).toBeVisible();

    const download = app.page.waitForEvent('download');
    await details.region.getByRole('button', { name: 'Export JSON' }).click();
    expect((await download).suggestedFilename()).toBe(`${SYSTEMS.runningVm}-v2-properties.json`);
    await expectAccessibleInBothThemes(app.page, testInfo, 'the properties trees');
    await saveScreenshot(app.page, testInfo, 'properties');
  });

  test('the type picker says what is chosen; Select all and Clear, by keyboard', async ({
    app,
  }, testInfo) => {
    const details = await app.openDetails(SYSTEMS.runningVm);
    await details.tab('V2 properties');
    const picker = details.typePicker('V2');
    await expect(picker).toHaveAttribute('aria-haspopup', 'menu');
    await expect(picker).toHaveText('Basic properties only');
    const menu = await details.openTypePicker('V2');
    await menu.getByRole('menuitemcheckbox', { name: 'Memory', exact: true }).click();
    await expect(picker).toHaveText('Memory');
    await expect(picker).toHaveAccessibleDescription('1 of 12 chosen: the query asks for it.');
    await expectAccessibleInBothThemes(app.page, testInfo, 'the V2 property type menu');
    await menu.getByRole('menuitem', { name: 'Select all' }).focus();
    await app.page.keyboard.press('Enter');
    await expect(picker).toHaveText('All 12 types');
    await expect(menu.getByRole('menuitemcheckbox', { checked: true })).toHaveCount(12);
    await menu.getByRole('menuitem', { name: 'Clear' }).click();
    await expect(picker).toHaveText('Basic properties only');
    await app.page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(picker).toBeFocused();
  });

  test('the JSON tree is keyboard navigable', async ({ app }) => {
    const details = await app.openDetails(SYSTEMS.runningContainer);
    await details.tab('V2 properties');
    const tree = await details.queryProperties('V2', ['Statistics']);
    const statistics = details.treeItem(tree, 'Statistics');
    await expect(statistics).toHaveAttribute('aria-expanded', 'true');
    await tree.getByRole('treeitem').first().focus();
    await statistics.focus();
    await app.page.keyboard.press('ArrowLeft');
    await expect(statistics).toHaveAttribute('aria-expanded', 'false');
    await app.page.keyboard.press('ArrowRight');
    await expect(statistics).toHaveAttribute('aria-expanded', 'true');
  });

  test('statistics refresh live while the view is open', { tag: BOTH_APIS }, async ({ app }) => {
    const details = await app.openDetails(SYSTEMS.runningVm);
    await details.tab('Statistics');
    const uptime = details.statistic('Uptime');
    await expect(uptime).toHaveText(/\d s$/);
    const first = await uptime.innerText();
    await expect(uptime).not.toHaveText(first, { timeout: 10_000 });
  });
});
