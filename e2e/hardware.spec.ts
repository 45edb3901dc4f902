import { expect, test } from './fixtures.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

test.describe('hardware view', () => {
  test('a system this app created: its hardware read from the create document, each section linked to its JSON', async ({
    app,
  }, testInfo) => {
    const create = await app.openCreate();
    await create.chooseTemplate('Utility VM (V2)');
    await create.idField.fill('e2e-hw-uvm');
    await expect(create.createButton).toBeEnabled();
    await create.createButton.click();
    await expect(create.dialog).toBeHidden();
    await app.expectState('e2e-hw-uvm', 'Created');

    const details = await app.openDetails('e2e-hw-uvm');
    await details.tab('Hardware');
    const hardware = details.region.getByRole('region', { name: 'Hardware of e2e-hw-uvm' });
    await expect(hardware.getByText(/^From the create document HCS Desktop sent at /)).toBeVisible();
    await expect(hardware.getByRole('region', { name: 'System and isolation', exact: true })).toContainText(
      'Hyper-V virtual machine',
    );
    await expect(hardware.getByRole('region', { name: 'Processors', exact: true })).toContainText(
      'Virtual processors',
    );
    await expect(hardware.getByRole('region', { name: 'Memory', exact: true })).toContainText(
      '1024 MB (1.0 GiB)',
    );
    await expect(hardware.getByRole('region', { name: 'Storage', exact: true })).toContainText(
      'VirtualDisk: C:\\ProgramData\\hcs-desktop\\uvm\\sandbox.vhdx',
    );
    await expect(hardware.getByRole('region', { name: 'Guest OS and boot', exact: true })).toContainText(
      'VmbFs',
    );

    // The storage section links to the JSON it came from.
    const sources = hardware.getByRole('group', { name: 'Sources of Storage' });
    await sources.getByRole('button', { name: 'Create document: VirtualMachine.Devices.Scsi' }).click();
    await expect(
      hardware.getByRole('tree', { name: 'Create document: VirtualMachine.Devices.Scsi' }),
    ).toBeVisible();
    await expectAccessibleInBothThemes(app.page, testInfo, 'the Hardware tab');
    await saveScreenshot(app.page, testInfo, 'hardware-light');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(app.page, testInfo, 'hardware-dark');
    await app.page.setViewportSize({ width: 1000, height: 700 });
    await saveScreenshot(app.page, testInfo, 'hardware-1000x700');
  });

  test('a system another client created: what HCS reports, and why there is no more', async ({ app }) => {
    const details = await app.openDetails(SYSTEMS.runningVm);
    await details.tab('Hardware');
    const hardware = details.region.getByRole('region', { name: `Hardware of ${SYSTEMS.runningVm}` });
    await expect(hardware.getByText(/^HCS hands out no create document/)).toBeVisible();
    await expect(hardware.getByRole('region', { name: 'Guest OS and boot', exact: true })).toContainText(
      'Guest schema versions',
    );
    await expect(hardware.getByRole('region', { name: 'Memory', exact: true })).toContainText(
      'Assigned now (HCS)',
    );
  });
});
