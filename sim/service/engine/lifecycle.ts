// The life of a compute system: create, the asynchronous operations (Start, Shutdown, Terminate, Pause, Resume,
// Save) that answer PENDING and complete after the completion delay, stopping (its processes die, every handle
// hears SystemExited, hosted systems stop with it) and crashing. Which operation is allowed when is the state
// machine's call (state-machine.ts); this file carries the decisions out.
import { writeFileSync } from 'node:fs';
import { checkCreateDocument } from '../document.ts';
import { guidFromName } from '../guid.ts';
import { errorEvent, fail, HresultFailure, HR, hresultFromErrno } from '../hresult.ts';
import { SimSystem, type ClientSession, type SystemHandle } from '../model.ts';
import { Notification } from '../ops.ts';
import { SIGNALS } from '../process-spec.ts';
import type { ProcessManager } from '../processes.ts';
import { decide, type ExitType, type LifecycleOp } from '../state-machine.ts';
import { parseOptions, parseSaveOptions, type SaveRequest } from '../system-requests.ts';
import type { HandleTable } from './handles.ts';
import type { Notifier } from './notifier.ts';
import type { SystemTable } from './system-table.ts';
import type { WindowsRoots } from './windows-roots.ts';

/** The operations a client starts on a system handle, each answered PENDING. */
export type AsyncOp = Exclude<LifecycleOp, 'Create'>;

const COMPLETION: Partial<Record<LifecycleOp, number>> = {
  Create: Notification.SystemCreateCompleted,
  Start: Notification.SystemStartCompleted,
  Pause: Notification.SystemPauseCompleted,
  Resume: Notification.SystemResumeCompleted,
  Save: Notification.SystemSaveCompleted,
};

export interface LifecycleOptions {
  systems: SystemTable;
  handles: HandleTable;
  notifier: Notifier;
  hostProcesses: ProcessManager;
  roots: WindowsRoots;
  completionDelayMs: number;
  now: () => number;
  log: (message: string) => void;
}

export class Lifecycle {
  /** How long an asynchronous operation stays pending. */
  completionDelayMs: number;

  constructor(private readonly o: LifecycleOptions) {
    this.completionDelayMs = o.completionDelayMs;
  }

  /** HcsCreateComputeSystem: the system exists at once (Created); CreateCompleted follows after the delay. */
  create(session: ClientSession, id: string | null, configuration: string | null): SystemHandle {
    if (id === null || id.trim() === '') throw fail(HR.E_INVALIDARG, 'A compute system id is required.');
    if (this.o.systems.find(id))
      throw fail(HR.SYSTEM_ALREADY_EXISTS, `A compute system with id '${id}' already exists.`);
    const check = checkCreateDocument(configuration, id, this.o.systems.liveHost);
    if (!check.ok) throw fail(check.hr, check.message);
    const system = new SimSystem({
      id,
      description: check.description,
      document: check.document,
      owner: check.description.owner ?? session.name,
      runtimeId: guidFromName(id),
      createdAt: this.o.now(),
      ownerHeld: false,
    });
    try {
      this.o.roots.prepare(system);
    } catch (e) {
      this.o.roots.release(system);
      const errno = (e as NodeJS.ErrnoException).errno ?? -5;
      throw fail(hresultFromErrno(errno), `Could not prepare the files of '${id}': ${(e as Error).message}.`);
    }
    this.o.systems.add(system);
    const h = this.o.handles.openSystemHandle(session, system);
    this.schedule(system, 'Create', h, () => {
      this.o.notifier.toHandle(h, Notification.SystemCreateCompleted, 0, null);
    });
    return h;
  }

  /** Start, Shutdown, Terminate, Pause, Resume, Save: answer PENDING, then complete after the delay. */
  run(h: SystemHandle, op: AsyncOp, options: string | null): void {
    const s = h.system;
    const save = op === 'Save' ? parseSaveOptions(options, (p) => this.o.roots.resolve(s, p)) : null;
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
        this.schedule(s, op, h, () => this.stop(s, d.exitType ?? 'ForcedExit', 0));
        return;
      case 'Save':
        this.schedule(s, op, h, () => this.completeSave(h, s, save!));
        return;
      default:
        this.schedule(s, op, h, () => {
          s.setState(next, this.o.now());
          if (op === 'Pause') this.o.hostProcesses.signalAll(s, SIGNALS.SIGSTOP);
          if (op === 'Resume') this.o.hostProcesses.signalAll(s, SIGNALS.SIGCONT);
          this.o.notifier.toHandle(h, COMPLETION[op]!, 0, null);
        });
    }
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
    if (type !== undefined && p.handle) this.o.notifier.toHandle(p.handle, type, status, null);
  }

  /** Forgets every operation in flight without completing it (reset, service stop). */
  cancelAll(): void {
    for (const s of this.o.systems.list()) {
      if (s.pending) clearTimeout(s.pending.timer);
      s.pending = null;
    }
  }

  private completeSave(h: SystemHandle, s: SimSystem, save: SaveRequest): void {
    const at = this.o.now();
    if (save.hostPath !== null) {
      const state = {
        Id: s.id,
        RuntimeId: s.runtimeId,
        SavedAt: new Date(at).toISOString(),
        SaveType: save.saveType ?? 'ToFile',
        Document: s.document,
      };
      try {
        writeFileSync(save.hostPath, `${JSON.stringify(state, null, 2)}\n`);
      } catch (e) {
        const errno = (e as NodeJS.ErrnoException).errno ?? -5;
        this.o.log(`system ${s.id}: writing the save state to ${save.path} failed: ${(e as Error).message}`);
        this.o.notifier.toHandle(h, Notification.SystemSaveCompleted, hresultFromErrno(errno), null);
        return;
      }
    }
    s.saved = { at, saveType: save.saveType, path: save.path };
    s.setState(save.saveType === 'AsTemplate' ? 'SavedAsTemplate' : s.state, at);
    this.o.notifier.toHandle(h, Notification.SystemSaveCompleted, 0, null);
  }

  /**
   * The system stops now: its processes are killed, every registration on every handle (all clients) gets
   * SystemExited, and it is removed if nobody holds a handle. Systems it hosts stop with it and are cleaned up at
   * once, held or not: the guest that ran them is gone, so their handles answer "does not exist" from now on.
   */
  stop(s: SimSystem, exitType: ExitType, status: number): void {
    if (s.state === 'Stopped') return;
    this.cancelPending(s, status !== 0 ? status : HR.TERMINATED);
    s.setState('Stopped', this.o.now());
    s.exitType = exitType;
    s.exitStatus = status;
    this.o.hostProcesses.killAll(s);
    this.o.notifier.systemExited(s);
    for (const hosted of this.o.systems.hostedBy(s)) {
      this.stop(hosted, exitType === 'GracefulExit' ? 'ForcedExit' : exitType, status);
      this.o.systems.remove(hosted);
    }
    if (s.handles.size === 0 && !s.ownerHeld) this.o.systems.remove(s);
  }

  /** The system exits unexpectedly (control API fault). */
  crash(s: SimSystem): void {
    if (s.state === 'Stopped') throw new Error(`system ${s.id} has already stopped`);
    this.o.log(`system ${s.id}: crashing (fault)`);
    this.stop(s, 'UnexpectedExit', HR.UNEXPECTED_EXIT);
  }

  /**
   * Nobody holds the system any more: one created with (Should)TerminateOnLastHandleClosed is terminated, a stopped
   * one is cleaned up, a running one lives on (HCS systems outlive their creator).
   */
  lastHandleClosed(s: SimSystem): void {
    if (s.state !== 'Stopped' && s.terminateOnLastHandleClosed) {
      this.o.log(`system ${s.id}: last handle closed, terminating (TerminateOnLastHandleClosed)`);
      this.stop(s, 'ForcedExit', 0);
    } else if (s.state === 'Stopped') {
      this.o.systems.remove(s);
    }
  }
}
