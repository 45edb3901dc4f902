import type { ErrorEvent } from '../../contract/index.ts';
import type { HcsPort, HcsPortSystem, HcsFailure, SystemListing } from '../hcs-port.ts';
import type { HcsPortProcess, ExecProcessConfig } from '../exec/hcs-port-process.ts';
import { FakeProcesses } from '../exec/testing/fake-process.ts';
import { FakeHcsError, HR } from './fake-hcs-error.ts';
import { NotificationType, isServiceGoneHresult, type HcsNotification } from '../../hcs/index.ts';

/**
 * An in-memory HCS for unit tests of the core: systems with the simulator's state machine, handles with
 * notifications and wait(), and the faults the core must survive (a failing call, a held call, a service
 * that goes away and comes back). No native code.
 */

export type FakeOp =
  | 'enumerate'
  | 'open'
  | 'create'
  | 'start'
  | 'shutdown'
  | 'terminate'
  | 'pause'
  | 'resume'
  | 'save'
  | 'modify'
  | 'crash'
  | 'serviceProperties'
  | 'properties'
  | 'propertiesV2'
  | 'createProcess'
  | 'openProcess'
  | 'close';

interface FakeSystemState {
  listing: SystemListing;
  handles: Set<FakeHandle>;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

class FakeHandle implements HcsPortSystem {
  readonly listeners = new Set<(n: HcsNotification) => void>();
  private readonly exit = deferred();
  private waitError: Error | null = null;
  closed = false;
  dead = false;

  constructor(
    private readonly hcs: FakeHcsPort,
    readonly id: string,
  ) {}

  start(): Promise<void> {
    return this.op('start', () =>
      this.hcs.transition(this.id, ['Created'], 'Running', NotificationType.SystemStartCompleted),
    );
  }
  shutdown(): Promise<void> {
    return this.op('shutdown', () => this.hcs.stopSystem(this.id, 'GracefulExit', ['Running']));
  }
  terminate(): Promise<void> {
    return this.op('terminate', () =>
      this.hcs.stopSystem(this.id, 'ForcedExit', ['Created', 'Running', 'Paused']),
    );
  }
  pause(): Promise<void> {
    return this.op('pause', () =>
      this.hcs.transition(this.id, ['Running'], 'Paused', NotificationType.SystemPauseCompleted),
    );
  }
  resume(): Promise<void> {
    return this.op('resume', () =>
      this.hcs.transition(this.id, ['Paused'], 'Running', NotificationType.SystemResumeCompleted),
    );
  }
  save(options: string): Promise<void> {
    return this.op('save', () => {
      this.hcs.saved.push({ id: this.id, options });
      this.hcs.transition(this.id, ['Paused'], 'Paused', NotificationType.SystemSaveCompleted);
    });
  }
  crash(): Promise<void> {
    return this.op('crash', () => {
      if (this.hcs.hcsApi === 'v1') {
        throw new FakeHcsError(
          'hcs::System::Crash',
          HR.notSupported,
          [],
          'Crashing a compute system needs the HCS V2 API (computecore.dll)',
        );
      }
      this.hcs.stopSystem(this.id, 'UnexpectedExit', ['Running', 'Paused']);
    });
  }
  modify(request: string): Promise<void> {
    return this.op('modify', () => {
      JSON.parse(request);
      this.hcs.modified.push({ id: this.id, request });
    });
  }
  properties(types: readonly string[]): Promise<SystemListing> {
    return this.op('properties', () => {
      const listing = { ...this.hcs.system(this.id).listing };
      for (const t of types) listing[t] = { fake: t };
      return listing;
    });
  }
  propertiesV2(types: readonly string[]): Promise<unknown> {
    return this.op('propertiesV2', () => Object.fromEntries(types.map((t) => [t, { fake: t }])));
  }
  createProcess(config: ExecProcessConfig): Promise<HcsPortProcess> {
    return this.op('createProcess', () => this.hcs.processes.create(this.id, config));
  }
  openProcess(pid: number): Promise<HcsPortProcess> {
    return this.op('openProcess', () => this.hcs.processes.open(this.id, pid));
  }
  wait(): Promise<void> {
    return this.exit.promise.then(() => {
      if (this.waitError) throw this.waitError;
    });
  }
  onNotification(listener: (n: HcsNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async close(): Promise<void> {
    this.hcs.calls.push(`close:${this.id}`);
    if (this.closed) return;
    this.closed = true;
    this.hcs.detach(this);
    this.endWait(new Error('hcsshim: the handle has already been closed'));
  }

  /** Like src/hcs: waiters hear at once, listeners from a setImmediate (outside the native callback). */
  notify(type: number, data: string | null = null, status = 0): void {
    const listeners = [...this.listeners];
    setImmediate(() => {
      for (const l of listeners) l({ type, typeName: `0x${type.toString(16)}`, status, data });
    });
  }

  endWait(error: Error | null): void {
    this.waitError ??= error;
    this.exit.resolve();
  }

  private async op<T>(op: FakeOp, body: () => T): Promise<T> {
    this.hcs.calls.push(`${op}:${this.id}`);
    await this.hcs.gate(op);
    this.hcs.maybeFail(op);
    if (this.closed)
      throw new FakeHcsError(`hcs::System::${op}`, 0, [], 'hcsshim: the handle has already been closed');
    if (this.dead) throw new FakeHcsError(`hcs::System::${op}`, HR.invalidHandle);
    return body();
  }
}

export class FakeHcsPort implements HcsPort {
  readonly kind = 'simulator' as const;
  /** The API the fake plays (crash works on v2 only). */
  hcsApi: 'v1' | 'v2' = 'v1';
  /** What serviceProperties answers. */
  serviceDocument: unknown = { Properties: [{ SupportedSchemaVersions: [{ Major: 2, Minor: 1 }] }] };
  readonly calls: string[] = [];
  readonly saved: { id: string; options: string }[] = [];
  readonly modified: { id: string; request: string }[] = [];
  /** Processes created and opened through the handles (exec sessions). */
  readonly processes = new FakeProcesses();
  private readonly systems = new Map<string, FakeSystemState>();
  private readonly failures = new Map<FakeOp, FakeHcsError[]>();
  private readonly held = new Map<FakeOp, Deferred>();
  private down = false;

  constructor(listings: SystemListing[] = []) {
    for (const l of listings) this.addSystem(l);
  }

  // ---- test controls -------------------------------------------------------------------------------------

  addSystem(listing: SystemListing): void {
    this.systems.set(listing.Id, { listing: { State: 'Created', ...listing }, handles: new Set() });
  }

  /** Remove a system as if another client closed its last handle. */
  removeSystem(id: string): void {
    this.systems.delete(id);
  }

  setState(id: string, state: string): void {
    this.system(id).listing.State = state;
  }

  /** The next call of `op` fails with this HRESULT (queue several for several calls). */
  failNext(op: FakeOp, hresult: number, events: ErrorEvent[] = [], message?: string): void {
    const queue = this.failures.get(op) ?? [];
    queue.push(new FakeHcsError(`hcs::System::${op}`, hresult, events, message));
    this.failures.set(op, queue);
  }

  /** Calls of `op` wait until `release(op)`. */
  hold(op: FakeOp): void {
    if (!this.held.has(op)) this.held.set(op, deferred());
  }

  release(op: FakeOp): void {
    this.held.get(op)?.resolve();
    this.held.delete(op);
  }

  /**
   * The system exits as HCS reports it: SystemExited on every handle and wait() resolves (as in src/hcs, the
   * waiters hear of it before the notification listeners do).
   */
  exit(id: string, exitType: string, status = 0, options: { listExitType?: boolean } = {}): void {
    const system = this.system(id);
    system.listing.State = 'Stopped';
    system.listing.Stopped = true;
    if (options.listExitType ?? true) system.listing.ExitType = exitType;
    for (const h of system.handles) {
      h.notify(NotificationType.SystemExited, JSON.stringify({ ExitType: exitType }), status);
      h.endWait(null);
    }
  }

  /** The connection drops: ServiceDisconnect on every handle, handles die, calls fail until `reconnect()`. */
  disconnect(): void {
    this.down = true;
    for (const system of this.systems.values()) {
      for (const h of [...system.handles]) {
        h.dead = true;
        system.handles.delete(h);
        h.notify(NotificationType.ServiceDisconnect);
        h.endWait(new FakeHcsError('hcs::System::waitBackground', HR.rpcUnavailable));
      }
    }
  }

  reconnect(): void {
    this.down = false;
  }

  openHandles(id: string): number {
    return this.systems.get(id)?.handles.size ?? 0;
  }

  /** Deliver a notification to every handle of the system (e.g. a completion another call caused). */
  notify(id: string, type: number, data: string | null = null): void {
    for (const h of this.system(id).handles) h.notify(type, data);
  }

  // ---- HcsPort ---------------------------------------------------------------------------------------------

  /** Answers with the systems as they were when called (a held call delivers a stale answer). */
  async serviceProperties(query: object): Promise<unknown> {
    this.calls.push(`serviceProperties:${JSON.stringify(query)}`);
    await this.gate('serviceProperties');
    this.maybeFail('serviceProperties');
    return this.serviceDocument;
  }

  async enumerate(): Promise<SystemListing[]> {
    this.calls.push('enumerate');
    const answer = [...this.systems.values()].map((s) => ({ ...s.listing }));
    await this.gate('enumerate');
    this.maybeFail('enumerate');
    return answer;
  }

  async open(id: string): Promise<HcsPortSystem> {
    this.calls.push(`open:${id}`);
    await this.gate('open');
    this.maybeFail('open');
    const system = this.systems.get(id);
    if (!system) throw new FakeHcsError('hcs::System::Open', HR.notFound);
    const handle = new FakeHandle(this, id);
    system.handles.add(handle);
    return handle;
  }

  async create(id: string, document: string): Promise<HcsPortSystem> {
    this.calls.push(`create:${id}`);
    await this.gate('create');
    this.maybeFail('create');
    if (this.systems.has(id)) throw new FakeHcsError('hcs::System::Create', HR.alreadyExists);
    const doc = JSON.parse(document) as { Owner?: string; SchemaVersion?: unknown };
    this.addSystem({
      Id: id,
      Name: id,
      SystemType: 'Container',
      Owner: doc.Owner ?? '',
      RuntimeOsType: 'windows',
    });
    const handle = new FakeHandle(this, id);
    this.system(id).handles.add(handle);
    return handle;
  }

  describeError(error: unknown): HcsFailure {
    if (error instanceof FakeHcsError) {
      return {
        message: error.message,
        op: error.op,
        hresult: error.hresult || undefined,
        events: error.events,
        serviceGone: isServiceGoneHresult(error.hresult),
      };
    }
    return {
      message: error instanceof Error ? error.message : String(error),
      events: [],
      serviceGone: false,
    };
  }

  // ---- used by the handles ---------------------------------------------------------------------------------

  system(id: string): FakeSystemState {
    const system = this.systems.get(id);
    if (!system) throw new FakeHcsError('hcs::System', HR.notFound);
    return system;
  }

  /** Every call takes at least one turn of the event loop, as a koffi async call does. */
  async gate(op: FakeOp): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await this.held.get(op)?.promise;
  }

  maybeFail(op: FakeOp): void {
    if (this.down) throw new FakeHcsError(`hcs::System::${op}`, HR.rpcUnavailable);
    const failure = this.failures.get(op)?.shift();
    if (failure) throw failure;
  }

  transition(id: string, from: string[], to: string, completion: number): void {
    const system = this.system(id);
    if (!from.includes(system.listing.State ?? '')) throw new FakeHcsError(`hcs::System`, HR.invalidState);
    system.listing.State = to;
    for (const h of system.handles) h.notify(completion);
  }

  stopSystem(id: string, exitType: string, from: string[]): void {
    const system = this.system(id);
    if (system.listing.State === 'Stopped') return; // hcsshim swallows already-stopped
    if (!from.includes(system.listing.State ?? '')) throw new FakeHcsError(`hcs::System`, HR.invalidState);
    this.exit(id, exitType);
  }

  detach(handle: FakeHandle): void {
    const system = this.systems.get(handle.id);
    if (!system) return;
    system.handles.delete(handle);
    // Compute systems are ephemeral: a stopped one goes when its last handle closes.
    if (system.handles.size === 0 && system.listing.State === 'Stopped') this.systems.delete(handle.id);
  }
}
