import { test as base, expect, type Page } from '@playwright/test';
import type { SimControl } from '../sim/control/client.ts';
import type { Fixture } from '../sim/control/types.ts';
import { resetAppUnderTest, type AppUnderTest } from './support/app-under-test.ts';
import { startElectronApp } from './support/electron-app.ts';
import { electronBinary } from './support/paths.ts';
import { startWebApp } from './support/web-app.ts';
import { AppPage } from './pages/app-page.ts';
import { closeQuietly } from '../src/base/index.ts';

export type AppMode = 'web' | 'electron';
/** The app's --hcs-api: auto (V2 on the simulator, where computecore has every export) or v1. */
export type HcsApiOption = 'auto' | 'v1' | 'v2';

interface WorkerFixtures {
  /** Set per project in playwright.config.ts. */
  appMode: AppMode;
  /** Set per project in playwright.config.ts: the HCS API the app is started with. */
  hcsApi: HcsApiOption;
  /** The running app and its simulator, one per worker; null where the project cannot run here. */
  appUnderTest: AppUnderTest | null;
}

interface TestFixtures {
  /** Skips the test, with the reason, where its project cannot run on this machine. */
  available: AppUnderTest;
  control: SimControl;
  fixture: Fixture;
  /** Puts the simulator back to the seeded fixture (done before every test already). */
  resetSim: () => Promise<void>;
  /** The app's first window, opened after the reset. */
  app: AppPage;
  /** Opens another window of the same app (closed after the test). */
  openWindow: () => Promise<AppPage>;
}

export const ELECTRON_SKIP_REASON = 'Electron binary not available on this machine';

/**
 * The tests run again through the V1 API (the `web-v1` project): those whose path differs by API (lifecycle
 * calls and their notifications, property queries, process creation, console and signals, the process list).
 * The UI around them is the same on both APIs and is tested once, in `web`; integration runs every HCS suite
 * on both APIs.
 */
export const BOTH_APIS = '@both-apis';

export const test = base.extend<TestFixtures, WorkerFixtures>({
  appMode: ['web', { option: true, scope: 'worker' }],
  hcsApi: ['auto', { option: true, scope: 'worker' }],

  appUnderTest: [
    async ({ appMode, hcsApi }, use, workerInfo) => {
      const logFile = workerInfo.project.outputDir + `/app-${appMode}-worker${workerInfo.workerIndex}.log`;
      if (appMode === 'electron') {
        const binary = electronBinary();
        if ('missing' in binary) {
          await use(null);
          return;
        }
        const appUnderTest = await startElectronApp(binary.path);
        await use(appUnderTest);
        await appUnderTest.stop();
        return;
      }
      const appUnderTest = await startWebApp(logFile, undefined, hcsApi);
      await use(appUnderTest);
      await appUnderTest.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],

  available: [
    async ({ appUnderTest }, use) => {
      if (!appUnderTest) {
        const binary = electronBinary();
        test.skip(true, `${ELECTRON_SKIP_REASON}: ${'missing' in binary ? binary.missing : 'unknown'}`);
        return;
      }
      await resetAppUnderTest(appUnderTest);
      await appUnderTest.resetSettings();
      await use(appUnderTest);
    },
    { auto: true, timeout: 60_000 },
  ],

  control: async ({ available }, use) => use(available.control),
  fixture: async ({ available }, use) => use(available.fixture),
  resetSim: async ({ available }, use) => use(() => resetAppUnderTest(available)),

  app: async ({ available, context }, use) => {
    const page = await available.mainWindow(context);
    const app = new AppPage(page);
    await app.waitUntilLoaded();
    await use(app);
  },

  openWindow: async ({ available, context }, use) => {
    const opened: Page[] = [];
    const extraWindow = available.extraWindow;
    await use(async () => {
      test.skip(
        extraWindow === null,
        'HCS Desktop opens one window per app instance (a second instance focuses it); the web project covers two windows',
      );
      const page = await extraWindow!(context);
      opened.push(page);
      const app = new AppPage(page);
      await app.waitUntilLoaded();
      return app;
    });
    for (const page of opened) await closeQuietly(page);
  },
});

export { expect };
