// Process ops on a fake host: spawn, exit notifications and exit codes, signals, console resize.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HR } from '../hresult.ts';
import { Notification } from '../ops.ts';
import { SIGNALS } from '../process-spec.ts';
import type { Engine } from './engine.ts';
import {
  CONTAINER_DOC,
  created,
  DELAY,
  fakeEngine,
  type FakeHost,
  hrOf,
  session,
  type TestSession,
  VM_DOC,
} from './testing.ts';

let engine: Engine;
let host: FakeHost;
let stop: () => Promise<void>;

beforeEach(() => {
  ({ engine, host, stop } = fakeEngine());
});
afterEach(() => stop());

describe('processes', () => {
  function running(s: TestSession, id = 'vm-1', doc = VM_DOC) {
    const v = created(engine, s, id, doc);
    engine.lifecycle.run(v.h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    return v;
  }

  it('spawns with the requested pipes and the minimal environment plus the document', () => {
    const s = session(1);
    const { h } = running(s);
    const p = engine.processes.create(
      h,
      JSON.stringify({
        CommandLine: 'echo hi',
        Environment: { FOO: 'bar' },
        CreateStdOutPipe: true,
        CreateStdErrPipe: true,
      }),
    );
    expect(p.stdio).toEqual([-1, 11, 12]);
    expect(host.closed).toContain(10); // the stdin end nobody asked for
    const req = host.spawned[0]!;
    expect(req).toMatchObject({ commandLine: 'echo hi', flags: 2 | 4, cwd: null });
    expect(req.env).toEqual(expect.arrayContaining(['FOO=bar', 'HCS_SIM_SYSTEM_ID=vm-1', 'TERM=dumb']));
    expect(req.env.some((e) => e.startsWith('PATH='))).toBe(true);
  });

  it('needs a running system and an existing working directory', () => {
    const s = session(1);
    const { h } = created(engine, s);
    expect(hrOf(() => engine.processes.create(h, '{"CommandLine":"true"}'))).toBe(HR.INVALID_STATE);
    engine.lifecycle.run(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    expect(
      hrOf(() => engine.processes.create(h, '{"CommandLine":"true","WorkingDirectory":"/no/such/dir"}')),
    ).toBe(HR.DIRECTORY);
    expect(hrOf(() => engine.processes.create(h, '{"CommandLine":'))).toBe(HR.INVALID_JSON);
  });

  it('notifies ProcessExited to every registration of every handle, with the exit code', () => {
    const a = session(1);
    const b = session(2);
    const { h } = running(a);
    const p = engine.processes.create(h, '{"CommandLine":"exit 3"}');
    const ra = engine.handles.register(a, p.handle).registration.id;
    const hb = engine.handles.openSystem(b, 'vm-1');
    const pb = engine.processes.open(hb, p.process.pid);
    const rb = engine.handles.register(b, pb).registration.id;
    host.status.set(p.process.pid, 3);
    vi.advanceTimersByTime(20);
    const status = { ProcessId: p.process.pid, Exited: true, ExitCode: 3, LastWaitResult: 0 };
    expect(a.inbox.at(-1)).toEqual({
      registration: ra,
      type: Notification.ProcessExited,
      status: 0,
      data: JSON.stringify(status),
    });
    expect(b.inbox.at(-1)).toEqual({
      registration: rb,
      type: Notification.ProcessExited,
      status: 0,
      data: JSON.stringify(status),
    });
    expect(JSON.parse(engine.processes.properties(p.handle))).toEqual(status);
    expect(hrOf(() => engine.processes.open(h, p.process.pid))).toBe(HR.NOT_FOUND);
    expect(hrOf(() => engine.processes.terminate(p.handle))).toBe(HR.NOT_FOUND);
    expect(hrOf(() => engine.processes.signal(p.handle, '{"Signal":"CtrlC"}'))).toBe(HR.NOT_FOUND);
    // A registration after the exit still hears of it.
    const late = engine.handles.register(a, p.handle);
    late.after();
    expect(a.inbox.at(-1)).toMatchObject({
      registration: late.registration.id,
      type: Notification.ProcessExited,
    });
  });

  it('signals the process group, stops and continues it with the system, kills it when the system stops', () => {
    const s = session(1);
    const { h } = running(s);
    const p = engine.processes.create(h, '{"CommandLine":"sleep 100"}');
    const pid = p.process.pid;
    engine.processes.signal(p.handle, '{"Signal":"CtrlC"}');
    engine.lifecycle.run(h, 'Pause', null);
    vi.advanceTimersByTime(DELAY);
    engine.lifecycle.run(h, 'Resume', null);
    vi.advanceTimersByTime(DELAY);
    engine.lifecycle.run(h, 'Terminate', null);
    vi.advanceTimersByTime(DELAY);
    expect(host.signals).toEqual([
      [pid, SIGNALS.SIGINT],
      [pid, SIGNALS.SIGSTOP],
      [pid, SIGNALS.SIGCONT],
      [pid, SIGNALS.SIGKILL],
    ]);
    vi.advanceTimersByTime(20);
    expect(p.process).toMatchObject({ exited: true, exitCode: 137 });
  });

  it('resizes an emulated console and refuses to resize a process without one', () => {
    const s = session(1);
    const { h } = running(s);
    const con = engine.processes.create(
      h,
      '{"CommandLine":"sh","EmulateConsole":true,"CreateStdInPipe":true,"CreateStdOutPipe":true,"ConsoleSize":[30,100]}',
    );
    expect(con.stdio).toEqual([20, 21, -1]);
    expect(host.spawned.at(-1)).toMatchObject({ rows: 30, cols: 100, flags: 8 | 1 | 2 });
    engine.processes.modify(
      con.handle,
      '{"Operation":"ConsoleSize","ConsoleSize":{"Height":50,"Width":132}}',
    );
    expect(host.resized).toEqual([[22, 50, 132]]);
    engine.processes.modify(con.handle, '{"Operation":"CloseHandle","CloseHandle":{"Handle":"StdIn"}}');
    const plain = engine.processes.create(h, '{"CommandLine":"true"}');
    expect(
      hrOf(() =>
        engine.processes.modify(
          plain.handle,
          '{"Operation":"ConsoleSize","ConsoleSize":{"Height":5,"Width":5}}',
        ),
      ),
    ).toBe(HR.E_INVALIDARG);
  });

  it('a process the service kills exits by the kind of its system; one that exits 137 itself keeps it', () => {
    const s = session(1);
    const hostProcessDoc = JSON.stringify({
      SchemaVersion: { Major: 2, Minor: 1 },
      Container: { IsolationType: 'HostProcess' },
    });
    const kinds: Array<[string, string, number]> = [
      ['lcow', VM_DOC, 137],
      ['wcow', CONTAINER_DOC, 1067],
      ['hostprocess', hostProcessDoc, 1],
    ];
    for (const [id, doc, code] of kinds) {
      const { h } = running(s, id, doc);
      const killed = engine.processes.create(h, '{"CommandLine":"sleep 100"}');
      engine.processes.terminate(killed.handle);
      const stopped = engine.processes.create(h, '{"CommandLine":"sleep 100"}');
      const own = engine.processes.create(h, '{"CommandLine":"exit 137"}');
      host.status.set(own.process.pid, 137);
      vi.advanceTimersByTime(20); // reaped before the system stops
      engine.lifecycle.run(h, 'Terminate', null);
      vi.advanceTimersByTime(DELAY + 20);
      expect([killed, stopped, own].map((p) => p.process.exitCode)).toEqual([code, code, 137]);
    }
  });

  it('hands the stdio out again for the streams created and not closed, and none once the process has exited', () => {
    const s = session(1);
    const { h } = running(s);
    const piped = engine.processes.create(
      h,
      '{"CommandLine":"cat","CreateStdInPipe":true,"CreateStdOutPipe":true,"CreateStdErrPipe":true}',
    );
    expect(engine.processes.info(piped.handle)).toEqual({ pid: piped.process.pid, stdio: [200, 201, 202] });
    engine.processes.modify(piped.handle, '{"Operation":"CloseHandle","CloseHandle":{"Handle":"StdIn"}}');
    expect(engine.processes.info(piped.handle).stdio).toEqual([-1, 201, 202]);
    const outOnly = engine.processes.create(h, '{"CommandLine":"true","CreateStdOutPipe":true}');
    expect(engine.processes.info(outOnly.handle).stdio).toEqual([-1, 201, -1]);
    const con = engine.processes.create(
      h,
      '{"CommandLine":"sh","EmulateConsole":true,"CreateStdInPipe":true,"CreateStdOutPipe":true}',
    );
    expect(engine.processes.info(con.handle).stdio).toEqual([122, 122, -1]); // the master, duplicated
    host.status.set(outOnly.process.pid, 0);
    vi.advanceTimersByTime(20);
    expect(hrOf(() => engine.processes.info(outOnly.handle))).toBe(HR.PROCESS_ALREADY_STOPPED);
  });
});
