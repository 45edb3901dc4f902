import { _electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { AppPage } from '../pages/app-page.ts';
import { electronMainEntry, repoRoot } from '../support/paths.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { realHcsTarget } from './target.ts';
import { closeQuietly } from '../../src/base/index.ts';

interface WorkerFixtures {
  /** The app on real HCS, one per worker; null where the project cannot run (the reason is the skip). */
  realApp: { app: ElectronApplication; window: Page; containerId: string } | null;
}

interface TestFixtures {
  /** The app's window, reloaded for each test. */
  app: AppPage;
  /** The HCS id of the running Windows container the specs look at. */
  containerId: string;
}

/**
 * The `real-hcs` project's fixtures: the Electron app launched for real (Playwright's `_electron`) on the real
 * vmcompute.dll, with nothing simulated. Every test is skipped, with the reason, where that cannot run.
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  realApp: [
    // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const target = realHcsTarget();
      if ('skip' in target) {
        await use(null);
        return;
      }
      if (!target.installed && !existsSync(electronMainEntry()))
        throw new Error(`${electronMainEntry()} is missing: run \`npm run build:electron\` first`);
      // With ELECTRON_RUN_AS_NODE set, Electron would run the main script as plain Node.
      const env = { ...process.env } as Record<string, string>;
      delete env.ELECTRON_RUN_AS_NODE;
      const app = await _electron.launch({
        executablePath: target.executablePath,
        args: target.args,
        cwd: repoRoot,
        env,
        timeout: 90_000,
      });
      try {
        const window = await app.firstWindow();
        await use({ app, window, containerId: target.containerId });
      } finally {
        await closeQuietly(app);
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],

  containerId: async ({ realApp }, use) => {
    if (!realApp) {
      const target = realHcsTarget();
      test.skip(true, 'skip' in target ? target.skip : 'real-hcs could not start');
      return;
    }
    await use(realApp.containerId);
  },

  app: async ({ realApp, containerId }, use, testInfo) => {
    const window = realApp!.window;
    await window.reload();
    const app = new AppPage(window);
    await app.waitUntilLoaded();
    // The container is Docker's, listed by HCS enumeration like any other compute system.
    await expect(app.row(containerId)).toBeVisible({ timeout: 30_000 });
    await use(app);
    // Playwright's own failure screenshots cover browser pages, not an Electron window.
    if (testInfo.status !== testInfo.expectedStatus) await saveScreenshot(window, testInfo, 'failure');
  },
});

export { expect };
