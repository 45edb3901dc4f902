// Runs the web-mode server CLI (src/server/main.ts, or a bundle of it) as a child process and waits for its one
// ready line.
//
//   const server = await startServerCli(['--port', '0', '--token', T, '--sim-socket', sim.socketPath]);
//   afterAll(() => server.stop());
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

/** Node's arguments before the CLI's own: the sources through tsx (the default). */
const SOURCES = ['--import', 'tsx', 'src/server/main.ts'];

/** Node's arguments for a built bundle of the server, as `npm run serve` runs dist/server/main.cjs. */
export function bundleEntry(bundle: string): string[] {
  return ['--require', resolve(root, 'src', 'server', 'threadpool.cjs'), bundle];
}
// The URL with its token, or (--token-file) the URL and the file that holds the token.
const READY_LINE = /^HCS Desktop web mode: ((https?):\/\/([^/]+))\/(?:\?token=(\S+)| \(token in .+\))$/;

export interface ServerCli {
  child: ChildProcess;
  /** http(s)://HOST:PORT as printed. */
  origin: string;
  port: number;
  secure: boolean;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has exited. */
  exit: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** The CLI's outcome when it is expected to refuse to start: exit code and what it printed. */
export async function runServerCliToExit(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...SOURCES, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  return { code, stdout, stderr };
}

export function startServerCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  entry: readonly string[] = SOURCES,
): Promise<ServerCli> {
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exit;
  };
  return new Promise((resolveReady, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      const before = out;
      out += c.toString();
      if (before.includes('\n')) return;
      const line = out.split('\n')[0] ?? '';
      const m = READY_LINE.exec(line);
      if (m && out.includes('\n')) {
        const origin = m[1]!;
        resolveReady({
          child,
          origin,
          port: Number(new URL(origin).port || (m[2] === 'https' ? 443 : 80)),
          secure: m[2] === 'https',
          stdout: () => out,
          stderr: () => err,
          exit,
          stop,
        });
      } else if (out.includes('\n')) {
        // Nobody holds the child once this rejects: stop it, so a failed start leaves no server behind.
        child.kill('SIGTERM');
        reject(new Error(`unexpected first line from the server: ${line}\n${err}`));
      }
    });
    void exit.then((code) => reject(new Error(`server exited (${code}) before it was ready:\n${err}`)));
  });
}
