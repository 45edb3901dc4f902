// Per-client handles and callback registrations (sim/PROTOCOL.md "Decisions"): opening and closing system and
// process handles, registering and unregistering callbacks, and releasing everything a client held. Handles and
// registrations share one service-wide counter, so a value of one kind is never valid as another, and a handle of
// one client is unknown to every other.
import { fail, HR } from '../hresult.ts';
import {
  ProcessHandle,
  SystemHandle,
  type ClientSession,
  type Registration,
  type SimProcess,
  type SimSystem,
} from '../model.ts';
import { Notification } from '../ops.ts';
import { exitData, processExitData, type Notifier } from './notifier.ts';
import type { SystemTable } from './system-table.ts';

/** Work that must wait until the caller's response has gone out (the dispatcher runs it then). */
export type After = () => void;

export interface HandleTableOptions {
  systems: SystemTable;
  notifier: Notifier;
  /** The last client handle of a system that its owner does not hold was closed. */
  lastHandleClosed: (s: SimSystem) => void;
}

export class HandleTable {
  private nextId = 0x1000;

  constructor(private readonly o: HandleTableOptions) {}

  /** The next handle or registration value. */
  newId(): number {
    return this.nextId++;
  }

  system(session: ClientSession, handle: number): SystemHandle {
    const h = session.systemHandles.get(handle);
    if (!h) throw fail(HR.INVALID_HANDLE, `${handle} is not an open compute system handle of this client.`);
    return h;
  }

  /**
   * A system handle for an operation that needs the system itself: once HCS has cleaned the system up (a hosted
   * system goes with its host), a handle that is still open can only be queried and closed, and everything else
   * is answered 0xC037010E, the "does not exist" that hcsshim's Shutdown and Terminate treat as done.
   */
  present(session: ClientSession, handle: number): SystemHandle {
    const h = this.system(session, handle);
    if (h.system.removed)
      throw fail(
        HR.SYSTEM_NOT_FOUND,
        `The compute system '${h.system.id}' no longer exists; it was cleaned up.`,
      );
    return h;
  }

  process(session: ClientSession, handle: number): ProcessHandle {
    const h = session.processHandles.get(handle);
    if (!h) throw fail(HR.INVALID_HANDLE, `${handle} is not an open process handle of this client.`);
    return h;
  }

  /** HcsOpenComputeSystem: a new handle on a system the service knows. */
  openSystem(session: ClientSession, id: string | null): SystemHandle {
    const s = id === null ? undefined : this.o.systems.find(id);
    if (!s) throw fail(HR.SYSTEM_NOT_FOUND, `A compute system with id '${id ?? ''}' does not exist.`);
    return this.openSystemHandle(session, s);
  }

  openSystemHandle(session: ClientSession, system: SimSystem): SystemHandle {
    const h = new SystemHandle(this.newId(), session, system);
    session.systemHandles.set(h.id, h);
    system.handles.add(h);
    return h;
  }

  openProcessHandle(session: ClientSession, p: SimProcess): ProcessHandle {
    const h = new ProcessHandle(this.newId(), session, p);
    session.processHandles.set(h.id, h);
    p.handles.add(h);
    return h;
  }

  private dropRegistrations(target: SystemHandle | ProcessHandle): void {
    for (const r of target.registrations) r.session.registrations.delete(r.id);
    target.registrations.clear();
  }

  closeSystem(h: SystemHandle): void {
    if (h.closed) return;
    h.closed = true;
    this.dropRegistrations(h);
    h.held.length = 0;
    h.session.systemHandles.delete(h.id);
    const s = h.system;
    s.handles.delete(h);
    if (s.handles.size > 0 || s.ownerHeld || s.removed) return;
    this.o.lastHandleClosed(s);
  }

  closeProcess(h: ProcessHandle): void {
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
    const n = this.o.notifier;
    const after = () => {
      if (!target.registrations.has(registration)) return;
      if (target instanceof SystemHandle) {
        for (const held of target.held.splice(0)) n.send(registration, held.type, held.status, held.data);
        const s = target.system;
        if (s.state === 'Stopped') n.send(registration, Notification.SystemExited, s.exitStatus, exitData(s));
      } else if (target.process.exited) {
        n.send(registration, Notification.ProcessExited, 0, processExitData(target.process));
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

  /** Releases everything a client holds: it disconnected. */
  dropSession(session: ClientSession): void {
    for (const h of [...session.processHandles.values()]) this.closeProcess(h);
    for (const h of [...session.systemHandles.values()]) this.closeSystem(h);
    session.registrations.clear();
  }

  /** Invalidates every handle and registration of every client without any consequence (service reset). */
  forgetAll(sessions: Iterable<ClientSession>): void {
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
  }
}
