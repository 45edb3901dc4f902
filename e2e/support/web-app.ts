import type { BrowserContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimControl } from '../../sim/control/client.ts';
import { TestClient } from '../../src/server/testing.ts';
import { readFixture, type AppUnderTest } from './app-under-test.ts';
import { repoRoot, testFixturePath } from './paths.ts';
import { startNodeScript, stopProcessGroup, waitForLine } from './processes.ts';

async function openPage(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

export const READY_LINE = /^HCS Desktop web mode: (http:\/\/\S+)$/;

/**
 * The web-mode server on a free port, with a simulator of its own on a temporary socket seeded from the
 * test fixture (the server starts it: nothing answers at that socket yet).
 */
export async function startWebApp(
  logFile: string,
  pollMs = 500,
  hcsApi = 'auto',
): Promise<AppUnderTest & { url: string; origin: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hcs-e2e-'));
  const socketPath = join(dir, 'sim.sock');
  const token = randomBytes(16).toString('hex');
  const child = startNodeScript(
    'src/server/main.ts',
    [
      ...['--host', '127.0.0.1', '--port', '0', '--token', token, '--backend', 'simulator'],
      ...['--sim-socket', socketPath, '--sim-fixture', testFixturePath, '--poll-ms', String(pollMs)],
      // The test's own settings file: never the user's.
      ...['--settings-file', join(dir, 'settings.json')],
      ...['--hcs-api', hcsApi],
      // Remote hosts (the many-hosts spec) are kept in this run's own file, never in the user's settings.
      ...['--hosts-file', join(dir, 'hosts.json')],
    ],
    // As `npm run serve` runs it: threadpool.cjs sizes libuv's pool before the ES module loader starts it.
    {
      cwd: repoRoot,
      env: { ...process.env, HCS_SIM_SOCKET: socketPath },
      logFile,
      require: join(repoRoot, 'src', 'server', 'threadpool.cjs'),
    },
  );
  try {
    const [, url] = await waitForLine(child, READY_LINE, 90_000, 'the web server');
    const origin = new URL(url!).origin;
    return {
      url: url!,
      origin,
      socketPath,
      control: new SimControl(socketPath),
      fixture: readFixture(testFixturePath),
      appPid: child.pid!,
      mainWindow: (context: BrowserContext) => openPage(context, url!),
      extraWindow: (context: BrowserContext) => openPage(context, url!),
      async resetSettings() {
        const ws = url!.replace(/^http/, 'ws').replace(/\/\?token=/, '/ws?token=');
        const client = await TestClient.connect(ws, origin);
        try {
          const answer = await client.request('settings.reset', {});
          if (!answer.ok) throw new Error(`settings.reset failed: ${answer.error.message}`);
        } finally {
          await client.close();
        }
      },
      async stop() {
        await stopProcessGroup(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stopProcessGroup(child);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
