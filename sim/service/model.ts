// The service's data: compute systems, the processes running in them, and the per-client handles and callback
// registrations that refer to both. Behaviour lives in engine/; these classes only keep state consistent.
import type { SystemDescription } from './document.ts';
import type { OsType, SystemType } from './document.ts';
import type { ProcSample } from './procfs.ts';
import type { ExitType, LifecycleOp, SystemState } from './state-machine.ts';
import { SystemMetrics, type MetricsInput } from './statistics.ts';

/** Where a client's frames go. The session does not know about sockets. */
export interface Outbox {
  notify(registration: number, type: number, status: number, data: string | null): void;
}

/** The C API a client speaks: 1 vmcompute.dll, 2 computecore.dll (client-api.ts). */
export type ClientApi = 1 | 2;

export interface ClientSession {
  readonly id: number;
  name: string;
  pid: number;
  /** The C API the client speaks (client-api.ts): 1 vmcompute, 2 computecore. Set by its hello. */
  api: ClientApi;
  readonly connectedAt: number;
  readonly outbox: Outbox;
  readonly systemHandles: Map<number, SystemHandle>;
  readonly processHandles: Map<number, ProcessHandle>;
  readonly registrations: Map<number, Registration>;
}

export interface Registration {
  readonly id: number;
  readonly session: ClientSession;
  readonly target: SystemHandle | ProcessHandle;
}

export interface HeldNotification {
  type: number;
  status: number;
  data: string | null;
}

export class SystemHandle {
  readonly kind = 'system';
  readonly registrations = new Set<Registration>();
  /** Completions that arrived before the handle had a registration (sim/PROTOCOL.md "Notifications"). */
  readonly held: HeldNotification[] = [];
  closed = false;
  constructor(
    readonly id: number,
    readonly session: ClientSession,
    readonly system: SimSystem,
  ) {}
}

export class ProcessHandle {
  readonly kind = 'process';
  readonly registrations = new Set<Registration>();
  closed = false;
  constructor(
    readonly id: number,
    readonly session: ClientSession,
    readonly process: SimProcess,
  ) {}
}

/** An asynchronous operation between its PENDING answer and its completion. */
export interface PendingOperation {
  op: LifecycleOp;
  /** The handle whose registrations get the completion; null for operations started by the service itself. */
  handle: SystemHandle | null;
  timer: NodeJS.Timeout;
  /** Runs when the delay elapses. */
  complete: () => void;
}

export interface ModificationRecord {
  at: number;
  request: unknown;
}

export interface SaveRecord {
  at: number;
  saveType: string | null;
  path: string | null;
}

export class SimProcess {
  readonly handles = new Set<ProcessHandle>();
  exited = false;
  /** The service killed it (HcsTerminateProcess, or its system stopped): its exit code is the system kind's. */
  killed = false;
  exitCode: number | null = null;
  exitedAt: number | null = null;
  lastSample: ProcSample | null = null;
  /** The streams CreateProcess handed out (stdin, stdout, stderr): the ones GetProcessInfo hands out again. */
  streams: [boolean, boolean, boolean] = [false, false, false];
  /** Streams the client closed with HcsModifyProcess CloseHandle: never handed out again. */
  readonly closedStreams = new Set<0 | 1 | 2>();
  /** The terminal side of its console, held until the client has read the last output (processes.ts). */
  slaveFd: number | null = null;
  /** ProcessParameters.User as the client asked (null: the system's default user). */
  user: string | null = null;

  constructor(
    readonly pid: number,
    readonly system: SimSystem,
    readonly commandLine: string,
    readonly createdAt: number,
    /** The pty master the service keeps for resizing; null without a console. */
    public masterFd: number | null,
  ) {}

  /** The first word of the command line, for when /proc cannot tell. */
  get imageHint(): string {
    const first = this.commandLine.trim().split(/\s+/)[0] ?? '';
    return (
      first
        .replace(/^['"]|['"]$/g, '')
        .split('/')
        .pop() || 'sh'
    );
  }
}

export interface SystemInit {
  id: string;
  description: SystemDescription;
  document: Record<string, unknown>;
  owner: string;
  runtimeId: string;
  createdAt: number;
  /** Fixture systems are held by their (simulated) owner, as Docker or WSL hold theirs. */
  ownerHeld: boolean;
}

export class SimSystem {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly systemType: SystemType;
  readonly runtimeOsType: OsType;
  readonly runtimeId: string;
  readonly document: Record<string, unknown>;
  readonly schema: 1 | 2;
  readonly hostingSystemId: string | null;
  readonly terminateOnLastHandleClosed: boolean;
  readonly memoryOvercommit: boolean;
  readonly hostProcess: boolean;
  readonly createdAt: number;
  readonly ownerHeld: boolean;
  memorySizeInMB: number | null;
  processorCount: number | null;
  mappedVirtualDisks: Record<string, unknown>[];
  networkEndpoints: string[];

  state: SystemState = 'Created';
  exitType: ExitType | null = null;
  exitStatus = 0;
  startedAt: number | null = null;
  stoppedAt: number | null = null;
  pending: PendingOperation | null = null;
  saved: SaveRecord | null = null;
  /** Set once removed from the registry; a handle may still point here. */
  removed = false;
  /** A Windows system's root directory, where its drive paths live (engine/windows-roots.ts); null for Linux. */
  root: string | null = null;
  readonly modifications: ModificationRecord[] = [];
  readonly processes = new Map<number, SimProcess>();
  readonly handles = new Set<SystemHandle>();
  exitedProcessCpu100ns = 0;
  readonly metrics: SystemMetrics;

  private runningSince: number | null = null;
  private runningAccumMs = 0;

  constructor(init: SystemInit) {
    const d = init.description;
    this.id = init.id;
    this.name = d.name;
    this.owner = init.owner;
    this.systemType = d.systemType;
    this.runtimeOsType = d.runtimeOsType;
    this.runtimeId = init.runtimeId;
    this.document = init.document;
    this.schema = d.schema;
    this.hostingSystemId = d.hostingSystemId;
    this.terminateOnLastHandleClosed = d.terminateOnLastHandleClosed;
    this.memoryOvercommit = d.memoryOvercommit;
    this.hostProcess = d.hostProcess;
    this.memorySizeInMB = d.memorySizeInMB;
    this.processorCount = d.processorCount;
    this.mappedVirtualDisks = d.mappedVirtualDisks;
    this.networkEndpoints = d.networkEndpoints;
    this.createdAt = init.createdAt;
    this.ownerHeld = init.ownerHeld;
    this.metrics = new SystemMetrics(init.id, d.systemType === 'VirtualMachine');
  }

  /** Moves to `next`, keeping the time accounting (start, stop, time spent running) right. */
  setState(next: SystemState, now: number): void {
    if (this.state === 'Running' && next !== 'Running' && this.runningSince !== null) {
      this.runningAccumMs += now - this.runningSince;
      this.runningSince = null;
    }
    if (next === 'Running' && this.state !== 'Running') {
      this.runningSince = now;
      if (this.startedAt === null) this.startedAt = now;
    }
    if (next === 'Stopped' && this.stoppedAt === null) this.stoppedAt = now;
    this.state = next;
  }

  runningMs(now: number): number {
    return this.runningAccumMs + (this.runningSince === null ? 0 : now - this.runningSince);
  }

  liveProcesses(): SimProcess[] {
    return [...this.processes.values()].filter((p) => !p.exited);
  }

  metricsInput(now: number, samples: ProcSample[]): MetricsInput {
    return {
      state: this.state,
      createdAt: this.createdAt,
      startedAt: this.startedAt,
      stoppedAt: this.stoppedAt,
      runningMs: this.runningMs(now),
      now,
      memorySizeInMB: this.memorySizeInMB,
      processorCount: this.processorCount,
      processes: samples,
      exitedProcessCpu100ns: this.exitedProcessCpu100ns,
      networkEndpoints: this.networkEndpoints,
    };
  }
}
