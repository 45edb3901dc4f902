import {
  HIGH_WATERMARK_BYTES,
  LOW_WATERMARK_BYTES,
  ProcessListItem,
  REPLAY_BUFFER_BYTES,
  type ErrorInfo,
  type ExecReplay,
  type ExecSession,
  type RequestOf,
  type ResponseOf,
} from '../../contract/index.ts';
import type { HcsPortSystem } from '../hcs-port.ts';
import { AppError, appErrorInfo } from '../error-info.ts';
import type { AppEvent, EventHub } from '../events.ts';
import { closeQuietly } from '../../base/index.ts';
import { settleWithin } from '../settle-within.ts';
import { processConfigFor, signalOptionsFor } from './process-config.ts';
import type { OutputClient } from './output-pump.ts';
import { ExecSessionRunner, type SessionLimits } from './session.ts';

/**
 * A connection's output carrier as the manager sees it (src/app/connection.ts): it receives the frames of the
 * sessions it attached to, hears when one of them is forgotten, and is closed when the app stops.
 */
export interface OutputCarrier extends OutputClient {
  dropped(sessionId: string): void;
  close(): void;
}

/** Sessions kept at once (running and ended); each holds up to the replay buffer of output. */
export const MAX_SESSIONS = 64;
const DEFAULT_LIMITS: SessionLimits = {
  replayBytes: REPLAY_BUFFER_BYTES,
  highWatermark: HIGH_WATERMARK_BYTES,
  lowWatermark: LOW_WATERMARK_BYTES,
  exitGraceMs: 1000,
  maxPendingInputBytes: 4 * 1024 * 1024,
};
const STOP_MS = 3000;

export interface ExecManagerDeps {
  events: EventHub;
  /** The core's handle to a system (the registry's, opened if needed); rejects with AppError. */
  systemFor(id: string): Promise<HcsPortSystem>;
  /** The system's OS as listed ("windows", "linux", or "" if unknown). */
  osOf(id: string): string;
  /** A failed HCS call as the UI shows it; also starts the reconnect when the service went away. */
  describe(error: unknown): ErrorInfo;
  now(): number;
  limits?: Partial<SessionLimits>;
  maxSessions?: number;
}

/** The exec requests the manager answers by itself (attach, detach and ack need the connection: `Connection`). */
export type ExecManagerChannel =
  | 'exec.start'
  | 'exec.list'
  | 'exec.input'
  | 'exec.resize'
  | 'exec.signal'
  | 'exec.closeStdin'
  | 'exec.kill'
  | 'exec.forget'
  | 'systems.processes'
  | 'processes.attach'
  | 'processes.kill'
  | 'processes.properties';
export type ExecHandlers = { [C in ExecManagerChannel]: (payload: RequestOf<C>) => Promise<ResponseOf<C>> };

/**
 * Every exec session of the app: processes started in compute systems (`exec.start`) or opened by pid
 * (`processes.attach`). They live here, in the main process, so they survive a renderer reload; a client
 * recovers them with `exec.list` and `exec.attach`. A session whose system stops, or whose service goes away,
 * becomes orphaned (the core's own events say when); its output stays readable until it is forgotten.
 */
export class ExecManager {
  readonly handlers: ExecHandlers;
  private readonly sessions = new Map<string, ExecSessionRunner>();
  private readonly carriers = new Set<OutputCarrier>();
  private readonly limits: SessionLimits;
  private readonly maxSessions: number;
  private readonly unsubscribe: () => void;
  private stopped = false;

  constructor(private readonly deps: ExecManagerDeps) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.maxSessions = deps.maxSessions ?? MAX_SESSIONS;
    this.unsubscribe = deps.events.subscribe((event) => this.onCoreEvent(event));
    this.handlers = {
      'exec.start': (request) => this.start(request),
      'exec.list': async () => this.list(),
      'exec.input': async ({ sessionId, data }) => {
        this.session(sessionId).input(data);
        return {};
      },
      'exec.resize': async ({ sessionId, cols, rows }) => {
        await this.session(sessionId).resize(cols, rows);
        return {};
      },
      'exec.signal': async ({ sessionId, signal }) => {
        const session = this.session(sessionId);
        return {
          delivered: await session.signal(signalOptionsFor(signal, this.deps.osOf(session.systemId))),
        };
      },
      'exec.closeStdin': async ({ sessionId }) => {
        await this.session(sessionId).closeStdin();
        return {};
      },
      'exec.kill': async ({ sessionId }) => ({ delivered: await this.session(sessionId).kill() }),
      'exec.forget': async ({ sessionId }) => {
        await this.forget(sessionId);
        return {};
      },
      'systems.processes': ({ id }) => this.processList(id),
      'processes.attach': ({ id, pid }) => this.attachProcess(id, pid),
      'processes.kill': ({ id, pid }) => this.killProcess(id, pid),
      'processes.properties': ({ id, pid }) => this.processProperties(id, pid),
    };
  }

  /** A connection's output carrier, closed when the app stops; returns the function that forgets it. */
  register(carrier: OutputCarrier): () => void {
    this.carriers.add(carrier);
    return () => this.carriers.delete(carrier);
  }

  list(): ExecSession[] {
    return [...this.sessions.values()].map((s) => s.snapshot());
  }

  /** For `Connection` (exec.attach). */
  attach(client: OutputCarrier, sessionId: string): { session: ExecSession; replay: ExecReplay } {
    const session = this.session(sessionId);
    const replay = session.attach(client);
    return { session: session.snapshot(), replay };
  }

  /** For `Connection` (exec.detach, close). Detaching from a session that is gone is not an error. */
  detach(client: OutputCarrier, sessionId: string): void {
    this.sessions.get(sessionId)?.detach(client);
  }

  /** For `Connection` (exec.ack). */
  ack(client: OutputCarrier, sessionId: string, bytes: number): void {
    this.sessions.get(sessionId)?.ack(client, bytes);
  }

  /** App exit: kill the processes we started, release every handle (bounded: a hung HCS must not hang exit). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe();
    for (const carrier of [...this.carriers]) carrier.close();
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await settleWithin(
      sessions.map((s) => s.dispose({ kill: !s.attachedOnly })),
      STOP_MS,
    );
  }

  // ---- requests -----------------------------------------------------------------------------------------------

  private async start(request: RequestOf<'exec.start'>): Promise<{ session: ExecSession }> {
    const session = this.newSession({
      systemId: request.id,
      commandLine: request.commandLine,
      cwd: request.cwd ?? '',
      tty: request.tty,
      size: request.tty ? { cols: request.cols, rows: request.rows } : null,
      attachedOnly: false,
    });
    try {
      const system = await this.deps.systemFor(request.id);
      session.started(await system.createProcess(processConfigFor(request)));
    } catch (e) {
      session.failed(this.deps.describe(e));
    }
    return { session: session.snapshot() };
  }

  private async forget(sessionId: string): Promise<void> {
    const session = this.session(sessionId);
    if (!session.ended) {
      throw new AppError(
        appErrorInfo(
          'The process is still running.',
          'Kill it or wait for it to end, then close the session.',
        ),
      );
    }
    this.sessions.delete(sessionId);
    for (const carrier of this.carriers) carrier.dropped(sessionId);
    await session.dispose({ kill: false });
    this.deps.events.emit('exec.removed', { sessionId });
  }

  private async processList(id: string): Promise<ResponseOf<'systems.processes'>> {
    const system = await this.deps.systemFor(id);
    const [v1, v2] = await Promise.allSettled([
      system.properties(['ProcessList']),
      system.propertiesV2(['ProcessList']),
    ]);
    if (v1.status === 'rejected' && v2.status === 'rejected')
      throw new AppError(this.deps.describe(v1.reason));
    return {
      v1: v1.status === 'fulfilled' ? processListItems(v1.value.ProcessList) : null,
      v2: v2.status === 'fulfilled' ? (processListOf(v2.value) ?? []) : null,
      errors: {
        v1: v1.status === 'rejected' ? this.deps.describe(v1.reason) : null,
        v2: v2.status === 'rejected' ? this.deps.describe(v2.reason) : null,
      },
    };
  }

  private async attachProcess(id: string, pid: number): Promise<{ session: ExecSession }> {
    const system = await this.deps.systemFor(id);
    const image = await imageNameOf(system, pid);
    let process;
    try {
      process = await system.openProcess(pid);
    } catch (e) {
      throw new AppError(this.deps.describe(e));
    }
    const session = this.newSession({
      systemId: id,
      commandLine: image ?? `pid ${pid}`,
      cwd: '',
      tty: false,
      size: null,
      attachedOnly: true,
    });
    session.started(process);
    return { session: session.snapshot() };
  }

  private async killProcess(id: string, pid: number): Promise<{ delivered: boolean }> {
    const system = await this.deps.systemFor(id);
    try {
      const process = await system.openProcess(pid);
      try {
        return { delivered: await process.kill() };
      } finally {
        await closeQuietly(process);
      }
    } catch (e) {
      throw new AppError(this.deps.describe(e));
    }
  }

  private async processProperties(id: string, pid: number): Promise<{ properties: unknown }> {
    const system = await this.deps.systemFor(id);
    try {
      const process = await system.openProcess(pid);
      try {
        return { properties: await process.properties() };
      } finally {
        await closeQuietly(process);
      }
    } catch (e) {
      throw new AppError(this.deps.describe(e));
    }
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  private newSession(
    init: Omit<ConstructorParameters<typeof ExecSessionRunner>[0], 'sessionId'>,
  ): ExecSessionRunner {
    if (this.stopped) throw new AppError(appErrorInfo('HCS Desktop is shutting down.'));
    if (this.sessions.size >= this.maxSessions) {
      throw new AppError(
        appErrorInfo(
          `There are already ${this.maxSessions} process sessions.`,
          'Close sessions that have ended to start new ones.',
        ),
      );
    }
    const session = new ExecSessionRunner(
      { sessionId: crypto.randomUUID(), ...init },
      {
        changed: (snapshot) => this.deps.events.emit('exec.changed', { session: snapshot }),
        describe: (e) => this.deps.describe(e),
        now: () => this.deps.now(),
      },
      this.limits,
    );
    this.sessions.set(session.id, session);
    this.deps.events.emit('exec.changed', { session: session.snapshot() });
    return session;
  }

  private session(sessionId: string): ExecSessionRunner {
    const session = this.sessions.get(sessionId);
    if (!session) {
      throw new AppError(
        appErrorInfo(
          `There is no process session ${sessionId}.`,
          'It may have been closed in another window.',
        ),
      );
    }
    return session;
  }

  /**
   * The core's events say when a system stopped or the service went away under running sessions. (A system
   * leaving the list is not a reason: HCS drops only stopped systems, and closing ours in the UI leaves its
   * processes running and controllable through their own handles.)
   */
  private onCoreEvent(event: AppEvent): void {
    if (event.channel === 'systems.changed' && event.payload.system.state === 'Stopped') {
      const { id, exitType } = event.payload.system;
      this.orphanWhere(
        (s) => s.systemId === id,
        `The compute system ${id} stopped${exitType ? ` (${exitType})` : ''} while the process was running.`,
      );
    } else if (event.channel === 'service.changed' && !event.payload.status.connected) {
      this.orphanWhere(
        () => true,
        'The connection to HCS was lost while the process was running; HCS Desktop can no longer control it.',
      );
    }
  }

  private orphanWhere(match: (s: ExecSessionRunner) => boolean, message: string): void {
    for (const session of this.sessions.values()) {
      if (session.ended || session.state === 'starting' || !match(session)) continue;
      session.orphan(
        appErrorInfo(message, 'Its output so far stays readable here until you close the session.'),
      );
    }
  }
}

function processListItems(list: unknown): ProcessListItem[] {
  if (!Array.isArray(list)) return [];
  const items: ProcessListItem[] = [];
  for (const item of list) {
    const parsed = ProcessListItem.safeParse(item);
    if (parsed.success) items.push(parsed.data);
  }
  return items;
}

function processListOf(properties: unknown): unknown {
  if (typeof properties !== 'object' || properties === null) return undefined;
  return (properties as { ProcessList?: unknown }).ProcessList;
}

/** Best effort: the image name HCS lists for the pid (a session by pid shows it instead of a command line). */
async function imageNameOf(system: HcsPortSystem, pid: number): Promise<string | undefined> {
  try {
    const items = processListItems((await system.properties(['ProcessList'])).ProcessList);
    return items.find((p) => p.ProcessId === pid)?.ImageName || undefined;
  } catch {
    return undefined;
  }
}
