/**
 * Starts a private simulator service for a section (an empty fixture, completions without delay) and points
 * HCS_SIM_SOCKET at it. The service exits with this process: its stdin is our pipe.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BenchSimulator {
  socketPath: string;
  /** The service's process id. */
  pid: number;
  /** The service's process (with its IPC channel when `ipc` was asked for). */
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface SimulatorOptions {
  /**
   * Where the service's output goes once it is ready (a long run must not keep it in memory); without it, it
   * is kept for the error message of a failed start only and dropped after.
   */
  logFile?: string;
  /** Node options before the service's own (`--import tsx` is always there), e.g. a preload. */
  nodeArgs?: readonly string[];
  /** Open an IPC channel to the service (for a preload that answers over it). */
  ipc?: boolean;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<BenchSimulator> {
  const dir = mkdtempSync(join(tmpdir(), 'hcs-bench-'));
  const socketPath = join(dir, 'hcs.sock');
  const args = [
    ...(options.nodeArgs ?? []),
    '--import',
    'tsx',
    'sim/service/main.ts',
    '--socket',
    socketPath,
    '--fixture',
    'none',
    '--completion-delay-ms',
    '0',
    '--exit-with-stdin',
  ];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    stdio: options.ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
  });
  // Until it is ready: the last of its output, for the error of a failed start.
  let stderr = '';
  let stdout = '';
  const onStderr = (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-8000));
  let onStdout: (d: Buffer) => void = () => undefined;
  child.stderr!.on('data', onStderr);
  await new Promise<void>((ready, fail) => {
    onStdout = (d: Buffer) => {
      stdout = (stdout + d.toString('utf8')).slice(-8000);
      if (/^hcs-sim ready /m.test(stdout)) ready();
    };
    child.stdout!.on('data', onStdout);
    child.once('exit', (code) =>
      fail(new Error(`the simulator exited (code ${code}) before it was ready:\n${stderr}`)),
    );
    child.once('error', fail);
  });
  child.stdout!.off('data', onStdout);
  child.stderr!.off('data', onStderr);
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    log.write(stderr);
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.once('exit', () => log.end());
  } else {
    child.stdout!.resume();
    child.stderr!.resume();
  }
  process.env.HCS_SIM_SOCKET = socketPath;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    socketPath,
    pid: child.pid!,
    process: child,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
