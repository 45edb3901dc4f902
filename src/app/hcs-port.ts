import type { HcsNotification } from '../hcs/index.ts';
import type { ErrorEvent } from '../contract/index.ts';
import type { HcsPortProcess, ExecProcessConfig } from './exec/hcs-port-process.ts';

/**
 * The port through which the app core reaches HCS: the few calls the core makes. `hcs-adapter.ts`
 * implements it over src/hcs (koffi → vmcompute.dll or the simulator); unit tests use
 * `testing/fake-hcs-port.ts`. (Not to be confused with a backend: which HCS the process talks to, vmcompute
 * or the simulator, which is `kind` here and `--backend` on the command line.)
 */
export interface HcsPort {
  /** Which HCS this is, as shown to the user. */
  readonly kind: 'vmcompute' | 'simulator';
  /** Which HCS API it speaks: v1 vmcompute.dll, v2 computecore.dll (chosen once per app instance). */
  readonly hcsApi: 'v1' | 'v2';
  /** Why that API, when the entry point said (shown in About this host). */
  readonly hcsApiReason?: string;
  /** HcsGetServiceProperties with `query` (e.g. `{"PropertyTypes":["Basic"]}`), parsed. */
  serviceProperties(query: object): Promise<unknown>;
  /** HcsEnumerateComputeSystems with an empty query. */
  enumerate(): Promise<SystemListing[]>;
  /** HcsOpenComputeSystem, registered for notifications. */
  open(id: string): Promise<HcsPortSystem>;
  /** HcsCreateComputeSystem with the user's JSON text as is; resolves once HCS reports it created. */
  create(id: string, document: string): Promise<HcsPortSystem>;
  /** What a failure of any of these calls means, in HCS's terms. Never throws. */
  describeError(error: unknown): HcsFailure;
}

/** One open handle to a compute system (src/hcs `System`). */
export interface HcsPortSystem {
  readonly id: string;
  start(): Promise<void>;
  shutdown(): Promise<void>;
  terminate(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** The options as JSON text, passed to HCS unchanged. */
  save(options: string): Promise<void>;
  /** The request as JSON text, passed to HCS unchanged. */
  modify(request: string): Promise<void>;
  /** HcsCrashComputeSystem (V2); on V1 it fails with the reason (it needs the V2 API). */
  crash(): Promise<void>;
  /** schema1 properties; with no types, the system's ContainerProperties (state, name, owner…). */
  properties(types: readonly string[]): Promise<SystemListing>;
  /** schema2 properties of the given types. */
  propertiesV2(types: readonly string[]): Promise<unknown>;
  /** HcsCreateProcess with this ProcessConfig; stdio as streams per its Create*Pipe flags (exec sessions). */
  createProcess(config: ExecProcessConfig): Promise<HcsPortProcess>;
  /** HcsOpenProcess: the process without stdio (status, exit code, kill). */
  openProcess(pid: number): Promise<HcsPortProcess>;
  /** Resolves when the system exits; rejects when the handle is closed or the service goes away. */
  wait(): Promise<void>;
  /** Every notification HCS delivers for this handle; returns the unsubscribe function. */
  onNotification(listener: (notification: HcsNotification) => void): () => void;
  /** Idempotent. */
  close(): Promise<void>;
}

/**
 * schema1 ContainerProperties: what enumeration and a property query without types return. Only the fields
 * the app shows are named; HCS sends more.
 */
export interface SystemListing {
  Id: string;
  Name?: string;
  SystemType?: string;
  Owner?: string;
  RuntimeOsType?: string;
  State?: string;
  RuntimeId?: string;
  Stopped?: boolean;
  ExitType?: string;
  /** A hosted container's utility VM (docs/hcs/schema.md#properties). */
  HostingSystemId?: string;
  [key: string]: unknown;
}

/** A failed HCS call, reduced to what the app reports and reacts to. */
export interface HcsFailure {
  /** HCS's message, without the event details (those are in `events`). */
  message: string;
  /** hcsshim-style operation name, e.g. "hcs::System::Start". */
  op?: string;
  /** The raw HRESULT, unsigned. */
  hresult?: number;
  events: ErrorEvent[];
  /** The service went away (RPC unavailable, service disconnect): reconnect and re-open everything. */
  serviceGone: boolean;
}
