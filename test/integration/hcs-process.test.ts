// Process through the real koffi binding against a fresh simulator: stdio as streams with backpressure, exit
// codes, signals, kill, console resize, stdin close, properties, open, close — success and error paths.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrAlreadyClosed,
  ErrInvalidProcessState,
  Process,
  ProcessError,
  System,
  SystemError,
  errorEvents,
  errorHresult,
  errorIs,
  isAlreadyClosed,
  isNotExist,
  isOperationInvalidState,
} from '../../src/hcs/index.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { containerDoc, expectNothingHeld, readAll, uniqueId } from './hcs-support.ts';

let sim: StartedSim;
let sys: System;
const processes: Process[] = [];
const systems: System[] = [];

beforeAll(async () => {
  sim = await startSim({ fixture: 'test', completionDelayMs: 5 });
  sys = await System.create(uniqueId('proc'), containerDoc('processes'));
  await sys.start();
});
afterEach(async () => {
  await sim.control.clearFaults();
  await Promise.all(processes.splice(0).map((p) => p.close()));
  await Promise.all(systems.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  if (sys) {
    await sys.terminate();
    await sys.close();
    await expectNothingHeld(sim.control);
  }
  await sim?.stop();
});

async function run(config: object, on: System = sys): Promise<Process> {
  const p = await on.createProcess(config);
  processes.push(p);
  return p;
}
const pipes = { CreateStdInPipe: true, CreateStdOutPipe: true, CreateStdErrPipe: true };

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('stdio and exit codes', () => {
  it('stdin in, stdout and stderr out, closeStdin gives EOF, and the exit code is the process’s', async () => {
    const p = await run({ CommandLine: 'cat; echo to-stderr >&2; exit 3', ...pipes });
    expect(p.pid).toBeGreaterThan(0);
    expect(p.systemId).toBe(sys.id);
    const out = readAll(p.stdout);
    const err = readAll(p.stderr);
    p.stdin!.write('hello from stdin\n');
    await p.closeStdin();
    expect(p.stdin).toBeNull();
    await p.wait();
    expect(await out).toBe('hello from stdin\n');
    expect(await err).toBe('to-stderr\n');
    expect(p.exited()).toBe(true);
    expect(p.exitCode()).toBe(3);
  });

  it('moves megabytes both ways with backpressure, losing nothing', async () => {
    const size = 8 * 1024 * 1024;
    const p = await run({ CommandLine: 'wc -c; head -c 3000000 /dev/zero', ...pipes });
    const out = readAll(p.stdout);
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    let refused = 0;
    for (let sent = 0; sent < size; sent += chunk.length) {
      if (!p.stdin!.write(chunk)) {
        refused++;
        await new Promise((r) => p.stdin!.once('drain', r));
      }
    }
    await p.closeStdin();
    await p.wait();
    const text = await out;
    expect(refused).toBeGreaterThan(0);
    expect(text.startsWith(`${size}\n`)).toBe(true);
    expect(text.length).toBe(`${size}\n`.length + 3_000_000);
  });

  it('a paused reader holds the process back instead of losing output', async () => {
    const total = 2_000_000;
    const p = await run({ CommandLine: `head -c ${total} /dev/zero; echo done >&2`, ...pipes });
    const stdout = p.stdout!;
    stdout.pause();
    const err = readAll(p.stderr);
    // Paused, the stream fills its buffer and then stops reading the pipe, so the process blocks.
    while (stdout.readableLength < stdout.readableHighWaterMark) await new Promise((r) => setImmediate(r));
    expect((await p.properties()).Exited).toBe(false);
    let bytes = 0;
    const ended = new Promise((r) => stdout.once('end', r));
    stdout.on('data', (d: Buffer) => (bytes += d.length));
    stdout.resume();
    await ended;
    await p.wait();
    expect(bytes).toBe(total);
    expect(await err).toBe('done\n');
  });

  it('without pipes the streams are null; the exit code still arrives', async () => {
    const p = await run({ CommandLine: 'exit 42' });
    expect(p.stdin).toBeNull();
    expect(p.stdout).toBeNull();
    expect(p.stderr).toBeNull();
    await p.wait();
    expect(p.exitCode()).toBe(42);
  });

  it('exitCode before the exit is ProcessError(ErrInvalidProcessState)', async () => {
    const p = await run({ CommandLine: 'cat > /dev/null', ...pipes });
    const e = (() => {
      try {
        p.exitCode();
      } catch (x) {
        return x as Error;
      }
      throw new Error('expected a throw');
    })();
    expect(e).toBeInstanceOf(ProcessError);
    expect((e as ProcessError).op).toBe('hcs::Process::ExitCode');
    expect((e as ProcessError).pid).toBe(p.pid);
    expect(errorIs(e, ErrInvalidProcessState)).toBe(true);
    await p.closeStdin();
    await p.wait();
    expect(p.exitCode()).toBe(0);
  });

  it('working directory and environment reach the process', async () => {
    const p = await run({
      CommandLine: 'echo "$GREETING $(pwd)"',
      WorkingDirectory: '/tmp',
      Environment: { GREETING: 'hi there' },
      ...pipes,
    });
    const out = readAll(p.stdout);
    await p.wait();
    expect(await out).toBe('hi there /tmp\n');
  });
});

describe('console', () => {
  it('an emulated console has one stream for input and output, no stderr, and can be resized', async () => {
    const p = await run({
      CommandLine: 'stty size; read x; stty size',
      EmulateConsole: true,
      CreateStdInPipe: true,
      CreateStdOutPipe: true,
      ConsoleSize: [30, 100],
    });
    expect(p.stderr).toBeNull();
    let text = '';
    p.stdout!.on('data', (d: Buffer) => (text += d.toString('utf8')));
    await new Promise<void>((resolve) => {
      const check = () => (text.includes('30 100') ? resolve() : p.stdout!.once('data', check));
      check();
    });
    await p.resizeConsole(132, 43);
    p.stdin!.write('go\n');
    // The exit can be reported before the console's last output is read: wait for the line, then the exit.
    await new Promise<void>((resolve) => {
      const check = () => (/43 132/.test(text) ? resolve() : p.stdout!.once('data', check));
      check();
    });
    await p.wait();
    expect(p.exitCode()).toBe(0);
    expect(text).toMatch(/30 100[\s\S]*43 132/);
  });

  it('console input larger than the pty buffer never blocks the event loop while the process is not reading', async () => {
    const size = 200_000;
    const go = join(mkdtempSync(join(tmpdir(), 'hcs-pty-')), 'go');
    const p = await run({
      CommandLine: `stty raw -echo; echo raw; while [ ! -e ${go} ]; do sleep 0.01; done; head -c ${size} > /dev/null; echo read-all`,
      EmulateConsole: true,
      CreateStdInPipe: true,
      CreateStdOutPipe: true,
    });
    let text = '';
    p.stdout!.on('data', (d: Buffer) => (text += d.toString('utf8')));
    // In raw mode the pty keeps every byte (a cooked line discipline drops what overflows a line).
    await new Promise<void>((resolve) => {
      const check = () => (text.includes('raw') ? resolve() : p.stdout!.once('data', check));
      check();
    });
    let written = false;
    p.stdin!.write(Buffer.alloc(size, 0x61), () => (written = true));
    // The JS thread is free: this turn of the loop comes although the process reads nothing yet.
    await new Promise((r) => setImmediate(r));
    expect(written).toBe(false);
    writeFileSync(go, '');
    await p.wait();
    expect(written).toBe(true);
    expect(p.exitCode()).toBe(0);
    expect(text).toContain('read-all');
    rmSync(dirname(go), { recursive: true, force: true });
  });

  it('resizeConsole of a process without a console is HCS’s error', async () => {
    const p = await run({ CommandLine: 'read x', ...pipes });
    const e = await failure(p.resizeConsole(80, 25));
    expect(e).toBeInstanceOf(ProcessError);
    expect((e as ProcessError).op).toBe('hcs::Process::ResizeConsole');
    expect(errorHresult(e)).toBeDefined();
    await p.closeStdin();
    await p.wait();
  });
});

describe('signal and kill', () => {
  it('signal delivers CtrlC (SIGINT) and an LCOW signal number', async () => {
    const p = await run({
      CommandLine: "trap 'echo got-int; exit 9' INT; echo ready; while :; do sleep 0.02; done",
      ...pipes,
    });
    let text = '';
    p.stdout!.on('data', (d: Buffer) => (text += d.toString('utf8')));
    await new Promise<void>((resolve) => {
      const check = () => (text.includes('ready') ? resolve() : p.stdout!.once('data', check));
      check();
    });
    const ended = new Promise<void>((resolve) => p.stdout!.once('end', resolve));
    expect(await p.signal({ Signal: 'CtrlC' })).toBe(true);
    // dash can lose a SIGINT that lands while it is vfork()ing the next `sleep` (seen under load): send it
    // again until the trap has run, as a user pressing Ctrl+C twice would.
    const again = setInterval(() => void p.signal({ Signal: 'CtrlC' }).catch(() => undefined), 500);
    try {
      await p.wait();
    } finally {
      clearInterval(again);
    }
    expect(p.exitCode()).toBe(9);
    await ended; // output may still be in the pipe when the exit notification arrives
    expect(text).toContain('got-int');

    // Signal only once the trap is set (the shell says so), or SIGTERM kills it outright (143).
    const q = await run({
      CommandLine: "trap 'exit 15' TERM; echo ready; while :; do sleep 0.02; done",
      ...pipes,
    });
    let qText = '';
    q.stdout!.on('data', (d: Buffer) => (qText += d.toString('utf8')));
    await new Promise<void>((resolve) => {
      const check = () => (qText.includes('ready') ? resolve() : q.stdout!.once('data', check));
      check();
    });
    expect(await q.signal('{"Signal":15}')).toBe(true);
    const againTerm = setInterval(() => void q.signal('{"Signal":15}').catch(() => undefined), 500);
    try {
      await q.wait();
    } finally {
      clearInterval(againTerm);
    }
    expect(q.exitCode()).toBe(15);
  });

  it('signalling an exited process is not delivered, and not an error', async () => {
    const p = await run({ CommandLine: 'exit 0' });
    await p.wait();
    expect(await p.signal({ Signal: 'CtrlC' })).toBe(false);
  });

  it('kill terminates; a second kill, or a kill after exit, counts as delivered', async () => {
    const p = await run({ CommandLine: 'while :; do sleep 0.02; done', ...pipes });
    expect(await p.kill()).toBe(true);
    expect(await p.kill()).toBe(true);
    await p.wait();
    expect(p.exitCode()).not.toBe(0);
    expect(await p.kill()).toBe(true);
  });

  it('bad signal options are HCS’s error with events', async () => {
    const p = await run({ CommandLine: 'read x', ...pipes });
    const e = await failure(p.signal({ Signal: 'NotASignal' }));
    expect(e).toBeInstanceOf(ProcessError);
    expect((e as ProcessError).op).toBe('hcs::Process::Signal');
    expect(errorEvents(e).length).toBeGreaterThan(0);
    await p.closeStdin();
    await p.wait();
  });
});

describe('properties, open, close', () => {
  it('properties report the ProcessStatus', async () => {
    const p = await run({ CommandLine: 'read x', ...pipes });
    const status = await p.properties();
    expect(status.ProcessId).toBe(p.pid);
    expect(status.Exited).toBe(false);
    await p.closeStdin();
    await p.wait();
    expect((await p.properties()).Exited).toBe(true);
  });

  it('onNotification reports ProcessExited with the ProcessStatus', async () => {
    const p = await run({ CommandLine: 'cat > /dev/null; exit 11', ...pipes });
    const seen: string[] = [];
    p.onNotification((n) => seen.push(`${n.typeName}:${n.data}`));
    await p.closeStdin();
    await p.wait();
    await new Promise((r) => setImmediate(r));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^ProcessExited:/);
    expect(JSON.parse(seen[0]!.slice('ProcessExited:'.length))).toMatchObject({ ExitCode: 11, Exited: true });
  });

  it('openProcess gives a second handle that sees the same exit', async () => {
    const p = await run({ CommandLine: 'read x; exit 5', ...pipes });
    const other = await sys.openProcess(p.pid);
    processes.push(other);
    expect(other.pid).toBe(p.pid);
    expect(other.stdin).toBeNull();
    p.stdin!.write('x\n');
    await Promise.all([p.wait(), other.wait()]);
    expect(other.exitCode()).toBe(5);
  });

  it('openProcess of an unknown pid fails as not found', async () => {
    const e = await failure(sys.openProcess(999_999));
    expect(e).toBeInstanceOf(SystemError);
    expect((e as SystemError).op).toBe('hcs::System::OpenProcess');
    expect(isNotExist(e)).toBe(true);
  });

  it('closeStdout/closeStderr are local; the process goes on', async () => {
    const p = await run({ CommandLine: 'read x; exit 4', ...pipes });
    const out = p.stdout!;
    await p.closeStdout();
    await p.closeStderr();
    expect(p.stdout).toBeNull();
    expect(p.stderr).toBeNull();
    expect(out.destroyed).toBe(true);
    p.stdin!.write('x\n');
    await p.wait();
    expect(p.exitCode()).toBe(4);
  });

  it('close does not kill; waiters get ErrAlreadyClosed; every operation after is ErrAlreadyClosed', async () => {
    // Not reading stdin: closing the handle closes the pipes, and a reader would end at EOF before the open below.
    const p = await sys.createProcess({ CommandLine: 'exec sleep 60', ...pipes });
    const waiting = p.wait().catch((e: unknown) => e);
    await p.close();
    await p.close();
    expect(await waiting).toBe(ErrAlreadyClosed);
    expect(() => p.exitCode()).toThrow(ErrAlreadyClosed);
    for (const [op, call] of [
      ['Signal', () => p.signal({ Signal: 'CtrlC' })],
      ['Kill', () => p.kill()],
      ['ResizeConsole', () => p.resizeConsole(80, 25)],
      ['CloseStdin', () => p.closeStdin()],
      ['Properties', () => p.properties()],
    ] as const) {
      const e = await failure(call());
      expect(e).toBeInstanceOf(ProcessError);
      expect((e as ProcessError).op).toBe(`hcs::Process::${op}`);
      expect(isAlreadyClosed(e)).toBe(true);
    }
    await p.closeStdout();
    // Still running: another handle can still reach it, and finish it.
    const again = await sys.openProcess(p.pid);
    processes.push(again);
    expect((await again.properties()).Exited).toBe(false);
    expect(await again.kill()).toBe(true);
    await again.wait();
  });

  it('a process exit recorded before close keeps its exit code', async () => {
    const p = await sys.createProcess({ CommandLine: 'exit 8' });
    await p.wait();
    await p.close();
    expect(p.exitCode()).toBe(8);
  });
});

describe('createProcess errors and system exit', () => {
  it('a system that is not running refuses, naming the command line in the op', async () => {
    const created = await System.create(uniqueId('notrunning'), containerDoc('c'));
    systems.push(created);
    const e = await failure(created.createProcess({ CommandLine: 'echo hi' }));
    expect(e).toBeInstanceOf(SystemError);
    expect((e as SystemError).op).toBe('hcs::System::CreateProcess: echo hi');
    expect(isOperationInvalidState(e)).toBe(true);
  });

  it('a missing working directory is ERROR_DIRECTORY with the service’s explanation', async () => {
    const e = await failure(sys.createProcess({ CommandLine: 'true', WorkingDirectory: '/no/such/dir' }));
    expect(errorHresult(e)).toBe(0x8007010b);
    expect(errorEvents(e)[0]?.Message).toContain('/no/such/dir');
  });

  it('terminating the system ends its processes', async () => {
    const other = await System.create(uniqueId('ending'), containerDoc('c'));
    systems.push(other);
    await other.start();
    const p = await run({ CommandLine: 'while :; do sleep 0.02; done', ...pipes }, other);
    await other.terminate();
    await p.wait();
    expect(p.exited()).toBe(true);
    expect(typeof p.exitCode()).toBe('number');
  });
});
