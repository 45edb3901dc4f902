// The service process's shell around the engine: the client socket (sessions, connections, dispatch), the control
// API's operations (reset, seed, faults, crash, disconnect, listings), and an orderly stop.
import { createServer, type Server, type Socket } from 'node:net';
import type { ClientSummary, FaultSpec, Fixture, Health, SystemSummary } from '../control/types.ts';
import { CallLog } from './call-log.ts';
import { API_VMCOMPUTE, apiOutbox } from './client-api.ts';
import { Connection } from './connection.ts';
import { Dispatcher, type ClientState } from './dispatcher.ts';
import { claimSocketPath, listenPrivately, prepareSocketDirectory, removeSocketFile } from './endpoint.ts';
import { Engine } from './engine/engine.ts';
import { Faults } from './faults.ts';
import type { ClientSession, SimSystem } from './model.ts';
import type { DescriptorSender, ProcessHost } from './process-host.ts';

export const DEFAULT_COMPLETION_DELAY_MS = 20;

export interface ServiceOptions {
  socketPath: string;
  host: ProcessHost & DescriptorSender;
  /** Seeded at start and by a reset without a fixture. */
  fixture: Fixture | null;
  /** Overrides the startup fixture's completionDelayMs. */
  completionDelayMs: number | null;
  log: (message: string) => void;
  verbose?: boolean;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export class SimService {
  readonly engine: Engine;
  readonly faults = new Faults();
  readonly calls = new CallLog();
  private readonly dispatcher: Dispatcher;
  private readonly clients = new Map<number, ClientState>();
  private nextClientId = 1;
  private server: Server | null = null;
  private reopenTimer: NodeJS.Timeout | null = null;
  private readonly startedAt = Date.now();
  private stopped = false;

  constructor(private readonly o: ServiceOptions) {
    this.engine = new Engine({
      host: o.host,
      completionDelayMs: this.startupDelay(),
      log: o.log,
      holdNotifications: (id) => this.faults.holdsNotifications(id),
    });
    this.dispatcher = new Dispatcher({
      engine: this.engine,
      faults: this.faults,
      calls: this.calls,
      log: o.log,
      verbose: o.verbose ?? false,
    });
  }

  get socketPath(): string {
    return this.o.socketPath;
  }

  private startupDelay(): number {
    return this.o.completionDelayMs ?? this.o.fixture?.completionDelayMs ?? DEFAULT_COMPLETION_DELAY_MS;
  }

  /** Seeds the startup fixture and starts listening (after claiming the path from a stale socket file). */
  async start(): Promise<void> {
    if (this.o.fixture) this.engine.seeding.seed(this.o.fixture);
    this.engine.lifecycle.completionDelayMs = this.startupDelay();
    prepareSocketDirectory(this.o.socketPath);
    await claimSocketPath(this.o.socketPath);
    await this.listen();
  }

  private async listen(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    await listenPrivately(server, this.o.socketPath);
    server.on('error', (e) => this.o.log(`listener error: ${e.message}`));
    this.server = server;
  }

  private accept(socket: Socket): void {
    const id = this.nextClientId++;
    const state = {} as ClientState;
    const connection = new Connection({
      socket,
      sender: this.o.host,
      label: `client ${id}`,
      log: this.o.log,
      onFrame: (frame) => this.dispatcher.handle(state, frame),
      onClose: () => this.release(state),
    });
    const session: ClientSession = {
      id,
      name: '',
      pid: 0,
      api: API_VMCOMPUTE,
      connectedAt: Date.now(),
      outbox: apiOutbox(connection, () => session.api),
      systemHandles: new Map(),
      processHandles: new Map(),
      registrations: new Map(),
    };
    Object.assign(state, { session, connection, held: new Set() });
    this.clients.set(id, state);
    if (this.o.verbose) this.o.log(`client ${id} connected`);
  }

  /** A client went away: cancel its hung calls and release every handle and registration it held. */
  private release(state: ClientState): void {
    if (!this.clients.delete(state.session.id)) return;
    for (const h of state.held) h.cancel();
    state.held.clear();
    this.engine.handles.dropSession(state.session);
    if (this.o.verbose)
      this.o.log(`client ${state.session.id} (${state.session.name || 'unnamed'}) disconnected`);
  }

  // ---- control API operations ----

  health(): Health {
    return {
      ok: true,
      pid: process.pid,
      socketPath: this.o.socketPath,
      uptimeMs: Date.now() - this.startedAt,
      completionDelayMs: this.engine.lifecycle.completionDelayMs,
    };
  }

  applyFaults(spec: FaultSpec): void {
    this.faults.apply(spec);
    this.engine.notifier.flush();
  }

  /** Clears every fault: hung calls are answered, held notifications go out. */
  clearFaults(): void {
    this.faults.clear();
    this.engine.notifier.flush();
  }

  /** Clears faults, the call log, every system and every client's handles, then seeds. */
  reset(fixture?: Fixture): void {
    this.faults.clear();
    this.calls.clear();
    this.engine.seeding.reset([...this.clients.values()].map((c) => c.session));
    this.engine.notifier.flush(); // held notifications of registrations that no longer exist are dropped
    const seed = fixture ?? this.o.fixture;
    if (seed) this.engine.seeding.seed(seed);
    this.engine.lifecycle.completionDelayMs = fixture
      ? (fixture.completionDelayMs ?? this.startupDelay())
      : this.startupDelay();
    this.o.log(`reset (${seed ? seed.systems.length : 0} systems seeded)`);
  }

  seed(fixture: Fixture): void {
    this.engine.seeding.seed(fixture);
  }

  crash(id: string): void {
    const s = this.engine.systems.find(id);
    if (!s) throw new Error(`no system with id '${id}'`);
    this.engine.lifecycle.crash(s);
  }

  /** Drops every client connection and refuses connects for `ms` by closing the listener, then reopens it. */
  disconnect(ms: number): void {
    this.o.log(`disconnect fault: dropping ${this.clients.size} clients, refusing connects for ${ms} ms`);
    if (this.server) {
      this.server.close();
      this.server = null;
      removeSocketFile(this.o.socketPath);
    }
    for (const c of [...this.clients.values()]) c.connection.close();
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      if (this.stopped) return;
      removeSocketFile(this.o.socketPath);
      this.listen().catch((e: Error) =>
        this.o.log(`could not listen again after the disconnect fault: ${e.message}`),
      );
    }, ms);
  }

  systems(): SystemSummary[] {
    return this.engine.systems.list().map((s) => this.summarize(s));
  }

  private summarize(s: SimSystem): SystemSummary {
    return {
      id: s.id,
      name: s.name,
      owner: s.owner,
      systemType: s.systemType,
      runtimeOsType: s.runtimeOsType,
      state: s.state,
      runtimeId: s.runtimeId,
      exitType: s.exitType,
      pendingOperation: s.pending?.op ?? null,
      createdAt: iso(s.createdAt)!,
      startedAt: iso(s.startedAt),
      stoppedAt: iso(s.stoppedAt),
      ownerHeld: s.ownerHeld,
      hostingSystemId: s.hostingSystemId,
      memorySizeInMB: s.memorySizeInMB,
      processorCount: s.processorCount,
      handles: [...s.handles].map((h) => ({ client: h.session.id, handle: h.id })),
      processes: [...s.processes.values()].map((p) => ({
        pid: p.pid,
        commandLine: p.commandLine,
        user: p.user,
        createdAt: iso(p.createdAt)!,
        console: p.masterFd !== null,
        exited: p.exited,
        exitCode: p.exitCode,
        handles: [...p.handles].map((h) => ({ client: h.session.id, handle: h.id })),
      })),
      modifications: s.modifications.map((m) => ({ at: iso(m.at)!, request: m.request })),
      saved: s.saved ? { at: iso(s.saved.at)!, saveType: s.saved.saveType, path: s.saved.path } : null,
      document: s.document,
      root: s.root,
    };
  }

  clientsSummary(): ClientSummary[] {
    return [...this.clients.values()].map(({ session: c }) => ({
      id: c.id,
      name: c.name,
      pid: c.pid,
      connectedAt: iso(c.connectedAt)!,
      systemHandles: [...c.systemHandles.values()].map((h) => ({ handle: h.id, systemId: h.system.id })),
      processHandles: [...c.processHandles.values()].map((h) => ({
        handle: h.id,
        systemId: h.process.system.id,
        pid: h.process.pid,
      })),
      registrations: [...c.registrations.values()].map((r) => ({
        registration: r.id,
        handle: r.target.id,
        kind: r.target.kind,
      })),
    }));
  }

  /** Stops listening, drops clients, kills every process and removes the socket file. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.faults.clear();
    const server = this.server;
    this.server = null;
    for (const c of [...this.clients.values()]) c.connection.close();
    await this.engine.shutdown();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    removeSocketFile(this.o.socketPath);
  }
}
