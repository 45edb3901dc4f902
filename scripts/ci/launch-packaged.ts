/**
 * Launches a packaged HCS Desktop once, as a user would, and checks it really came up (the Linux workflow
 * runs it on the AppImage and on the .deb's executable, under Xvfb):
 *
 *   node --import tsx scripts/ci/launch-packaged.ts --exe <app> [--window-title "HCS Desktop"]
 *       [--screenshot <file.png>] [-- <more arguments for the app>]
 *
 * The app gets a simulator socket of its own (HCS_SIM_SOCKET in a new temporary folder) and
 * `--sim-fixture sim/fixtures/test.json`; nothing answers there, so the packaged app must start its bundled
 * simulator itself. It counts as up when the simulator's control API shows a client that opened and
 * registered for every system of the fixture — the app core doing what it does at start — and, with
 * --window-title, when a window of that name is mapped on the X display (xdotool). Then the app is stopped
 * with SIGTERM and must take its simulator down with it.
 */
import { UsageError } from '../../src/base/index.ts';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SimControl } from '../../sim/control/client.ts';
import type { ClientSummary, Fixture } from '../../sim/control/types.ts';
import { annotate, repoRoot, runMain, summarize } from './github.ts';

const UP_TIMEOUT_MS = 90_000;
const DOWN_TIMEOUT_MS = 30_000;

/** Whether one client holds an open, registered handle for every one of `ids`. */
export function registeredAll(clients: ClientSummary[], ids: string[]): boolean {
  return clients.some((client) => {
    const systemOf = new Map(client.systemHandles.map((h) => [h.handle, h.systemId] as const));
    const registered = new Set(
      client.registrations.filter((r) => r.kind === 'system').map((r) => systemOf.get(r.handle)),
    );
    return ids.every((id) => registered.has(id));
  });
}

/** Polls `check` until it holds; `gaveUp` names a state in which waiting longer is pointless. */
async function until(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean> | boolean,
  gaveUp: () => string | null = () => null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = gaveUp();
    if (reason) throw new Error(`${what}: ${reason}`);
    try {
      if (await check()) return;
    } catch {
      // not yet (the socket may not exist yet)
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      exe: { type: 'string' },
      'window-title': { type: 'string' },
      screenshot: { type: 'string' },
    },
  });
  if (!values.exe) throw new UsageError('--exe <packaged app> is required');
  const fixturePath = join(repoRoot, 'sim', 'fixtures', 'test.json');
  const ids = (JSON.parse(readFileSync(fixturePath, 'utf8')) as Fixture).systems.map((s) => s.id);
  const dir = mkdtempSync(join(tmpdir(), 'hcs-packaged-'));
  const socket = join(dir, 'sim.sock');
  const control = new SimControl(socket);
  const env: NodeJS.ProcessEnv = { ...process.env, HCS_SIM_SOCKET: socket };
  delete env.ELECTRON_RUN_AS_NODE;
  const app = spawn(values.exe, [...positionals, '--sim-fixture', fixturePath], {
    env,
    detached: true, // its own process group, so the stop reaches whatever it started
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  app.on('exit', () => (exited = true));
  const stop = (signal: NodeJS.Signals) => {
    try {
      process.kill(-app.pid!, signal);
    } catch {
      // already gone
    }
  };
  const lines: string[] = [];
  try {
    const appGone = () => (exited ? `${values.exe} exited before it came up` : null);
    await until(
      'the app opened and registered every system of the fixture',
      UP_TIMEOUT_MS,
      async () => registeredAll(await control.clients(), ids),
      appGone,
    );
    lines.push(`opened and registered ${ids.length} systems through the simulator it started`);
    const title = values['window-title'];
    if (title) {
      await until(`a window named "${title}"`, UP_TIMEOUT_MS, () => {
        const r = spawnSync('xdotool', ['search', '--onlyvisible', '--name', `^${title}$`], {
          encoding: 'utf8',
        });
        return r.status === 0 && r.stdout.trim() !== '';
      });
      lines.push(`showed its window "${title}"`);
      if (values.screenshot) {
        const shot = spawnSync('import', ['-window', 'root', values.screenshot], { encoding: 'utf8' });
        if (shot.status !== 0) throw new Error(`the screenshot failed: ${shot.stderr}`);
      }
    }
  } finally {
    stop('SIGTERM');
    await until('the app to exit after SIGTERM', DOWN_TIMEOUT_MS, () => exited).catch(() => stop('SIGKILL'));
  }
  // The app stops the simulator it started: nothing may answer on its socket any more.
  await until('the simulator the app started to stop with it', DOWN_TIMEOUT_MS, async () => {
    try {
      await control.health();
      return false;
    } catch {
      return true;
    }
  });
  lines.push('stopped on SIGTERM, its simulator with it');
  rmSync(dir, { recursive: true, force: true });
  summarize([`### packaged app: ${values.exe}`, ...lines.map((l) => `- ${l}`)].join('\n'));
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  runMain('launch-packaged', async (argv) => {
    try {
      return await main(argv);
    } catch (error) {
      annotate('error', (error as Error).message);
      throw error;
    }
  });
