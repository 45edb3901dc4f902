// Starts a fresh simulator service for a test file: builds the native libraries (cached), picks a socket in a new
// temp directory, spawns the service, waits for its ready line and points $HCS_SIM_SOCKET at it.
//
//   const sim = await startSim({ fixture: 'test' });
//   afterAll(() => sim.stop());
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNative } from '../../scripts/build-native.mjs';
import { SimControl } from '../../sim/control/client.ts';
import type { Fixture } from '../../sim/control/types.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const READY_TIMEOUT_MS = 30_000;

export interface StartSimOptions {
  /** A fixture object, a path, or a name in sim/fixtures ("test", "demo"). Default: "test". */
  fixture?: string | Fixture | object;
  completionDelayMs?: number;
  /** Log every call on the service's stderr (shown if the service fails). */
  verbose?: boolean;
}

export interface StartedSim {
  socketPath: string;
  control: SimControl;
  /** The service's process id. */
  pid: number;
  /** What the service wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

function waitForReady(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolveReady, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(`the simulator did not report ready within ${READY_TIMEOUT_MS} ms; stderr:\n${stderr()}`),
      );
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /^hcs-sim ready (.+)$/m.exec(out);
      if (m) {
        cleanup();
        resolveReady(m[1]!.trim());
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(
        new Error(
          `the simulator exited before it was ready (code ${code}, signal ${signal}); stderr:\n${stderr()}`,
        ),
      );
    };
    const onError = (e: Error) => {
      cleanup();
      reject(new Error(`cannot start the simulator: ${e.message}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

export async function startSim(opts: StartSimOptions = {}): Promise<StartedSim> {
  await buildNative({ quiet: true });
  const dir = mkdtempSync(join(tmpdir(), 'hcs-sim-'));
  const socketPath = join(dir, 'hcs.sock');
  let fixtureArg = 'test';
  if (typeof opts.fixture === 'string') fixtureArg = opts.fixture;
  else if (opts.fixture !== undefined) {
    fixtureArg = join(dir, 'fixture.json');
    writeFileSync(fixtureArg, JSON.stringify(opts.fixture));
  }
  const args = [
    '--import',
    'tsx',
    'sim/service/main.ts',
    '--socket',
    socketPath,
    '--fixture',
    fixtureArg,
    '--exit-with-stdin',
  ];
  if (opts.completionDelayMs !== undefined)
    args.push('--completion-delay-ms', String(opts.completionDelayMs));
  if (opts.verbose) args.push('--verbose');

  // stdin stays a pipe: if this test process dies, the service sees end-of-file and exits with it.
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderrText = '';
  child.stderr.on('data', (c: Buffer) => {
    stderrText += c.toString('utf8');
    if (stderrText.length > 200_000) stderrText = stderrText.slice(-100_000);
  });
  const stderr = () => stderrText;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  try {
    await waitForReady(child, stderr);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const previous = process.env.HCS_SIM_SOCKET;
  process.env.HCS_SIM_SOCKET = socketPath;

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      if (process.env.HCS_SIM_SOCKET === socketPath) {
        if (previous === undefined) delete process.env.HCS_SIM_SOCKET;
        else process.env.HCS_SIM_SOCKET = previous;
      }
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  return { socketPath, control: new SimControl(socketPath), pid: child.pid!, stderr, stop };
}
