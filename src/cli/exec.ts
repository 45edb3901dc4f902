/**
 * `hcsctl exec`: runs a process in a compute system with live stdio (backpressure both ways through
 * pipe()), optionally with a console (the local terminal in raw mode, its size forwarded), and resolves
 * with the process's exit code.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { System, type Process, type schema1 } from '../hcs/index.ts';
import { joinCommandLine, type Command } from './args.ts';
import type { CliIo } from './commands.ts';
import { closeQuietly } from '../base/index.ts';

type ExecCommand = Extract<Command, { name: 'exec' }>;

/** After the process exits, how long its output may take to reach EOF (a grandchild may hold the pipe). */
const OUTPUT_DRAIN_MS = 2000;

interface TtyIn extends Readable {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}
interface TtyOut extends Writable {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export function processConfig(
  cmd: ExecCommand,
  sys: System,
  size: { rows: number; columns: number } | null,
): schema1.ProcessConfig {
  const config: schema1.ProcessConfig = {
    CommandLine: joinCommandLine(cmd.command),
    EmulateConsole: cmd.tty,
    CreateStdInPipe: true,
    CreateStdOutPipe: true,
    CreateStdErrPipe: !cmd.tty,
  };
  // Linux guests take the arguments themselves (GCS uses CommandArgs).
  if (sys.os() === 'linux') config.CommandArgs = cmd.command;
  if (cmd.cwd !== null) config.WorkingDirectory = cmd.cwd;
  if (cmd.user !== null) config.User = cmd.user;
  if (Object.keys(cmd.env).length > 0) config.Environment = cmd.env;
  if (cmd.tty) config.ConsoleSize = [size?.rows ?? 24, size?.columns ?? 80];
  return config;
}

/** Resolves when `stream` has ended or closed, or after `ms` (whichever comes first). */
function drained(stream: Readable | null, ms: number): Promise<void> {
  if (!stream || stream.destroyed || stream.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    stream.once('close', done);
    stream.once('end', done);
  });
}

export async function runExec(cmd: ExecCommand, io: CliIo): Promise<number> {
  const stdin = io.stdin as TtyIn;
  const stdout = io.stdout as TtyOut;
  const sys = await System.open(cmd.id);
  let proc: Process;
  try {
    const size =
      stdout.isTTY && stdout.columns && stdout.rows ? { rows: stdout.rows, columns: stdout.columns } : null;
    proc = await sys.createProcess(processConfig(cmd, sys, size));
  } catch (e) {
    await closeQuietly(sys);
    throw e;
  }

  const cleanups: Array<() => void> = [];
  try {
    proc.stdout?.pipe(io.stdout, { end: false });
    proc.stderr?.pipe(io.stderr, { end: false });

    // Local stdin → the process; its end closes the process's stdin (once).
    if (proc.stdin) {
      const remote = proc.stdin;
      stdin.pipe(remote, { end: false });
      const onEnd = () => void proc.closeStdin().catch(() => {});
      stdin.once('end', onEnd);
      cleanups.push(() => {
        stdin.off('end', onEnd);
        stdin.unpipe(remote);
        stdin.pause();
      });
    }

    if (cmd.tty && stdin.isTTY && stdin.setRawMode) {
      stdin.setRawMode(true);
      cleanups.push(() => stdin.setRawMode?.(false));
    }
    if (cmd.tty && stdout.isTTY) {
      const onResize = () => {
        if (stdout.columns && stdout.rows)
          void proc.resizeConsole(stdout.columns, stdout.rows).catch(() => {});
      };
      stdout.on('resize', onResize);
      cleanups.push(() => stdout.off('resize', onResize));
    }

    // Ctrl-C without a console: forward it (CtrlC / SIGINT); a second one kills.
    if (!cmd.tty) {
      let interrupts = 0;
      const onSigint = () => {
        interrupts++;
        const act =
          interrupts === 1 ? proc.signal({ Signal: sys.os() === 'linux' ? 2 : 'CtrlC' }) : proc.kill();
        void act.catch(() => {});
      };
      process.on('SIGINT', onSigint);
      cleanups.push(() => process.off('SIGINT', onSigint));
    }

    await proc.wait();
    await Promise.all([drained(proc.stdout, OUTPUT_DRAIN_MS), drained(proc.stderr, OUTPUT_DRAIN_MS)]);
    return proc.exitCode();
  } finally {
    for (const c of cleanups.reverse()) c();
    await closeQuietly(proc);
    await closeQuietly(sys);
    // Let what was piped reach the terminal or pipe before the caller exits.
    if (io.stdout.writableNeedDrain) await once(io.stdout, 'drain').catch(() => {});
  }
}
