import type { WebSocket } from 'ws';
import type { WireMessage } from '../contract/index.ts';
import type { AppCoreApi, AppEvent, CoreConnection } from '../app/index.ts';
import type { AuditLog } from './audit-log.ts';
import { RequestTurns } from './request-turns.ts';
import { FLUSH_BYTES, TurnCork, type Corkable } from './turn-cork.ts';
import { answerMessage, type Observed } from './wire.ts';

/** A client whose unsent data grows past this is too slow to keep: it is dropped rather than grow memory. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** 1013 "Try Again Later": the client may reconnect and get a fresh snapshot. */
export const CLOSE_TOO_SLOW = 1013;
export const CLOSE_GOING_AWAY = 1001;

/** Every connected page: answers its requests and fans every core event out to all of them. */
export class SocketHub {
  private readonly clients = new Set<WebSocket>();
  /** Each client's underlying socket, held for the rest of a turn once written to (TurnCork). */
  private readonly corks = new WeakMap<WebSocket, TurnCork>();
  private readonly connections = new Map<WebSocket, CoreConnection>();
  /** Every socket's requests, answered in the order they came, a few milliseconds of them a turn. */
  private readonly requests = new RequestTurns();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly core: AppCoreApi,
    private readonly maxBufferedBytes = MAX_BUFFERED_BYTES,
    private readonly audit: AuditLog | null = null,
  ) {
    this.unsubscribe = core.subscribe((event) => this.broadcast(event));
  }

  get size(): number {
    return this.clients.size;
  }

  /**
   * A client's WebSocket; `client` is its address and port, for the audit log; `socket` the connection under
   * it (the upgraded HTTP socket), whose writes are then sent once per turn.
   */
  add(ws: WebSocket, client = 'unknown', socket?: Corkable): void {
    this.clients.add(ws);
    if (socket) this.corks.set(ws, new TurnCork(socket, Math.min(FLUSH_BYTES, this.maxBufferedBytes / 4)));
    // This socket's exec output carrier: binary frames of the sessions it attached to (src/contract/exec.ts).
    // When the socket goes, its attachments go with it and no longer hold any process's output back.
    // Its own events (the statistics it watches) go to this socket only; the rest are broadcast.
    const connection = this.core.connect(
      (frame) => this.sendFrame(ws, frame),
      (event) => this.send(ws, { t: 'evt', channel: event.channel, payload: event.payload }),
    );
    this.connections.set(ws, connection);
    const gone = () => {
      this.clients.delete(ws);
      this.connections.delete(ws);
      connection.close();
    };
    ws.on('close', gone);
    ws.on('error', () => {
      gone();
      ws.terminate();
    });
    ws.on('message', (data, isBinary) => {
      // ws hands a Buffer by default ("nodebuffer"); fragments and ArrayBuffers only with other binaryTypes.
      const bytes = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : Buffer.from(data);
      const observe = this.audit
        ? (channel: unknown, payload: unknown, outcome: Observed) =>
            this.audit?.request({ client, channel, payload, outcome })
        : undefined;
      this.requests.run(
        () =>
          void answerMessage(connection, bytes, isBinary, observe).then((response) =>
            this.send(ws, response),
          ),
      );
    });
    for (const event of this.core.initialEvents()) this.send(ws, { t: 'evt', ...event });
  }

  /** Close every client (server shutdown). */
  close(): void {
    this.unsubscribe();
    this.requests.clear();
    for (const ws of this.clients) ws.close(CLOSE_GOING_AWAY, 'server shutting down');
    this.clients.clear();
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
  }

  private broadcast(event: AppEvent): void {
    if (this.clients.size === 0) return;
    const text = JSON.stringify({
      t: 'evt',
      channel: event.channel,
      payload: event.payload,
    } satisfies WireMessage);
    for (const ws of this.clients) this.sendText(ws, text);
  }

  private send(ws: WebSocket, message: WireMessage): void {
    this.sendText(ws, JSON.stringify(message));
  }

  private sendText(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    // Hold first: if this message takes the turn past its flush size, what the turn held goes to the socket now,
    // and `bufferedAmount` then counts only what the socket could not take (a slow client), not this turn's writes.
    this.corks.get(ws)?.hold(text.length);
    if (ws.bufferedAmount > this.maxBufferedBytes) {
      this.drop(ws);
      return;
    }
    ws.send(text, (error) => {
      if (error) this.clients.delete(ws);
    });
  }

  /**
   * An output frame, as a binary message. Flow control (exec.ack) bounds what a session sends ahead, so frames
   * are not subject to the too-slow rule themselves; they do count in `bufferedAmount` for the JSON messages.
   */
  private sendFrame(ws: WebSocket, frame: Uint8Array): void {
    if (ws.readyState !== ws.OPEN) return;
    this.corks.get(ws)?.hold(frame.byteLength);
    ws.send(frame, { binary: true }, (error) => {
      if (error) this.clients.delete(ws);
    });
  }

  private drop(ws: WebSocket): void {
    this.clients.delete(ws);
    ws.close(CLOSE_TOO_SLOW, 'client too slow');
    // The close frame queues behind the unsent data; do not wait for a client that is not reading.
    const timer = setTimeout(() => ws.terminate(), 1000);
    timer.unref();
  }
}
