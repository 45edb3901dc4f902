// The shapes of the simulator's control API (sim/PROTOCOL.md "Control API"), shared by the service and its
// clients (tests, hcsctl, the app in simulator mode, e2e). Plain types, no runtime dependencies.

export type SystemState = 'Created' | 'Running' | 'Paused' | 'Stopped' | 'SavedAsTemplate';

/** Op names are the export names without "Hcs". */
export type OpName =
  | 'EnumerateComputeSystems'
  | 'CreateComputeSystem'
  | 'OpenComputeSystem'
  | 'CloseComputeSystem'
  | 'StartComputeSystem'
  | 'ShutdownComputeSystem'
  | 'TerminateComputeSystem'
  | 'PauseComputeSystem'
  | 'ResumeComputeSystem'
  | 'GetComputeSystemProperties'
  | 'ModifyComputeSystem'
  | 'ModifyServiceSettings'
  | 'RegisterComputeSystemCallback'
  | 'UnregisterComputeSystemCallback'
  | 'SaveComputeSystem'
  | 'CreateProcess'
  | 'OpenProcess'
  | 'CloseProcess'
  | 'TerminateProcess'
  | 'SignalProcess'
  | 'GetProcessInfo'
  | 'GetProcessProperties'
  | 'ModifyProcess'
  | 'GetServiceProperties'
  | 'RegisterProcessCallback'
  | 'UnregisterProcessCallback'
  | 'CrashComputeSystem';

export interface FixtureSystem {
  id: string;
  name?: string;
  owner?: string;
  systemType: 'Container' | 'VirtualMachine';
  runtimeOsType?: 'windows' | 'linux';
  /** Default Created. */
  state?: 'Created' | 'Running' | 'Paused' | 'Stopped';
  /** Default: a GUID derived from the id. */
  runtimeId?: string;
  /** The create document; default: a plausible one for the type and OS. */
  document?: Record<string, unknown>;
  /** How long a Running/Paused/Stopped system has been up when seeded (default 0). */
  uptimeSeconds?: number;
}

export interface Fixture {
  systems: FixtureSystem[];
  completionDelayMs?: number;
}

export interface FaultSpec {
  /** No system: the faults apply to the whole service. */
  system?: string;
  latencyMs?: number;
  /** Notifications to the system's registrations (all systems' without `system`) wait until this is lifted. */
  holdNotifications?: boolean;
  hang?: OpName[];
  accessDenied?: OpName[];
  malformedJson?: OpName[];
}

export interface FaultSet {
  latencyMs: number;
  /** Present (true) while notifications are held back. */
  holdNotifications?: true;
  hang: OpName[];
  accessDenied: OpName[];
  malformedJson: OpName[];
}

export interface FaultsSnapshot {
  service: FaultSet;
  systems: Record<string, FaultSet>;
  /** Calls held by a hang fault right now. */
  hungCalls: number;
}

export interface Health {
  ok: true;
  pid: number;
  socketPath: string;
  uptimeMs: number;
  completionDelayMs: number;
}

export interface HandleRef {
  client: number;
  handle: number;
}

export interface ProcessSummary {
  pid: number;
  commandLine: string;
  /** ProcessParameters.User as the client asked (null: the system's default user). */
  user: string | null;
  createdAt: string;
  console: boolean;
  exited: boolean;
  exitCode: number | null;
  handles: HandleRef[];
}

export interface SystemSummary {
  id: string;
  name: string;
  owner: string;
  systemType: 'Container' | 'VirtualMachine';
  runtimeOsType: 'windows' | 'linux';
  state: SystemState;
  runtimeId: string;
  exitType: string | null;
  /** The asynchronous operation in flight (Create, Start, …), if any. */
  pendingOperation: string | null;
  createdAt: string;
  startedAt: string | null;
  stoppedAt: string | null;
  /** Seeded systems are held by their simulated owner and are never removed by clients closing handles. */
  ownerHeld: boolean;
  hostingSystemId: string | null;
  memorySizeInMB: number | null;
  processorCount: number | null;
  handles: HandleRef[];
  processes: ProcessSummary[];
  modifications: Array<{ at: string; request: unknown }>;
  saved: { at: string; saveType: string | null; path: string | null } | null;
  document: Record<string, unknown>;
  /** A Windows system's root directory on the simulator's host, where its drive paths live; null for Linux. */
  root: string | null;
}

export interface ClientSummary {
  id: number;
  name: string;
  pid: number;
  connectedAt: string;
  systemHandles: Array<{ handle: number; systemId: string }>;
  processHandles: Array<{ handle: number; systemId: string; pid: number }>;
  registrations: Array<{ registration: number; handle: number; kind: 'system' | 'process' }>;
}

export interface CallLogEntry {
  client: number;
  op: string;
  /** A summary of the request: ids, handles, and documents cut to a readable length. */
  args: Record<string, unknown>;
  /** Unsigned, e.g. 3224830211 (0xC0370103); see hresultHex. */
  hresult: number;
  hresultHex: string;
  /** Epoch milliseconds when the answer went out. */
  t: number;
  durationMs: number;
}
