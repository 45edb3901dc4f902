// Test support for the engine's unit tests: a fake host whose processes are table entries, client sessions that
// record what they are sent, and the documents and helpers the tests share. Tests only; never imported by the service.
import { vi } from 'vitest';
import { HresultFailure } from '../hresult.ts';
import type { ClientSession } from '../model.ts';
import type { ProcessHost, ReapResult, SpawnRequest, Spawned } from '../process-host.ts';
import { SIGNALS } from '../process-spec.ts';
import { Engine, type EngineOptions } from './engine.ts';

/** A host whose processes are entries in a table: the test decides when they exit. */
export class FakeHost implements ProcessHost {
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
  /** A duplicate is 100 + fd. */
  dup(fd: number): number {
    return 100 + fd;
  }
  /** A reopened stdio pipe is 200 + slot. */
  openStdio(_pid: number, slot: number): number {
    return 200 + slot;
  }
}

export interface Received {
  registration: number;
  type: number;
  status: number;
  data: string | null;
}

export type TestSession = ClientSession & { inbox: Received[] };

/** A client session whose notifications land in `inbox` (status unsigned). */
export function session(id: number, name = `client-${id}`): TestSession {
  const inbox: Received[] = [];
  return {
    id,
    name,
    pid: 1000 + id,
    api: 1,
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

/** The HRESULT (unsigned) of the HresultFailure that `f` throws. */
export function hrOf(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    if (e instanceof HresultFailure) return e.hr >>> 0;
    throw e;
  }
  throw new Error('expected an HresultFailure');
}

export const VM_DOC = JSON.stringify({
  Owner: 'tester',
  SchemaVersion: { Major: 2, Minor: 1 },
  VirtualMachine: {
    Chipset: { LinuxKernelDirect: {} },
    ComputeTopology: { Memory: { SizeInMB: 2048 }, Processor: { Count: 2 } },
  },
});
export const CONTAINER_DOC = JSON.stringify({ SystemType: 'Container', Name: 'web', Owner: 'docker' });
export const DELAY = 10;

/** An engine on a fake host, with fake timers; call `stop()` after each test. */
export function fakeEngine(options: Partial<EngineOptions> = {}): {
  engine: Engine;
  host: FakeHost;
  stop: () => Promise<void>;
} {
  vi.useFakeTimers();
  const host = new FakeHost();
  const engine = new Engine({
    host,
    completionDelayMs: DELAY,
    log: () => undefined,
    sample: () => null,
    ...options,
  });
  const stop = async () => {
    vi.useRealTimers();
    await engine.shutdown();
  };
  return { engine, host, stop };
}

/** Creates a system, registers and completes the create; returns the handle and its registration. */
export function created(engine: Engine, s: TestSession, id = 'vm-1', doc = VM_DOC) {
  const h = engine.lifecycle.create(s, id, doc);
  const r = engine.handles.register(s, h);
  r.after();
  vi.advanceTimersByTime(DELAY);
  return { h, reg: r.registration.id };
}
