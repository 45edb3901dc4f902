import type { SocketLike } from '../transport/ws-transport.ts';

/** The browser's WebSocket as the transport tests need it: handlers on properties, sent messages kept. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  binaryType = 'blob';
  sent: unknown[] = [];
  closedWith: [number | undefined, string | undefined] | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url = '') {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number, reason?: string) {
    this.closedWith = [code, reason];
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  /** A message from the server: JSON text for an object, as is for a string or binary data. */
  receive(message: unknown) {
    const binary = message instanceof ArrayBuffer || ArrayBuffer.isView(message);
    this.onmessage?.({ data: typeof message === 'string' || binary ? message : JSON.stringify(message) });
  }
}
