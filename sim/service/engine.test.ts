import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Engine } from './engine.ts';
import { HR, HresultFailure } from './hresult.ts';
import type { ClientSession } from './model.ts';
import { Notification } from './ops.ts';
import type { ProcessHost, ReapResult, SpawnRequest, Spawned } from './process-host.ts';
import { SIGNALS } from './process-spec.ts';

/** A host whose processes are entries in a table: the test decides when they exit. */
class FakeHost implements ProcessHost {
  private nextPid = 5000;
  readonly status = new Map<number, number | null>();
  readonly spawned: SpawnRequest[] = [];
  readonly signals: Array<[number, number]> = [];
  readonly closed: number[] = [];
  readonly resized: Array<[number, number, number]> = [];

  spawn(req: SpawnRequest): Spawned {
    this.spawned.push(req);
    const pid = this.nextPid++;
    this.status.set(pid, null);
    const pty = (req.flags & 8) !== 0;
    return { pid, fds: pty ? [20, 21, -1] : [10, 11, 12], masterFd: pty ? 22 : -1 };
  }
  reap(pid: number): ReapResult {
    const s = this.status.get(pid);
    if (s === undefined) return { state: 'error', errno: -10 };
    if (s === null) return { state: 'running' };
    this.status.delete(pid);
    return { state: 'exited', status: s };
  }
  killGroup(pid: number, signal: number): number {
    this.signals.push([pid, signal]);
    if (!this.status.has(pid)) return -3;
    if (signal === SIGNALS.SIGKILL || signal === SIGNALS.SIGTERM) this.status.set(pid, 128 + signal);
    return 0;
  }
  resize(masterFd: number, rows: number, cols: number): number {
    this.resized.push([masterFd, rows, cols]);
    return 0;
  }
  close(fd: number): void {
    this.closed.push(fd);
  }
}

interface Received {
  registration: number;
  type: number;
  status: number;
  data: string | null;
}

function session(id: number, name = `client-${id}`): ClientSession & { inbox: Received[] } {
  const inbox: Received[] = [];
  return {
    id,
    name,
    pid: 1000 + id,
    connectedAt: 0,
    outbox: {
      notify: (registration, type, status, data) =>
        inbox.push({ registration, type, status: status >>> 0, data }),
    },
    systemHandles: new Map(),
    processHandles: new Map(),
    registrations: new Map(),
    inbox,
  };
}

function hrOf(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    if (e instanceof HresultFailure) return e.hr >>> 0;
    throw e;
  }
  throw new Error('expected an HresultFailure');
}

const VM_DOC = JSON.stringify({
  Owner: 'tester',
  SchemaVersion: { Major: 2, Minor: 1 },
  VirtualMachine: {
    Chipset: { LinuxKernelDirect: {} },
    ComputeTopology: { Memory: { SizeInMB: 2048 }, Processor: { Count: 2 } },
  },
});
const CONTAINER_DOC = JSON.stringify({ SystemType: 'Container', Name: 'web', Owner: 'docker' });
const DELAY = 10;

let host: FakeHost;
let engine: Engine;

beforeEach(() => {
  vi.useFakeTimers();
  host = new FakeHost();
  engine = new Engine({ host, completionDelayMs: DELAY, log: () => undefined, sample: () => null });
});

afterEach(async () => {
  vi.useRealTimers();
  await engine.shutdown();
});

/** Creates a system, completes the create and registers; returns the handle and its registration. */
function created(s: ReturnType<typeof session>, id = 'vm-1', doc = VM_DOC) {
  const h = engine.createSystem(s, id, doc);
  const r = engine.register(s, h);
  r.after();
  vi.advanceTimersByTime(DELAY);
  return { h, reg: r.registration.id };
}

describe('create and the completion held until a registration exists', () => {
  it('holds CreateCompleted for a handle without a registration and delivers it on the first registration', () => {
    const s = session(1);
    const h = engine.createSystem(s, 'vm-1', VM_DOC);
    expect(h.system).toMatchObject({
      state: 'Created',
      owner: 'tester',
      systemType: 'VirtualMachine',
      runtimeOsType: 'linux',
    });
    expect(h.system.pending?.op).toBe('Create');
    vi.advanceTimersByTime(DELAY);
    expect(s.inbox).toEqual([]);
    const r = engine.register(s, h);
    expect(s.inbox).toEqual([]); // nothing before the response has gone out
    r.after();
    expect(s.inbox).toEqual([
      { registration: r.registration.id, type: Notification.SystemCreateCompleted, status: 0, data: null },
    ]);
  });

  it('refuses a duplicate id (ignoring case), an empty id and a bad document', () => {
    const s = session(1);
    created(s, 'Vm-1');
    expect(hrOf(() => engine.createSystem(s, 'VM-1', VM_DOC))).toBe(HR.SYSTEM_ALREADY_EXISTS);
    expect(hrOf(() => engine.createSystem(s, '', VM_DOC))).toBe(HR.E_INVALIDARG);
    expect(hrOf(() => engine.createSystem(s, 'x', '{"SystemType":'))).toBe(HR.INVALID_JSON);
    expect(engine.findSystem('x')).toBeUndefined();
  });

  it("records the creating client's name as owner when the document names none", () => {
    const s = session(1, 'hcsctl');
    expect(engine.createSystem(s, 'c', '{"SystemType":"Container"}').system.owner).toBe('hcsctl');
  });
});

describe('lifecycle', () => {
  it('completes Start, Pause and Resume on the calling handle only, after the delay', () => {
    const a = session(1);
    const b = session(2);
    const { h, reg } = created(a);
    const hb = engine.openSystem(b, 'vm-1');
    engine.register(b, hb).after();
    a.inbox.length = 0;

    engine.lifecycle(h, 'Start', '');
    expect(h.system.state).toBe('Created');
    vi.advanceTimersByTime(DELAY);
    expect(h.system.state).toBe('Running');
    engine.lifecycle(h, 'Pause', null);
    vi.advanceTimersByTime(DELAY);
    engine.lifecycle(h, 'Resume', '{}');
    vi.advanceTimersByTime(DELAY);
    expect(a.inbox.map((n) => [n.registration, n.type, n.status])).toEqual([
      [reg, Notification.SystemStartCompleted, 0],
      [reg, Notification.SystemPauseCompleted, 0],
      [reg, Notification.SystemResumeCompleted, 0],
    ]);
    expect(b.inbox).toEqual([]);
  });

  it('refuses operations the state does not allow, and one while another is pending', () => {
    const s = session(1);
    const { h } = created(s);
    expect(hrOf(() => engine.lifecycle(h, 'Pause', null))).toBe(HR.INVALID_STATE);
    expect(hrOf(() => engine.lifecycle(h, 'Shutdown', null))).toBe(HR.INVALID_STATE);
    engine.lifecycle(h, 'Start', null);
    expect(hrOf(() => engine.lifecycle(h, 'Start', null))).toBe(HR.INVALID_STATE);
    expect(hrOf(() => engine.lifecycle(h, 'Start', '{bad'))).toBe(HR.INVALID_JSON);
  });

  it('sends SystemExited to every registration on every handle of every client', () => {
    const a = session(1);
    const b = session(2);
    const { h, reg } = created(a);
    engine.lifecycle(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    const hb1 = engine.openSystem(b, 'vm-1');
    const hb2 = engine.openSystem(b, 'vm-1');
    const rb1 = engine.register(b, hb1).registration.id;
    const rb2 = engine.register(b, hb2).registration.id;
    const rb3 = engine.register(b, hb2).registration.id;
    a.inbox.length = 0;

    engine.lifecycle(hb1, 'Terminate', null);
    vi.advanceTimersByTime(DELAY);
    const exited = (s: ReturnType<typeof session>) =>
      s.inbox.filter((n) => n.type === Notification.SystemExited);
    expect(exited(a).map((n) => n.registration)).toEqual([reg]);
    expect(
      exited(b)
        .map((n) => n.registration)
        .sort(),
    ).toEqual([rb1, rb2, rb3].sort());
    expect(JSON.parse(exited(a)[0]!.data!)).toEqual({ Status: 0, ExitType: 'ForcedExit' });
    expect(h.system.state).toBe('Stopped');
    expect(hrOf(() => engine.lifecycle(h, 'Terminate', null))).toBe(HR.ALREADY_STOPPED);
    expect(hrOf(() => engine.lifecycle(h, 'Start', null))).toBe(HR.INVALID_STATE);
  });

  it('reports a graceful shutdown and lets Terminate preempt a pending Start with TERMINATED', () => {
    const s = session(1);
    const { h, reg } = created(s);
    engine.lifecycle(h, 'Start', null);
    engine.lifecycle(h, 'Terminate', null);
    expect(s.inbox.at(-1)).toEqual({
      registration: reg,
      type: Notification.SystemStartCompleted,
      status: HR.TERMINATED,
      data: null,
    });
    vi.advanceTimersByTime(DELAY);
    expect(JSON.parse(s.inbox.at(-1)!.data!).ExitType).toBe('ForcedExit');

    const s2 = session(2);
    const v2 = created(s2, 'vm-2');
    engine.lifecycle(v2.h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    engine.lifecycle(v2.h, 'Shutdown', null);
    engine.lifecycle(v2.h, 'Shutdown', null); // a second shutdown while one is pending is accepted
    vi.advanceTimersByTime(DELAY);
    const exits = s2.inbox.filter((n) => n.type === Notification.SystemExited);
    expect(exits).toHaveLength(1);
    expect(JSON.parse(exits[0]!.data!).ExitType).toBe('GracefulExit');
  });

  it('gives a registration made after the stop the SystemExited it missed', () => {
    const s = session(1);
    const { h } = created(s);
    engine.lifecycle(h, 'Terminate', null);
    vi.advanceTimersByTime(DELAY);
    const r = engine.register(s, h);
    r.after();
    expect(s.inbox.at(-1)).toMatchObject({
      registration: r.registration.id,
      type: Notification.SystemExited,
    });
  });

  it('crashes a system: UnexpectedExit with 0xC0370106, and the systems it hosts stop with it', () => {
    const s = session(1);
    const { h, reg } = created(s);
    engine.lifecycle(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    const hosted = engine.createSystem(
      s,
      'ctr',
      JSON.stringify({
        SchemaVersion: { Major: 2, Minor: 1 },
        HostingSystemId: 'vm-1',
        HostedSystem: { OciBundlePath: '/x' },
      }),
    );
    const hostedReg = engine.register(s, hosted).registration.id;
    engine.crash(h.system);
    const exits = s.inbox.filter((n) => n.type === Notification.SystemExited);
    expect(exits.map((n) => [n.registration, n.status])).toEqual([
      [reg, HR.UNEXPECTED_EXIT],
      [hostedReg, HR.UNEXPECTED_EXIT],
    ]);
    expect(JSON.parse(exits[0]!.data!)).toMatchObject({ ExitType: 'UnexpectedExit' });
    // The hosted system's create was still pending: it completes with the failure.
    expect(s.inbox).toContainEqual({
      registration: hostedReg,
      type: Notification.SystemCreateCompleted,
      status: HR.UNEXPECTED_EXIT,
      data: null,
    });
    expect(() => engine.crash(h.system)).toThrow(/already stopped/);
  });

  it('saves a paused system, as a template when asked', () => {
    const s = session(1);
    const { h, reg } = created(s);
    engine.lifecycle(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    expect(hrOf(() => engine.lifecycle(h, 'Save', null))).toBe(HR.INVALID_STATE);
    engine.lifecycle(h, 'Pause', null);
    vi.advanceTimersByTime(DELAY);
    expect(hrOf(() => engine.lifecycle(h, 'Save', '{"SaveType":"Sideways"}'))).toBe(HR.E_INVALIDARG);
    expect(
      hrOf(() => engine.lifecycle(h, 'Save', '{"SaveType":"ToFile","SaveStateFilePath":"C:\\\\x.vmrs"}')),
    ).toBe(HR.PATH_NOT_FOUND);
    engine.lifecycle(h, 'Save', '{"SaveType":"AsTemplate"}');
    vi.advanceTimersByTime(DELAY);
    expect(s.inbox.at(-1)).toEqual({
      registration: reg,
      type: Notification.SystemSaveCompleted,
      status: 0,
      data: null,
    });
    expect(h.system.state).toBe('SavedAsTemplate');
    expect(h.system.saved).toMatchObject({ saveType: 'AsTemplate', path: null });
  });
});

describe('handles', () => {
  it('gives every open its own handle and refuses handles of other clients', () => {
    const a = session(1);
    const b = session(2);
    const { h } = created(a);
    const h1 = engine.openSystem(b, 'VM-1');
    const h2 = engine.openSystem(b, 'vm-1');
    expect(new Set([h.id, h1.id, h2.id]).size).toBe(3);
    expect(hrOf(() => engine.systemHandle(b, h.id))).toBe(HR.INVALID_HANDLE);
    expect(hrOf(() => engine.openSystem(b, 'nope'))).toBe(HR.SYSTEM_NOT_FOUND);
  });

  it('removes a stopped system when its last handle closes, but not one its owner holds', () => {
    const a = session(1);
    const b = session(2);
    const { h } = created(a);
    const hb = engine.openSystem(b, 'vm-1');
    engine.lifecycle(h, 'Terminate', null);
    vi.advanceTimersByTime(DELAY);
    engine.closeSystemHandle(h);
    expect(engine.findSystem('vm-1')).toBeDefined();
    engine.closeSystemHandle(hb);
    expect(engine.findSystem('vm-1')).toBeUndefined();

    engine.seed({ systems: [{ id: 'seeded', systemType: 'Container', state: 'Stopped' }] });
    const hs = engine.openSystem(a, 'seeded');
    engine.closeSystemHandle(hs);
    expect(engine.findSystem('seeded')?.state).toBe('Stopped');
  });

  it('keeps a running system without handles unless it asked to be terminated on last close', () => {
    const s = session(1);
    const keep = created(s, 'keep', CONTAINER_DOC);
    engine.lifecycle(keep.h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    engine.closeSystemHandle(keep.h);
    expect(engine.findSystem('keep')?.state).toBe('Running');

    const doc = JSON.stringify({ SystemType: 'Container', TerminateOnLastHandleClosed: true });
    const once = created(s, 'once', doc);
    engine.lifecycle(once.h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    engine.closeSystemHandle(once.h);
    expect(engine.findSystem('once')).toBeUndefined();
  });

  it('releases everything a client held when it goes away', () => {
    const s = session(1);
    const { h } = created(s);
    engine.lifecycle(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    const p = engine.createProcess(h, '{"CommandLine":"sleep 100"}');
    engine.register(s, p.handle);
    engine.dropSession(s);
    expect(s.systemHandles.size + s.processHandles.size + s.registrations.size).toBe(0);
    expect(h.system.handles.size).toBe(0);
    expect(p.process.handles.size).toBe(0);
  });

  it('unregisters only registrations of the right kind', () => {
    const s = session(1);
    const { h, reg } = created(s);
    expect(hrOf(() => engine.unregister(s, reg, 'process'))).toBe(HR.INVALID_HANDLE);
    engine.unregister(s, reg, 'system');
    expect(h.registrations.size).toBe(0);
    expect(hrOf(() => engine.unregister(s, reg, 'system'))).toBe(HR.INVALID_HANDLE);
  });
});

describe('processes', () => {
  function running(s: ReturnType<typeof session>) {
    const v = created(s);
    engine.lifecycle(v.h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    return v;
  }

  it('spawns with the requested pipes and the minimal environment plus the document', () => {
    const s = session(1);
    const { h } = running(s);
    const p = engine.createProcess(
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
    const { h } = created(s);
    expect(hrOf(() => engine.createProcess(h, '{"CommandLine":"true"}'))).toBe(HR.INVALID_STATE);
    engine.lifecycle(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    expect(
      hrOf(() => engine.createProcess(h, '{"CommandLine":"true","WorkingDirectory":"/no/such/dir"}')),
    ).toBe(HR.DIRECTORY);
    expect(hrOf(() => engine.createProcess(h, '{"CommandLine":'))).toBe(HR.INVALID_JSON);
  });

  it('notifies ProcessExited to every registration of every handle, with the exit code', () => {
    const a = session(1);
    const b = session(2);
    const { h } = running(a);
    const p = engine.createProcess(h, '{"CommandLine":"exit 3"}');
    const ra = engine.register(a, p.handle).registration.id;
    const hb = engine.openSystem(b, 'vm-1');
    const pb = engine.openProcess(hb, p.process.pid);
    const rb = engine.register(b, pb).registration.id;
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
    expect(JSON.parse(engine.processProperties(p.handle))).toEqual(status);
    expect(hrOf(() => engine.openProcess(h, p.process.pid))).toBe(HR.NOT_FOUND);
    expect(hrOf(() => engine.terminateProcess(p.handle))).toBe(HR.NOT_FOUND);
    expect(hrOf(() => engine.signalProcess(p.handle, '{"Signal":"CtrlC"}'))).toBe(HR.NOT_FOUND);
    // A registration after the exit still hears of it.
    const late = engine.register(a, p.handle);
    late.after();
    expect(a.inbox.at(-1)).toMatchObject({
      registration: late.registration.id,
      type: Notification.ProcessExited,
    });
  });

  it('signals the process group, stops and continues it with the system, kills it when the system stops', () => {
    const s = session(1);
    const { h } = running(s);
    const p = engine.createProcess(h, '{"CommandLine":"sleep 100"}');
    const pid = p.process.pid;
    engine.signalProcess(p.handle, '{"Signal":"CtrlC"}');
    engine.lifecycle(h, 'Pause', null);
    vi.advanceTimersByTime(DELAY);
    engine.lifecycle(h, 'Resume', null);
    vi.advanceTimersByTime(DELAY);
    engine.lifecycle(h, 'Terminate', null);
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
    const con = engine.createProcess(
      h,
      '{"CommandLine":"sh","EmulateConsole":true,"CreateStdInPipe":true,"CreateStdOutPipe":true,"ConsoleSize":[30,100]}',
    );
    expect(con.stdio).toEqual([20, 21, -1]);
    expect(host.spawned.at(-1)).toMatchObject({ rows: 30, cols: 100, flags: 8 | 1 | 2 });
    engine.modifyProcess(con.handle, '{"Operation":"ConsoleSize","ConsoleSize":{"Height":50,"Width":132}}');
    expect(host.resized).toEqual([[22, 50, 132]]);
    engine.modifyProcess(con.handle, '{"Operation":"CloseHandle","CloseHandle":{"Handle":"StdIn"}}');
    const plain = engine.createProcess(h, '{"CommandLine":"true"}');
    expect(
      hrOf(() =>
        engine.modifyProcess(
          plain.handle,
          '{"Operation":"ConsoleSize","ConsoleSize":{"Height":5,"Width":5}}',
        ),
      ),
    ).toBe(HR.E_INVALIDARG);
  });
});

describe('properties, enumerate and modify', () => {
  it('answers schema1 for V1 queries and schema2 for Memory, from the same system', () => {
    const s = session(1);
    const { h } = created(s);
    const v1 = JSON.parse(engine.properties(h, '{}'));
    expect(v1).toMatchObject({
      Id: 'vm-1',
      State: 'Created',
      SystemType: 'VirtualMachine',
      RuntimeOsType: 'Linux',
      Owner: 'tester',
    });
    expect(v1.RuntimeId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    engine.lifecycle(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    const v1stats = JSON.parse(engine.properties(h, '{"PropertyTypes":["Statistics","ProcessList"]}'));
    expect(v1stats.Statistics.Network).toEqual([]);
    expect(v1stats.ProcessList).toEqual([]);
    const v2 = JSON.parse(engine.properties(h, '{"PropertyTypes":["Memory","Statistics"]}'));
    expect(v2.Memory.VirtualMachineMemory.AssignedMemory).toBe(2048 * 256);
    expect(v2.Statistics).not.toHaveProperty('Network');
    expect(hrOf(() => engine.properties(h, '{"PropertyTypes":["Nope"]}'))).toBe(HR.INVALID_JSON);
  });

  it('applies a v2 memory update and records v1 modifications', () => {
    const s = session(1);
    const { h } = created(s);
    engine.modify(
      h,
      JSON.stringify({
        ResourcePath: 'VirtualMachine/ComputeTopology/Memory/SizeInMB',
        RequestType: 'Update',
        Settings: 4096,
      }),
    );
    expect(h.system.memorySizeInMB).toBe(4096);
    engine.modify(
      h,
      JSON.stringify({
        ResourceType: 'MappedVirtualDisk',
        RequestType: 'Add',
        Settings: { HostPath: 'C:\\d.vhdx', ContainerPath: '/d' },
      }),
    );
    const props = JSON.parse(engine.properties(h, '{"PropertyTypes":["MappedVirtualDisk"]}'));
    expect(props.MappedVirtualDiskControllers['0'].MappedVirtualDisks['0']).toMatchObject({
      ContainerPath: '/d',
    });
    expect(h.system.modifications).toHaveLength(2);
    expect(hrOf(() => engine.modify(h, '{"Nothing":1}'))).toBe(HR.INVALID_JSON);
    expect(hrOf(() => engine.modify(h, '{"ResourcePath":"x",'))).toBe(HR.INVALID_JSON);
    expect(
      hrOf(() =>
        engine.modify(
          h,
          '{"ResourcePath":"VirtualMachine/ComputeTopology/Memory/SizeInMB","RequestType":"Update","Settings":-1}',
        ),
      ),
    ).toBe(HR.E_INVALIDARG);
  });

  it('enumerates with filters', () => {
    const s = session(1);
    created(s, 'vm-1');
    created(s, 'web-1', CONTAINER_DOC);
    const ids = (q: string) => (JSON.parse(engine.enumerate(q)) as Array<{ Id: string }>).map((x) => x.Id);
    expect(ids('{}')).toEqual(['vm-1', 'web-1']);
    expect(ids('{"Owners":["DOCKER"]}')).toEqual(['web-1']);
    expect(ids('{"Types":["VirtualMachine"],"Ids":["VM-1","web-1"]}')).toEqual(['vm-1']);
  });
});

describe('seed and reset', () => {
  it('seeds fixture systems in their states and clears everything on reset', () => {
    const s = session(1);
    engine.seed({
      completionDelayMs: 3,
      systems: [
        {
          id: 'r',
          systemType: 'VirtualMachine',
          runtimeOsType: 'linux',
          state: 'Running',
          uptimeSeconds: 60,
          owner: 'WSL',
        },
        { id: 'p', systemType: 'Container', state: 'Paused' },
      ],
    });
    expect(engine.completionDelayMs).toBe(3);
    const r = engine.findSystem('r')!;
    expect(r).toMatchObject({ state: 'Running', owner: 'WSL', runtimeOsType: 'linux', ownerHeld: true });
    expect(Date.now() - r.startedAt!).toBe(60_000);
    expect(() => engine.seed({ systems: [{ id: 'R', systemType: 'Container' }] })).toThrow(/already exists/);
    const h = engine.openSystem(s, 'r');
    engine.register(s, h);
    engine.reset([s]);
    expect(engine.listSystems()).toEqual([]);
    expect(s.systemHandles.size + s.registrations.size).toBe(0);
    expect(hrOf(() => engine.systemHandle(s, h.id))).toBe(HR.INVALID_HANDLE);
  });
});
