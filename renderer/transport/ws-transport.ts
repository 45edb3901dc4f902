import {
  ErrorInfo,
  decodeOutputFrame,
  parseResponse,
  type OutputChunk,
  type EventChannel,
  type EventOf,
  type HcsApi,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
} from '../../src/contract/index.ts';
import { backoffDelay, type BackoffPolicy } from '../../src/base/index.ts';
import { ConnectionStateCell } from './connection-state.ts';
import { EventListeners } from './listeners.ts';
import { RequestError } from './request-error.ts';
import type { ConnectionState, HcsTransport } from './types.ts';

/** Reconnect delays: 250 ms doubling to 5 s, jittered by up to 20 % so many windows do not reconnect in step. */
const RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 5000, factor: 2, jitter: 0.2 };

/** The part of the browser's WebSocket this client uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  /**
   * A socket opened before the transport (early-socket.ts) holds its events until this is called, once its
   * handlers are set; a fresh socket has no such method.
   */
  start?(): void;
}

export interface WsTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** A socket already opening on `url` (the page's first script opened it), taken for the first connection. */
  adopt?: SocketLike;
  backoff?: BackoffPolicy;
  /** An answer that has not come after this long rejects (the server acknowledges operations at once). */
  requestTimeoutMs?: number;
  random?: () => number;
  report?: (message: string) => void;
}

const OPEN = 1;

interface Pending {
  channel: RequestChannel;
  resolve: (value: unknown) => void;
  reject: (error: RequestError) => void;
  timer: ReturnType<typeof setTimeout>;
}

function failure(message: string, explanation: string): RequestError {
  return new RequestError({ message, explanation, events: [] });
}

/**
 * HcsApi over the web-mode WebSocket: numbered requests, contract-checked responses and events, and
 * reconnection with backoff. The server sends a fresh snapshot after every connect, so nothing needs
 * replaying here; requests in flight when the link drops are rejected (they may or may not have run).
 */
export class WsTransport implements HcsTransport {
  readonly api: HcsApi;
  private readonly state = new ConnectionStateCell('connecting');
  private readonly listeners: EventListeners;
  private readonly pending = new Map<number, Pending>();
  private readonly outputListeners = new Set<(chunk: OutputChunk) => void>();
  private readonly createSocket: (url: string) => SocketLike;
  private readonly backoff: BackoffPolicy;
  private readonly requestTimeoutMs: number;
  private readonly random: () => number;
  private readonly report: (message: string) => void;
  private socket: SocketLike | null = null;
  private adopt: SocketLike | null;
  private nextId = 1;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly options: WsTransportOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.adopt = options.adopt ?? null;
    this.backoff = options.backoff ?? RECONNECT_BACKOFF;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this.random = options.random ?? Math.random;
    this.report = options.report ?? ((message) => console.warn(`[hcs transport] ${message}`));
    this.listeners = new EventListeners(this.report);
    this.api = {
      invoke: <C extends RequestChannel>(channel: C, payload: RequestOf<C>) => this.invoke(channel, payload),
      on: <C extends EventChannel>(channel: C, listener: (payload: EventOf<C>) => void) =>
        this.listeners.add(channel, listener),
      onOutput: (listener: (chunk: OutputChunk) => void) => {
        this.outputListeners.add(listener);
        return () => {
          this.outputListeners.delete(listener);
        };
      },
    };
    this.connect();
  }

  connection(): ConnectionState {
    return this.state.get();
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.state.subscribe(listener);
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = socket.onmessage = socket.onerror = socket.onopen = null;
      socket.close(1000, 'window closed');
    }
    this.rejectAll('The connection to HCS Desktop was closed.');
  }

  private invoke<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN || this.state.get() !== 'open') {
      return Promise.reject(
        failure(
          'Not connected to HCS Desktop.',
          'The window is reconnecting to the app; try again once the connection banner is gone.',
        ),
      );
    }
    const id = this.nextId++;
    return new Promise<ResponseOf<C>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          failure(
            `No answer to ${channel} within ${Math.round(this.requestTimeoutMs / 1000)} s.`,
            'The app did not answer in time; the request may still complete.',
          ),
        );
      }, this.requestTimeoutMs);
      this.pending.set(id, { channel, resolve: resolve as (v: unknown) => void, reject, timer });
      try {
        socket.send(JSON.stringify({ t: 'req', id, channel, payload }));
      } catch (e) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(failure(`Could not send ${channel}: ${e instanceof Error ? e.message : String(e)}`, ''));
      }
    });
  }

  private connect(): void {
    if (this.closed) return;
    let socket: SocketLike;
    try {
      socket = this.adopt ?? this.createSocket(this.options.url);
      this.adopt = null;
    } catch (e) {
      this.report(`cannot open WebSocket: ${e instanceof Error ? e.message : String(e)}`);
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    // Exec output arrives as binary frames (contract exec.ts); everything else is JSON text.
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.state.set('open');
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.receive(ev.data);
    };
    // The browser gives no reason for a refused upgrade (401/403): every failure ends in `close`.
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.rejectAll('The connection to HCS Desktop was lost before the answer arrived.');
      this.scheduleReconnect();
    };
    // What an adopted socket already holds comes in a microtask: after the script that built this transport has
    // added its listeners, as a fresh socket's events would, and before React's first render (a later task).
    if (socket.start) {
      const start = socket.start.bind(socket);
      queueMicrotask(() => {
        if (this.socket === socket) start();
      });
    }
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.state.set('reconnecting');
    const delay = backoffDelay(this.backoff, this.attempt++, this.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private rejectAll(message: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(
        failure(
          message,
          'The request may or may not have been carried out; the list shows the current state.',
        ),
      );
    }
  }

  private receive(data: unknown): void {
    if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
      this.receiveOutput(data);
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      this.report('dropped a message that is not JSON');
      return;
    }
    if (typeof message !== 'object' || message === null) {
      this.report('dropped a message that is not an object');
      return;
    }
    const m = message as Record<string, unknown>;
    if (m.t === 'evt') {
      this.listeners.dispatch(m.channel, m.payload);
    } else if (m.t === 'res' && typeof m.id === 'number') {
      this.settle(m.id, m);
    } else {
      this.report(`dropped a message of unknown kind ${JSON.stringify(m.t)}`);
    }
  }

  private receiveOutput(frame: ArrayBuffer | ArrayBufferView): void {
    let chunk: OutputChunk;
    try {
      chunk = decodeOutputFrame(frame);
    } catch (e) {
      this.report(`dropped an output frame: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    for (const listener of [...this.outputListeners]) {
      try {
        listener(chunk);
      } catch (e) {
        this.report(`output listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private settle(id: number, m: Record<string, unknown>): void {
    const p = this.pending.get(id);
    if (!p) {
      this.report(`dropped an answer to unknown request ${id}`);
      return;
    }
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (m.ok === true) {
      try {
        p.resolve(parseResponse(p.channel, m.result));
      } catch (e) {
        p.reject(
          failure(e instanceof Error ? e.message : String(e), 'The app answered with an unexpected shape.'),
        );
      }
      return;
    }
    const info = ErrorInfo.safeParse(m.error);
    p.reject(
      info.success
        ? new RequestError(info.data)
        : failure(
            `${p.channel} failed and the app sent no readable reason.`,
            'The error was not in the agreed shape.',
          ),
    );
  }
}
