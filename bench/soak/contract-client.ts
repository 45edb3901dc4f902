/**
 * The soak's Node client of the web server's WebSocket: typed requests, the event stream folded into a mirror
 * of the list, the service status and the exec sessions, operations awaited to their outcome, and exec output
 * drawn and acknowledged as a renderer does (src/contract/exec.ts: dedup by seq, ack what was drawn). Unlike
 * the integration tests' TestClient it keeps nothing it was not asked for, so it can run for hours.
 */
import WebSocket from 'ws';
import {
  decodeOutputFrame,
  type EventChannel,
  type EventOf,
  type ExecSession,
  type Operation,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
  type ServiceStatus,
  type SystemSummary,
  type WireMessage,
} from '../../src/contract/index.ts';

/** A failed request: the app's ErrorInfo message, and its HRESULT when HCS gave one. */
export class RequestFailed extends Error {
  override name = 'RequestFailed';
  constructor(
    readonly channel: string,
    message: string,
    readonly hresult?: string,
  ) {
    super(`${channel}: ${message}`);
  }
}

interface Pending {
  channel: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

interface Watch {
  check(): boolean;
  fail(error: Error): void;
}

/** What one exec session's output looked like to this client. */
export interface DrawnOutput {
  /** The offset after the last byte drawn (contract step 2). */
  next: number;
  /** Bytes skipped because the server's bounded buffer had dropped them before we attached. */
  gaps: number;
  /** The last bytes drawn, as text (for markers). */
  tail: string;
}

/** Finished operations remembered for a waiter that asks after the event came (bounded). */
const FINISHED_KEPT = 2000;
const TAIL_CHARS = 4096;

export class ContractClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();
  private readonly watches = new Set<Watch>();
  private readonly finished = new Map<string, Operation>();
  private readonly output = new Map<string, DrawnOutput>();
  private closedError: Error | null = null;
  /** The list as the server last described it. */
  readonly systems = new Map<string, SystemSummary>();
  /** Exec sessions as the server last described them. */
  readonly sessions = new Map<string, ExecSession>();
  status: ServiceStatus | null = null;
  /** Output frames that did not decode (must stay 0). */
  badFrames = 0;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (isBinary) this.onFrame(bytes);
      else this.onMessage(JSON.parse(bytes.toString('utf8')) as WireMessage);
    });
    ws.on('close', () => this.fail(new Error('the server closed the WebSocket')));
    ws.on('error', (e) => this.fail(e));
  }

  /** Connects with the page URL's token and the server's own Origin, as the page does. */
  static async connect(pageUrl: string): Promise<ContractClient> {
    const url = new URL(pageUrl);
    const token = url.searchParams.get('token') ?? '';
    const ws = new WebSocket(`ws://${url.host}/ws?token=${encodeURIComponent(token)}`, {
      origin: url.origin,
    });
    const client = new ContractClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  get connected(): boolean {
    return this.status?.connected === true;
  }

  request<C extends RequestChannel>(
    channel: C,
    payload: RequestOf<C>,
    timeoutMs = 120_000,
  ): Promise<ResponseOf<C>> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${channel}: no answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, { channel, resolve: resolve as (r: unknown) => void, reject, timer });
      this.ws.send(JSON.stringify({ t: 'req', id, channel, payload }));
    });
  }

  /** Runs an operation (a request answered with an opId) and resolves with its outcome, done or failed. */
  async operate<C extends RequestChannel>(
    channel: C,
    payload: RequestOf<C>,
    timeoutMs = 180_000,
  ): Promise<Operation> {
    const answer = (await this.request(channel, payload, timeoutMs)) as { opId: string };
    return this.outcome(answer.opId, timeoutMs);
  }

  /** The outcome of an operation (done or failed), whether it came already or is still to come. */
  outcome(opId: string, timeoutMs: number): Promise<Operation> {
    let result: Operation | undefined;
    return this.until(
      () => {
        result = this.finished.get(opId);
        if (result) this.finished.delete(opId);
        return result !== undefined;
      },
      timeoutMs,
      `the outcome of operation ${opId}`,
    ).then(() => result!);
  }

  on<C extends EventChannel>(channel: C, listener: (payload: EventOf<C>) => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Resolves once `condition` holds, checked now and after every message; rejects after `timeoutMs`. */
  until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const watch: Watch = {
        check: () => {
          if (!condition()) return false;
          clearTimeout(timer);
          resolve();
          return true;
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.watches.delete(watch);
        reject(new Error(`waited ${timeoutMs / 1000} s for ${what}`));
      }, timeoutMs);
      this.watches.add(watch);
    });
  }

  /** Until the system is listed with nothing pending and `accept` holds. */
  untilSystem(id: string, accept: (s: SystemSummary) => boolean, timeoutMs: number, what: string) {
    return this.until(
      () => {
        const s = this.systems.get(id);
        return s !== undefined && s.pending === null && accept(s);
      },
      timeoutMs,
      `${id} ${what}`,
    );
  }

  untilConnected(timeoutMs: number): Promise<void> {
    return this.until(() => this.connected, timeoutMs, 'the service to be connected');
  }

  /** Draws a session's output from now on (call before exec.attach, so the replay frames are counted). */
  drawOutput(sessionId: string): DrawnOutput {
    let drawn = this.output.get(sessionId);
    if (!drawn) this.output.set(sessionId, (drawn = { next: 0, gaps: 0, tail: '' }));
    return drawn;
  }

  /** Stops drawing a session's output (after exec.detach or exec.forget). */
  forgetOutput(sessionId: string): void {
    this.output.delete(sessionId);
  }

  close(): void {
    this.fail(new Error('the client was closed'));
    this.ws.terminate();
  }

  private onMessage(message: WireMessage): void {
    if (message.t === 'res') {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      clearTimeout(p.timer);
      if (message.ok) p.resolve(message.result);
      else p.reject(new RequestFailed(p.channel, message.error.message, message.error.hresult));
    } else if (message.t === 'evt') {
      this.fold(message.channel, message.payload);
      for (const listener of this.listeners.get(message.channel) ?? []) listener(message.payload as never);
    }
    for (const watch of [...this.watches]) if (watch.check()) this.watches.delete(watch);
  }

  /** Keeps the mirrors current. */
  private fold(channel: string, payload: unknown): void {
    switch (channel) {
      case 'systems.snapshot': {
        this.systems.clear();
        for (const s of (payload as EventOf<'systems.snapshot'>).systems) this.systems.set(s.id, s);
        break;
      }
      case 'systems.changed': {
        const { system } = payload as EventOf<'systems.changed'>;
        this.systems.set(system.id, system);
        break;
      }
      case 'systems.removed':
        this.systems.delete((payload as EventOf<'systems.removed'>).id);
        break;
      case 'service.changed':
        this.status = (payload as EventOf<'service.changed'>).status;
        break;
      case 'operations.changed': {
        const { operation } = payload as EventOf<'operations.changed'>;
        if (operation.status === 'pending') break;
        this.finished.set(operation.opId, operation);
        if (this.finished.size > FINISHED_KEPT) this.finished.delete(this.finished.keys().next().value!);
        break;
      }
      case 'exec.changed': {
        const { session } = payload as EventOf<'exec.changed'>;
        this.sessions.set(session.sessionId, session);
        break;
      }
      case 'exec.removed':
        this.sessions.delete((payload as EventOf<'exec.removed'>).sessionId);
        break;
      default:
    }
  }

  /** Draws a frame of an attached session (contract step 2) and acknowledges its bytes at once. */
  private onFrame(bytes: Buffer): void {
    let chunk;
    try {
      chunk = decodeOutputFrame(bytes);
    } catch {
      this.badFrames++;
      return;
    }
    const drawn = this.output.get(chunk.sessionId);
    const end = chunk.seq + chunk.data.byteLength;
    if (drawn && end > drawn.next) {
      const from = Math.max(0, drawn.next - chunk.seq);
      if (chunk.seq > drawn.next) drawn.gaps += chunk.seq - drawn.next;
      drawn.next = end;
      const text = Buffer.from(chunk.data.subarray(from)).toString('utf8');
      drawn.tail = (drawn.tail + text).slice(-TAIL_CHARS);
    }
    // Every frame's bytes count against this client until acknowledged, duplicates included.
    void this.request('exec.ack', { sessionId: chunk.sessionId, bytes: chunk.data.byteLength }).catch(
      () => undefined,
    );
    for (const watch of [...this.watches]) if (watch.check()) this.watches.delete(watch);
  }

  private fail(error: Error): void {
    if (this.closedError) return;
    this.closedError = error;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
    for (const watch of this.watches) watch.fail(error);
    this.watches.clear();
  }
}
