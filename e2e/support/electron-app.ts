import { _electron, type BrowserContext, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimControl } from '../../sim/control/client.ts';
import { readFixture, type AppUnderTest } from './app-under-test.ts';
import { electronMainEntry, repoRoot, testFixturePath } from './paths.ts';
import { closeQuietly } from '../../src/base/index.ts';

/**
 * The Electron app with a simulator of its own on a temporary socket, seeded from the test fixture (the
 * app starts it, as the web server does: nothing answers at that socket yet).
 */
export async function startElectronApp(executablePath: string, pollMs = 500): Promise<AppUnderTest> {
  const entry = electronMainEntry();
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: run \`npm run build:electron\` before the electron e2e project`);
  const dir = mkdtempSync(join(tmpdir(), 'hcs-e2e-'));
  const socketPath = join(dir, 'sim.sock');
  let app: ElectronApplication | null = null;
  const cleanup = async () => {
    if (app) await closeQuietly(app);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const env = { ...process.env, HCS_SIM_SOCKET: socketPath } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;
    app = await _electron.launch({
      executablePath,
      args: [
        entry,
        ...[
          '--backend',
          'simulator',
          '--sim-socket',
          socketPath,
          '--sim-fixture',
          testFixturePath,
          '--poll-ms',
          String(pollMs),
          // The test's own settings file: never the user's.
          '--settings-file',
          join(dir, 'settings.json'),
        ],
      ],
      cwd: repoRoot,
      env,
    });
    const launched = app;
    const first = await launched.firstWindow();
    return {
      socketPath,
      control: new SimControl(socketPath),
      fixture: readFixture(testFixturePath),
      appPid: launched.process().pid!,
      // Electron has its own window; the browser context of the web project is not used.
      async mainWindow(_context: BrowserContext): Promise<Page> {
        await first.reload();
        return first;
      },
      extraWindow: null,
      async resetSettings() {
        // Through the app's own window, as the page would: the preload's window.hcs.
        await first.evaluate(() =>
          (globalThis as unknown as { hcs: { invoke(c: string, p: unknown): Promise<unknown> } }).hcs.invoke(
            'settings.reset',
            {},
          ),
        );
      },
      stop: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
