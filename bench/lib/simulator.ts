/**
 * Starts a private simulator service for a section (an empty fixture, completions without delay) and points
 * HCS_SIM_SOCKET at it. The service exits with this process: its stdin is our pipe.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BenchSimulator {
  socketPath: string;
  stop(): Promise<void>;
}

export async function startSimulator(): Promise<BenchSimulator> {
  const dir = mkdtempSync(join(tmpdir(), 'hcs-bench-'));
  const socketPath = join(dir, 'hcs.sock');
  const args = [
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
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  await new Promise<void>((ready, fail) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (/^hcs-sim ready /m.test(out)) ready();
    });
    child.once('exit', (code) =>
      fail(new Error(`the simulator exited (code ${code}) before it was ready:\n${stderr}`)),
    );
    child.once('error', fail);
  });
  process.env.HCS_SIM_SOCKET = socketPath;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    socketPath,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
