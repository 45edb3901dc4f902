import type { SocketLike } from './ws-transport.ts';

type SocketEvent = 'open' | 'message' | 'error' | 'close';

/**
 * A WebSocket opened by the page's first script, before the app's module graph is fetched and evaluated,
 * holding every event it receives until the transport takes it and calls `start()`. The handshake and the
 * server's first messages (the systems snapshot first) then travel while the framework loads, instead of
 * after it: measured on 100 systems, the transport's own socket was created at 166–225 ms and its `open` ran
 * 90–140 ms later, behind React's first render, so the rows waited for the shell (docs/benchmarks.md, "The
 * list's socket opened by the page's first script").
 */
export class EarlySocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  private held: Array<{ type: SocketEvent; ev: unknown }> | null = [];

  /** `socket`: the browser's WebSocket, just created (tests pass a fake). */
  constructor(private readonly socket: SocketLike) {
    // Set before any frame can arrive: binary frames received as Blobs could not be read synchronously.
    socket.binaryType = 'arraybuffer';
    socket.onopen = (ev) => this.receive('open', ev);
    socket.onmessage = (ev) => this.receive('message', ev);
    socket.onerror = (ev) => this.receive('error', ev);
    socket.onclose = (ev) => this.receive('close', ev);
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  get binaryType(): string {
    return this.socket.binaryType;
  }

  set binaryType(value: string) {
    this.socket.binaryType = value;
  }

  send(data: string): void {
    this.socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.held = null;
    this.socket.close(code, reason);
  }

  /** Delivers what arrived before, in order, then every later event as it comes. */
  start(): void {
    const held = this.held;
    this.held = null;
    for (const { type, ev } of held ?? []) this.deliver(type, ev);
  }

  private receive(type: SocketEvent, ev: unknown): void {
    if (this.held) this.held.push({ type, ev });
    else this.deliver(type, ev);
  }

  private deliver(type: SocketEvent, ev: unknown): void {
    if (type === 'open') this.onopen?.(ev);
    else if (type === 'message') this.onmessage?.(ev as { data: unknown });
    else if (type === 'error') this.onerror?.(ev);
    else this.onclose?.(ev);
  }
}
