import { defineConfig } from '@playwright/test';
import type { AppMode, HcsApiOption } from './e2e/fixtures.ts';
import { chromiumArgs, chromiumPath } from './e2e/support/paths.ts';

/**
 * End-to-end specs over the real path (simulator → koffi → app core → transport → renderer), in three
 * projects: `web` (the web-mode server in Debian's Chromium, HCS API auto: V2 on the simulator), `web-v1`
 * (the same server through the V1 API, for the tests whose path differs by API: BOTH_APIS in e2e/fixtures.ts)
 * and `electron` (the desktop app, where its binary exists; otherwise every electron test is
 * skipped with the reason). A fourth, `real-hcs`, drives the desktop app on a real Windows host
 * (e2e/real-hcs/target.ts says what it needs). Each worker has an app and a simulator of its own (e2e/fixtures.ts),
 * reset before each test; spec files are spread over two workers. Measured on a 2-core machine: one worker
 * 7.8 min, two 6.1 min, four 6.7 min (the tests are CPU-bound beyond two).
 */
export default defineConfig<{ appMode: AppMode; hcsApi: HcsApiOption }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  // Its own folder: Playwright empties outputDir when it starts, and test-results/ also holds the other steps'
  // reports (test-results/reports) and Electronegativity's findings.
  outputDir: 'test-results/e2e',
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'web', use: { appMode: 'web', hcsApi: 'auto' } },
    {
      name: 'web-v1',
      use: { appMode: 'web', hcsApi: 'v1' },
      // Only the tests whose path differs by API (BOTH_APIS in e2e/fixtures.ts).
      grep: /@both-apis/,
      testMatch: [
        'lifecycle.spec.ts',
        'properties.spec.ts',
        'exec.spec.ts',
        'processes.spec.ts',
        'hcs-api.spec.ts',
      ],
    },
    { name: 'electron', use: { appMode: 'electron' } },
    // The desktop app on a real Windows host's vmcompute.dll and a Docker container (e2e/real-hcs), run by the
    // Windows workflow; skipped, with the reason, anywhere else. Its files are not *.spec.ts, so the
    // projects above never pick them up.
    { name: 'real-hcs', testMatch: 'real-hcs/**/*.real-hcs.ts' },
  ],
});
