/**
 * The soak's web server: the real entry (`src/server/main.ts`, preloaded as `npm run serve` preloads it) on
 * loopback, port 0, over the soak's own simulator, with the soak's probe (process-probe.ts) loaded beside it
 * and an IPC channel to ask it. `--expose-gc` lets the probe collect before it reports memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../e2e/support/paths.ts';
import { stopProcessGroup, waitForLine } from '../../e2e/support/processes.ts';
import { READY_LINE } from '../../e2e/support/web-app.ts';
import { PROBE_NODE_ARGS, probeOf, type Probe } from './probe-client.ts';
import { benchServerFiles } from '../lib/server-files.ts';

const READY_MS = 180_000;

export interface SoakServer {
  url: string;
  /** The port it listens on (its WebSockets are counted by it). */
  port: number;
  pid: number;
  /** What the server process reports of itself (after a full collection when `gc`). */
  probe: Probe;
  /** Lines of its log that report an unhandled rejection (main.ts logs each one). */
  readonly loggedRejections: number;
  /** Whether it exited, and how, while it should have been running. */
  readonly exited: string | null;
  stop(): Promise<void>;
}

export async function startServer(dir: string, simSocket: string, pollMs: number): Promise<SoakServer> {
  const token = randomBytes(24).toString('hex');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...['--require', join(repoRoot, 'src', 'server', 'threadpool.cjs')],
      ...PROBE_NODE_ARGS,
      'src/server/main.ts',
      ...['--host', '127.0.0.1', '--port', '0', '--token', token, '--backend', 'simulator'],
      ...['--sim-socket', simSocket, '--poll-ms', String(pollMs)],
      ...benchServerFiles(dir),
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, HCS_SIM_SOCKET: simSocket, HCS_SOAK_PROBE_KOFFI: '1' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  const log = createWriteStream(join(dir, 'server.log'), { flags: 'a' });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  let loggedRejections = 0;
  let partial = '';
  child.stderr!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString('utf8')).split('\n');
    partial = lines.pop()!.slice(-1000);
    for (const line of lines) if (line.includes('unhandled rejection')) loggedRejections++;
  });
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = signal ?? `code ${code}`;
    setTimeout(() => log.end(), 100);
  });

  const probe = probeOf(child, 'the web server');

  try {
    const [, url] = await waitForLine(child, READY_LINE, READY_MS, 'the web server');
    return {
      url: url!,
      port: Number(new URL(url!).port),
      pid: child.pid!,
      get loggedRejections() {
        return loggedRejections;
      },
      get exited() {
        return exited;
      },
      probe,
      async stop() {
        if (child.connected) child.disconnect();
        await stopProcessGroup(child);
      },
    };
  } catch (e) {
    await stopProcessGroup(child);
    throw e;
  }
}
