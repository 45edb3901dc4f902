import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { EndpointRefusedError, SimControl } from '../../sim/control/index.ts';

/**
 * Whether a simulator of this user answers its control socket (`<socket>.ctl`, GET /health; sim/PROTOCOL.md).
 * False when nothing answers; rejects with EndpointRefusedError (naming the path and the owner) when something
 * answers there that belongs to another user, or sits where another user could have put it: such a socket is
 * never used, and never silently replaced by a simulator of our own either.
 */
export async function simulatorAnswers(socket: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const health = await new SimControl(socket, timeoutMs).health();
    return health.ok === true;
  } catch (e) {
    if (e instanceof EndpointRefusedError) throw e;
    return false;
  }
}

export interface SimulatorChild {
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export interface StartSimulatorOptions {
  socket: string;
  fixture?: string;
  /** The repository root (the simulator runs from its sources, with tsx). */
  root: string;
  readyTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Start `sim/service/main.ts` as a child process and wait until it answers. Its output goes to our stderr:
 * the web server's stdout carries only its one "ready" line.
 */
export async function startSimulator(options: StartSimulatorOptions): Promise<SimulatorChild> {
  // --exit-with-stdin: if we die without stopping it (SIGKILL, crash), the closed pipe stops it too.
  const args = [
    '--import',
    'tsx',
    join(options.root, 'sim/service/main.ts'),
    '--socket',
    options.socket,
    '--exit-with-stdin',
  ];
  if (options.fixture) args.push('--fixture', options.fixture);
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    stdio: ['pipe', 2, 2],
    // Inside Electron, process.execPath is Electron itself: make it behave as Node.
    env: process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env,
  });
  let exited: string | null = null;
  let spawnError: Error | null = null;
  child.once('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `code ${code}`));
  child.once('error', (e) => (spawnError = e));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (spawnError) throw new Error(`could not start the HCS simulator: ${(spawnError as Error).message}`);
    if (exited) throw new Error(`the HCS simulator exited (${exited}) before answering at ${options.socket}`);
    if (await simulatorAnswers(options.socket, 500)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the HCS simulator did not answer at ${options.socket} in time`);
    }
    await sleep(100);
  }
  // The app (window, server) keeps the process alive; the simulator child alone must not.
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    pid: child.pid,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await gone;
  clearTimeout(timer);
}
