// The simulated HCS itself, free of sockets, put together from one part per concept: the system table, handles and
// registrations, notifications, the lifecycle, the document ops, the process ops, the
// service-wide ops, and seeding/reset. Op handlers
// (../ops/) call the parts; every answer that is an error is an HresultFailure they throw. Methods that must notify
// after the caller's response has gone out return an `after` function for the dispatcher to run then.
import { availableParallelism } from 'node:os';
import type { ProcessHost } from '../process-host.ts';
import { ProcessManager } from '../processes.ts';
import type { ProcSample } from '../procfs.ts';
import { HandleTable } from './handles.ts';
import { HostService } from './host-service.ts';
import { Lifecycle } from './lifecycle.ts';
import { Notifier } from './notifier.ts';
import { ProcessOps } from './process-ops.ts';
import { Seeding } from './seeding.ts';
import { SystemDocuments } from './system-documents.ts';
import { SystemTable } from './system-table.ts';
import { WindowsRoots } from './windows-roots.ts';

export interface EngineOptions {
  host: ProcessHost;
  completionDelayMs: number;
  log: (message: string) => void;
  now?: () => number;
  reapIntervalMs?: number;
  sample?: (pid: number) => ProcSample | null;
  /** Where Windows systems' root directories go (default: a new temporary directory). */
  rootsDir?: string;
  /** Whether a system's notifications are held back now (the holdNotifications fault); default never. */
  holdNotifications?: (systemId: string) => boolean;
  /** The host's logical processor count (default: this machine's). */
  processors?: () => number;
}

export class Engine {
  readonly systems: SystemTable;
  readonly roots: WindowsRoots;
  readonly notifier: Notifier;
  readonly handles: HandleTable;
  readonly hostProcesses: ProcessManager;
  readonly lifecycle: Lifecycle;
  readonly documents: SystemDocuments;
  readonly processes: ProcessOps;
  readonly hostService: HostService;
  readonly seeding: Seeding;

  constructor(o: EngineOptions) {
    const now = o.now ?? Date.now;
    const roots = new WindowsRoots({ baseDir: o.rootsDir, log: o.log });
    this.roots = roots;
    this.notifier = new Notifier(o.holdNotifications);
    this.systems = new SystemTable((s) => roots.release(s));
    const { systems, notifier } = this;
    this.hostProcesses = new ProcessManager({
      host: o.host,
      now,
      log: o.log,
      reapIntervalMs: o.reapIntervalMs,
      sample: o.sample,
      onExit: (p) => this.processes.exited(p),
    });
    const hostProcesses = this.hostProcesses;
    this.handles = new HandleTable({
      systems,
      notifier,
      lastHandleClosed: (s) => this.lifecycle.lastHandleClosed(s),
    });
    const handles = this.handles;
    this.lifecycle = new Lifecycle({
      systems,
      handles,
      notifier,
      hostProcesses,
      roots,
      completionDelayMs: o.completionDelayMs,
      now,
      log: o.log,
    });
    this.documents = new SystemDocuments({ systems, hostProcesses, now });
    this.processes = new ProcessOps({ handles, notifier, hostProcesses, roots });
    this.hostService = new HostService({ processors: o.processors ?? availableParallelism });
    this.seeding = new Seeding({
      systems,
      handles,
      lifecycle: this.lifecycle,
      hostService: this.hostService,
      hostProcesses,
      roots,
      now,
    });
  }

  /** Stops every timer and kills (and reaps) every process. */
  async shutdown(): Promise<void> {
    this.lifecycle.cancelAll();
    await this.hostProcesses.killEverything();
    this.hostProcesses.dispose();
    this.roots.dispose();
  }
}
