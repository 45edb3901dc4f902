import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from './fixtures.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { repoRoot } from './support/paths.ts';
import { SYSTEMS } from './support/test-systems.ts';

const run = promisify(execFile);
const hcsctl = join(repoRoot, 'bin', 'hcsctl.mjs');

test.describe('live updates', () => {
  test('a change made with hcsctl shows up in the open window', async ({ app, available }) => {
    await app.expectState(SYSTEMS.created, 'Created');
    await run(process.execPath, [hcsctl, 'start', SYSTEMS.created], {
      cwd: repoRoot,
      env: { ...process.env, HCS_SIM_SOCKET: available.socketPath },
      timeout: 30_000,
    });
    await app.expectState(SYSTEMS.created, 'Running');
  });

  test('two windows see the same change', async ({ app, openWindow }, testInfo) => {
    const second = await openWindow();
    await second.expectState(SYSTEMS.paused, 'Paused');
    const details = await app.openDetails(SYSTEMS.paused);
    await details.action('Resume').click();
    await app.expectState(SYSTEMS.paused, 'Running');
    await second.expectState(SYSTEMS.paused, 'Running');
    await expectAccessibleInBothThemes(second.page, testInfo, 'a second window');
  });
});
