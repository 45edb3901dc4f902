// The simulated HCS itself, free of sockets: compute systems and their state machine, per-client handles and
// callback registrations, asynchronous completions, exits, processes. Op handlers call it; it throws HresultFailure for
// every answer that is an error. Methods that must notify after the caller's response has gone out return an
// `after` function for the dispatcher to run then.
import { writeFileSync } from 'node:fs';
import type { Fixture, FixtureSystem } from '../control/types.ts';
import { checkCreateDocument, type SystemDescription } from './document.ts';
import { synthesizeDocument } from './fixtures.ts';
import { guidFromName } from './guid.ts';
import { HR, errorEvent, fail, HresultFailure, hresultFromErrno, signedHr } from './hresult.ts';
import {
  ProcessHandle,
  SimSystem,
  SystemHandle,
  type ClientSession,
  type Registration,
  type SimProcess,
} from './model.ts';
import { Notification } from './ops.ts';
import type { ProcessHost } from './process-host.ts';
import { parseProcessModify, parseProcessParameters, parseSignalOptions, SIGNALS } from './process-spec.ts';
import { ProcessManager, processStatus, type StartedProcess } from './processes.ts';
import type { ProcSample } from './procfs.ts';
import { basicProperties, computeSystemProperties } from './properties.ts';
import { matchesFilter, parseEnumerateQuery, parsePropertyQuery } from './query.ts';
import { canCreateProcess, canModify, decide, type ExitType, type LifecycleOp } from './state-machine.ts';
import { applyModification, parseOptions, parseSaveOptions, type SaveRequest } from './system-requests.ts';

export interface EngineOptions {
  host: ProcessHost;
  completionDelayMs: number;
  log: (message: string) => void;
  now?: () => number;
  reapIntervalMs?: number;
  sample?: (pid: number) => ProcSample | null;
}

export type After = () => void;

const COMPLETION: Partial<Record<LifecycleOp, number>> = {
  Create: Notification.SystemCreateCompleted,
  Start: Notification.SystemStartCompleted,
  Pause: Notification.SystemPauseCompleted,
  Resume: Notification.SystemResumeCompleted,
  Save: Notification.SystemSaveCompleted,
};

function key(id: string): string {
  return id.toLowerCase();
}

export class Engine {
  private readonly systems = new Map<string, SimSystem>();
  private nextId = 0x1000;
  completionDelayMs: number;
  readonly processes: ProcessManager;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(o: EngineOptions) {
    this.completionDelayMs = o.completionDelayMs;
    this.now = o.now ?? Date.now;
    this.log = o.log;
    this.processes = new ProcessManager({
      host: o.host,
      now: this.now,
      log: o.log,
      reapIntervalMs: o.reapIntervalMs,
      sample: o.sample,
      onExit: (p) => this.onProcessExit(p),
    });
  }

  /** Handles and registrations share one counter, so a value of one kind is never valid as another. */
  newId(): number {
    return this.nextId++;
  }

  findSystem(id: string): SimSystem | undefined {
    return this.systems.get(key(id));
  }

  listSystems(): SimSystem[] {
    return [...this.systems.values()];
  }

  // ---- handles and registrations ----

  systemHandle(session: ClientSession, handle: number): SystemHandle {
    const h = session.systemHandles.get(handle);
    if (!h) throw fail(HR.INVALID_HANDLE, `${handle} is not an open compute system handle of this client.`);
    return h;
  }

  processHandle(session: ClientSession, handle: number): ProcessHandle {
    const h = session.processHandles.get(handle);
    if (!h) throw fail(HR.INVALID_HANDLE, `${handle} is not an open process handle of this client.`);
    return h;
  }

  private openHandle(session: ClientSession, system: SimSystem): SystemHandle {
    const h = new SystemHandle(this.newId(), session, system);
    session.systemHandles.set(h.id, h);
    system.handles.add(h);
    return h;
  }

  private openProcessHandle(session: ClientSession, p: SimProcess): ProcessHandle {
    const h = new ProcessHandle(this.newId(), session, p);
    session.processHandles.set(h.id, h);
    p.handles.add(h);
    return h;
  }

  private dropRegistrations(target: SystemHandle | ProcessHandle): void {
    for (const r of target.registrations) r.session.registrations.delete(r.id);
    target.registrations.clear();
  }

  closeSystemHandle(h: SystemHandle): void {
    if (h.closed) return;
    h.closed = true;
    this.dropRegistrations(h);
    h.held.length = 0;
    h.session.systemHandles.delete(h.id);
    const s = h.system;
    s.handles.delete(h);
    if (s.handles.size > 0 || s.ownerHeld || s.removed) return;
    if (s.state !== 'Stopped' && s.terminateOnLastHandleClosed) {
      this.log(`system ${s.id}: last handle closed, terminating (TerminateOnLastHandleClosed)`);
      this.stopSystem(s, 'ForcedExit', 0);
    } else if (s.state === 'Stopped') {
      this.removeSystem(s);
    }
  }

  closeProcessHandle(h: ProcessHandle): void {
    if (h.closed) return;
    h.closed = true;
    this.dropRegistrations(h);
    h.session.processHandles.delete(h.id);
    const p = h.process;
    p.handles.delete(h);
    if (p.exited && p.handles.size === 0) p.system.processes.delete(p.pid);
  }

  /**
   * Registers a callback on a handle. After the response: completions held for this handle go to it, and a
   * registration on a stopped system (or an exited process) receives the exit notification it would have missed.
   */
  register(
    session: ClientSession,
    target: SystemHandle | ProcessHandle,
  ): { registration: Registration; after: After } {
    const registration: Registration = { id: this.newId(), session, target };
    target.registrations.add(registration);
    session.registrations.set(registration.id, registration);
    const after = () => {
      if (!target.registrations.has(registration)) return;
      if (target instanceof SystemHandle) {
        for (const n of target.held.splice(0))
          session.outbox.notify(registration.id, n.type, n.status, n.data);
        if (target.system.state === 'Stopped') {
          const s = target.system;
          session.outbox.notify(registration.id, Notification.SystemExited, s.exitStatus, this.exitData(s));
        }
      } else if (target.process.exited) {
        const data = JSON.stringify(processStatus(target.process));
        session.outbox.notify(registration.id, Notification.ProcessExited, 0, data);
      }
    };
    return { registration, after };
  }

  unregister(session: ClientSession, id: number, kind: 'system' | 'process'): void {
    const r = session.registrations.get(id);
    if (!r || r.target.kind !== kind)
      throw fail(HR.INVALID_HANDLE, `${id} is not a ${kind} callback registration of this client.`);
    session.registrations.delete(id);
    r.target.registrations.delete(r);
  }

  /** Releases everything a client holds (it disconnected, or the service is being reset). */
  dropSession(session: ClientSession): void {
    for (const h of [...session.processHandles.values()]) this.closeProcessHandle(h);
    for (const h of [...session.systemHandles.values()]) this.closeSystemHandle(h);
    session.registrations.clear();
  }

  // ---- notifications ----

  private notifyHandle(h: SystemHandle, type: number, status: number, data: string | null): void {
    if (h.closed) return;
    if (h.registrations.size === 0) {
      h.held.push({ type, status, data });
      return;
    }
    for (const r of h.registrations) r.session.outbox.notify(r.id, type, status, data);
  }

  private exitData(s: SimSystem): string {
    return JSON.stringify({ Status: signedHr(s.exitStatus), ExitType: s.exitType ?? 'GracefulExit' });
  }

  private onProcessExit(p: SimProcess): void {
    const data = JSON.stringify(processStatus(p));
    for (const h of p.handles) {
      for (const r of h.registrations) r.session.outbox.notify(r.id, Notification.ProcessExited, 0, data);
    }
    if (p.handles.size === 0) p.system.processes.delete(p.pid);
  }

  // ---- systems ----

  private lookupHost = (id: string) => {
    const s = this.findSystem(id);
    return s && s.state !== 'Stopped' ? { runtimeOsType: s.runtimeOsType } : undefined;
  };

  createSystem(session: ClientSession, id: string | null, configuration: string | null): SystemHandle {
    if (id === null || id.trim() === '') throw fail(HR.E_INVALIDARG, 'A compute system id is required.');
    if (this.findSystem(id))
      throw fail(HR.SYSTEM_ALREADY_EXISTS, `A compute system with id '${id}' already exists.`);
    const check = checkCreateDocument(configuration, id, this.lookupHost);
    if (!check.ok) throw fail(check.hr, check.message);
    const system = new SimSystem({
      id,
      description: check.description,
      document: check.document,
      owner: check.description.owner ?? session.name,
      runtimeId: guidFromName(id),
      createdAt: this.now(),
      ownerHeld: false,
    });
    this.systems.set(key(id), system);
    const h = this.openHandle(session, system);
    this.schedule(system, 'Create', h, () => {
      this.notifyHandle(h, Notification.SystemCreateCompleted, 0, null);
    });
    return h;
  }

  openSystem(session: ClientSession, id: string | null): SystemHandle {
    const s = id === null ? undefined : this.findSystem(id);
    if (!s) throw fail(HR.SYSTEM_NOT_FOUND, `A compute system with id '${id ?? ''}' does not exist.`);
    return this.openHandle(session, s);
  }

  private schedule(s: SimSystem, op: LifecycleOp, handle: SystemHandle | null, complete: () => void): void {
    const timer = setTimeout(() => {
      if (s.pending?.timer !== timer) return;
      s.pending = null;
      complete();
    }, this.completionDelayMs);
    s.pending = { op, handle, timer, complete };
  }

  /** Cancels an operation in flight; its caller learns through the completion, with `status`. */
  private cancelPending(s: SimSystem, status: number): void {
    const p = s.pending;
    if (!p) return;
    clearTimeout(p.timer);
    s.pending = null;
    const type = COMPLETION[p.op];
    if (type !== undefined && p.handle) this.notifyHandle(p.handle, type, status, null);
  }

  /** Start, Shutdown, Terminate, Pause, Resume, Save: answer PENDING, then complete after the delay. */
  lifecycle(h: SystemHandle, op: Exclude<LifecycleOp, 'Create'>, options: string | null): void {
    const s = h.system;
    const save = op === 'Save' ? parseSaveOptions(options) : null;
    if (op !== 'Save') parseOptions(options, op.toLowerCase());
    const d = decide(s.state, s.pending?.op ?? null, op, save?.saveType ?? null);
    if (!d.ok)
      throw new HresultFailure(d.hr, [errorEvent(`Cannot ${op.toLowerCase()} '${s.id}': ${d.reason}.`)]);
    if (d.alreadyPending) return;
    if (s.pending) this.cancelPending(s, HR.TERMINATED);
    const next = d.next;
    switch (op) {
      case 'Shutdown':
      case 'Terminate':
        this.schedule(s, op, h, () => this.stopSystem(s, d.exitType ?? 'ForcedExit', 0));
        return;
      case 'Save':
        this.schedule(s, op, h, () => this.completeSave(h, s, save!));
        return;
      default:
        this.schedule(s, op, h, () => {
          s.setState(next, this.now());
          if (op === 'Pause') this.processes.signalAll(s, SIGNALS.SIGSTOP);
          if (op === 'Resume') this.processes.signalAll(s, SIGNALS.SIGCONT);
          this.notifyHandle(h, COMPLETION[op]!, 0, null);
        });
    }
  }

  private completeSave(h: SystemHandle, s: SimSystem, save: SaveRequest): void {
    const at = this.now();
    if (save.path !== null) {
      const state = {
        Id: s.id,
        RuntimeId: s.runtimeId,
        SavedAt: new Date(at).toISOString(),
        SaveType: save.saveType ?? 'ToFile',
        Document: s.document,
      };
      try {
        writeFileSync(save.path, `${JSON.stringify(state, null, 2)}\n`);
      } catch (e) {
        const errno = (e as NodeJS.ErrnoException).errno ?? -5;
        this.log(`system ${s.id}: writing the save state to ${save.path} failed: ${(e as Error).message}`);
        this.notifyHandle(h, Notification.SystemSaveCompleted, hresultFromErrno(errno), null);
        return;
      }
    }
    s.saved = { at, saveType: save.saveType, path: save.path };
    s.setState(save.saveType === 'AsTemplate' ? 'SavedAsTemplate' : s.state, at);
    this.notifyHandle(h, Notification.SystemSaveCompleted, 0, null);
  }

  /**
   * The system stops now: its processes are killed, every registration on every handle (all clients) gets
   * SystemExited, systems it hosts stop with it, and it is removed if nobody holds a handle.
   */
  stopSystem(s: SimSystem, exitType: ExitType, status: number): void {
    if (s.state === 'Stopped') return;
    this.cancelPending(s, status !== 0 ? status : HR.TERMINATED);
    s.setState('Stopped', this.now());
    s.exitType = exitType;
    s.exitStatus = status;
    this.processes.killAll(s);
    const data = this.exitData(s);
    for (const h of s.handles) {
      for (const r of h.registrations) r.session.outbox.notify(r.id, Notification.SystemExited, status, data);
    }
    for (const hosted of this.systems.values()) {
      if (hosted.hostingSystemId !== null && key(hosted.hostingSystemId) === key(s.id)) {
        this.stopSystem(hosted, exitType === 'GracefulExit' ? 'ForcedExit' : exitType, status);
      }
    }
    if (s.handles.size === 0 && !s.ownerHeld) this.removeSystem(s);
  }

  crash(s: SimSystem): void {
    if (s.state === 'Stopped') throw new Error(`system ${s.id} has already stopped`);
    this.log(`system ${s.id}: crashing (fault)`);
    this.stopSystem(s, 'UnexpectedExit', HR.UNEXPECTED_EXIT);
  }

  private removeSystem(s: SimSystem): void {
    if (this.systems.get(key(s.id)) === s) this.systems.delete(key(s.id));
    s.removed = true;
  }

  enumerate(query: string | null): string {
    const q = parseEnumerateQuery(query);
    if (!q.ok) throw fail(q.hr, q.message);
    const list = this.listSystems()
      .filter((s) => matchesFilter(s, q.filter))
      .map(basicProperties);
    return JSON.stringify(list);
  }

  properties(h: SystemHandle, query: string | null): string {
    const q = parsePropertyQuery(query);
    if (!q.ok) throw fail(q.hr, q.message);
    const s = h.system;
    return JSON.stringify(computeSystemProperties(s, q.query, this.now(), this.processes.samples(s)));
  }

  /** HcsModifyComputeSystem: v2 ModifySettingRequest or v1 ResourceModificationRequestResponse. */
  modify(h: SystemHandle, configuration: string | null): void {
    const s = h.system;
    if (!canModify(s.state)) throw fail(HR.INVALID_STATE, `Cannot modify '${s.id}' while it is ${s.state}.`);
    s.modifications.push({ at: this.now(), request: applyModification(s, configuration) });
  }

  // ---- processes ----

  createProcess(h: SystemHandle, parameters: string | null): StartedProcess & { handle: ProcessHandle } {
    const s = h.system;
    if (
      !canCreateProcess(s.state) ||
      (s.pending && (s.pending.op === 'Shutdown' || s.pending.op === 'Terminate'))
    ) {
      throw fail(
        HR.INVALID_STATE,
        `Cannot create a process in '${s.id}' while it is ${s.state}; it must be Running.`,
      );
    }
    const spec = parseProcessParameters(parameters);
    if (!spec.ok) throw fail(spec.hr, spec.message);
    const started = this.processes.start(s, spec.spec);
    return { ...started, handle: this.openProcessHandle(h.session, started.process) };
  }

  openProcess(h: SystemHandle, pid: number): ProcessHandle {
    const p = h.system.processes.get(pid);
    if (!p || p.exited) throw fail(HR.NOT_FOUND, `No running process ${pid} in '${h.system.id}'.`);
    return this.openProcessHandle(h.session, p);
  }

  terminateProcess(h: ProcessHandle): void {
    this.processes.signal(h.process, SIGNALS.SIGKILL);
  }

  signalProcess(h: ProcessHandle, options: string | null): void {
    const sig = parseSignalOptions(options);
    if (!sig.ok) throw fail(sig.hr, sig.message);
    this.processes.signal(h.process, sig.signal);
  }

  modifyProcess(h: ProcessHandle, settings: string | null): void {
    const m = parseProcessModify(settings);
    if (!m.ok) throw fail(m.hr, m.message);
    const p = h.process;
    if (m.request.operation === 'ConsoleSize') {
      this.processes.resize(p, m.request.rows, m.request.cols);
      return;
    }
    // CloseHandle: the client closes its own descriptor; the service holds no copy to close.
    if (p.exited) throw fail(HR.NOT_FOUND, `Process ${p.pid} has already exited.`);
  }

  processProperties(h: ProcessHandle): string {
    return JSON.stringify(processStatus(h.process));
  }

  // ---- fixtures, reset, shutdown ----

  seed(fixture: Fixture): void {
    for (const fs of fixture.systems) {
      if (this.findSystem(fs.id)) throw new Error(`a system with id '${fs.id}' already exists`);
    }
    // Hosts first, so that a hosted container's document finds its utility VM.
    for (const fs of fixture.systems) this.seedSystem(fs);
    if (fixture.completionDelayMs !== undefined) this.completionDelayMs = fixture.completionDelayMs;
  }

  private seedSystem(fs: FixtureSystem): void {
    const document = fs.document ?? synthesizeDocument(fs);
    const check = checkCreateDocument(JSON.stringify(document), fs.id, (id) => {
      const host = this.findSystem(id);
      return host ? { runtimeOsType: host.runtimeOsType } : undefined;
    });
    if (!check.ok) throw new Error(`fixture system '${fs.id}': ${check.message}`);
    const description: SystemDescription = {
      ...check.description,
      name: fs.name ?? check.description.name,
      systemType: fs.systemType,
      runtimeOsType: fs.runtimeOsType ?? check.description.runtimeOsType,
    };
    const now = this.now();
    const state = fs.state ?? 'Created';
    const upMs = state === 'Created' ? 0 : (fs.uptimeSeconds ?? 0) * 1000;
    const s = new SimSystem({
      id: fs.id,
      description,
      document: check.document,
      owner: fs.owner ?? check.description.owner ?? 'hcs-sim',
      runtimeId: fs.runtimeId ?? guidFromName(fs.id),
      createdAt: now - upMs,
      ownerHeld: true,
    });
    if (state !== 'Created') {
      s.setState('Running', now - upMs);
      if (state === 'Paused') s.setState('Paused', now);
      if (state === 'Stopped') {
        s.setState('Stopped', now);
        s.exitType = 'GracefulExit';
      }
    }
    this.systems.set(key(fs.id), s);
  }

  /** Clears every system (killing their processes) and every handle and registration of every client. */
  reset(sessions: Iterable<ClientSession>): void {
    for (const s of this.systems.values()) {
      if (s.pending) clearTimeout(s.pending.timer);
      s.pending = null;
      this.processes.killAll(s);
      s.removed = true;
    }
    for (const session of sessions) {
      for (const h of [...session.systemHandles.values(), ...session.processHandles.values()]) {
        h.closed = true;
        h.registrations.clear();
        if (h instanceof SystemHandle) h.system.handles.delete(h);
        else h.process.handles.delete(h);
      }
      session.systemHandles.clear();
      session.processHandles.clear();
      session.registrations.clear();
    }
    this.systems.clear();
  }

  /** Stops every timer and kills (and reaps) every process. */
  async shutdown(): Promise<void> {
    for (const s of this.systems.values()) if (s.pending) clearTimeout(s.pending.timer);
    await this.processes.killEverything();
    this.processes.dispose();
  }
}
