import { expect, test } from './fixtures.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { SYSTEMS } from './support/test-systems.ts';

test.describe('failures', () => {
  test('an access-denied failure is shown with its HCS error events', async ({ app, control }, testInfo) => {
    await control.setFaults({ system: SYSTEMS.created, accessDenied: ['StartComputeSystem'] });
    const details = await app.openDetails(SYSTEMS.created);
    await details.action('Start').click();
    const toast = app.toast(`Start ${SYSTEMS.created} failed`);
    await expect(toast).toBeVisible();
    await toast.getByRole('button', { name: 'Show error details' }).click();
    await expect(toast).toContainText('0x80070005');
    const events = toast.getByRole('list', { name: 'Error events' });
    await expect(events.getByRole('listitem')).not.toHaveCount(0);
    await app.expectState(SYSTEMS.created, 'Created');
    await expectAccessibleInBothThemes(app.page, testInfo, 'a failure toast with its details');
  });

  test('the last error is shown on the Overview until cleared, and a reload does not bring it back', async ({
    app,
    control,
  }, testInfo) => {
    await control.setFaults({ system: SYSTEMS.created, accessDenied: ['StartComputeSystem'] });
    const details = await app.openDetails(SYSTEMS.created);
    await details.action('Start').click();
    await expect(app.toast(`Start ${SYSTEMS.created} failed`)).toBeVisible();
    await details.tab('Overview');
    await expect(details.overviewValue('Last error')).toContainText('denied');
    await expectAccessibleInBothThemes(app.page, testInfo, 'the Overview with a last error');
    await details.clearLastError();
    await app.page.reload();
    await app.waitUntilLoaded();
    const again = await app.openDetails(SYSTEMS.created);
    await again.tab('Overview');
    await expect(again.overviewValue('State')).toContainText('Created');
    await expect(again.overviewValue('Last error')).toHaveText('None');
  });

  test('the service goes away: a banner, then recovery and the list again', async ({
    app,
    control,
    fixture,
  }) => {
    await app.expectShownCount(fixture.systems.length);
    await control.disconnect(2000);
    await expect(app.serviceBanner).toBeVisible();
    await expect(app.serviceBanner).toBeHidden({ timeout: 30_000 });
    await app.expectShownCount(fixture.systems.length);
    for (const system of fixture.systems) await app.expectState(system.id, system.state ?? 'Created');
    // Handles were renewed: an operation works again.
    const details = await app.openDetails(SYSTEMS.created);
    await details.action('Start').click();
    await app.expectState(SYSTEMS.created, 'Running');
  });
});
