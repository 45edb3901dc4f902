// hcsctl as a user runs it, for the integration tests: the real binary (node bin/hcsctl.mjs) as a child process
// against the simulator, either run to its end (`runHcsctl`) or followed while it runs (`startHcsctl`, for the
// commands that stream: events, stats, wait, exec). Every wait here is for output or an exit, never for time.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HCSCTL_BIN = join(REPO_ROOT, 'bin', 'hcsctl.mjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface HcsctlOptions {
  /** The environment besides this process's: HCS_SIM_SOCKET, HCS_DESKTOP_HCS_API, … */
  env: Record<string, string>;
  /** Standard input (closed at once when absent, unless `keepStdin`). */
  input?: string;
}

function spawnHcsctl(args: string[], opts: HcsctlOptions, command = process.execPath): ChildProcess {
  return spawn(command, command === process.execPath ? [HCSCTL_BIN, ...args] : args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs hcsctl to its end: exit code and everything it wrote. */
export function runHcsctl(args: string[], opts: HcsctlOptions): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawnHcsctl(args, opts);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
    child.stdin!.end(opts.input ?? '');
  });
}

/** A running hcsctl: its output so far, a wait for what it prints, and its end. */
export class LiveHcsctl {
  stdout = '';
  stderr = '';
  /** Resolves with the exit code (null when a signal ended it) once the output is complete. */
  readonly exit: Promise<number | null>;
  private readonly checks = new Set<() => void>();
  private exited = false;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => {
      this.stdout += d.toString('utf8');
      this.check();
    });
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString('utf8');
      this.check();
    });
    this.exit = new Promise((resolveExit, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        this.exited = true;
        this.check();
        resolveExit(code);
      });
    });
  }

  /** The complete lines of standard output so far. */
  lines(): string[] {
    const end = this.stdout.lastIndexOf('\n');
    return end < 0 ? [] : this.stdout.slice(0, end).split('\n');
  }

  /** Each complete line of standard output so far, parsed as JSON (events, stats --json). */
  jsonLines<T>(): T[] {
    return this.lines().map((l) => JSON.parse(l) as T);
  }

  /**
   * Resolves with `find`'s first defined answer, asked again after every write of the process; rejects, naming
   * `what`, when the process ends before it has one.
   */
  until<T>(what: string, find: () => T | undefined): Promise<T> {
    return new Promise((resolveFound, reject) => {
      const check = () => {
        let found: T | undefined;
        try {
          found = find();
        } catch (e) {
          this.checks.delete(check);
          reject(e as Error);
          return;
        }
        if (found !== undefined) {
          this.checks.delete(check);
          resolveFound(found);
        } else if (this.exited) {
          this.checks.delete(check);
          reject(
            new Error(
              `hcsctl ended (${this.child.exitCode}) before ${what}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`,
            ),
          );
        }
      };
      this.checks.add(check);
      check();
    });
  }

  /** Ctrl+C (SIGINT), then the exit code. */
  interrupt(): Promise<number | null> {
    if (!this.exited) this.child.kill('SIGINT');
    return this.exit;
  }

  /** Ends it whatever it is doing (after a failed test). */
  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private check(): void {
    for (const c of [...this.checks]) c();
  }
}

/** Starts hcsctl and follows it; standard input stays open (exec reads it) until `child.stdin.end()`. */
export function startHcsctl(args: string[], opts: HcsctlOptions): LiveHcsctl {
  const live = new LiveHcsctl(spawnHcsctl(args, opts));
  if (opts.input !== undefined) live.child.stdin!.end(opts.input);
  return live;
}

/**
 * hcsctl on a terminal: under util-linux `script`, which gives it a pseudo-terminal and returns its exit code
 * (-e). What is written to the live process's stdin is typed at that terminal (\x03 is Ctrl+C).
 */
export function startHcsctlOnTerminal(args: string[], opts: HcsctlOptions): LiveHcsctl {
  const quoted = [process.execPath, HCSCTL_BIN, ...args]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  // `exec`: script runs the command through $SHELL -c (/bin/sh when SHELL is unset, as under CI's root), and
  // dash does not replace itself with a lone command as bash does. A shell left as the terminal's session
  // leader dies of the Ctrl+C, and the terminal then hangs up on hcsctl: a second stop signal (exit 130).
  return new LiveHcsctl(spawnHcsctl(['-qfec', `exec ${quoted}`, '/dev/null'], opts, 'script'));
}
