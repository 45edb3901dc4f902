import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from './channels.ts';
import type { OutputChunk } from './exec.ts';

/**
 * What the renderer sees, whichever transport carries it: `window.hcs` in Electron (the preload), or the
 * WebSocket client in web mode. A failed request rejects with an Error whose `info` is an ErrorInfo.
 */
export interface HcsApi {
  invoke<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  on<C extends EventChannel>(channel: C, listener: (payload: EventOf<C>) => void): () => void;
  /**
   * Output of the exec sessions this client attached to (exec.ts): binary WebSocket frames in web mode, a
   * MessagePort in Electron, decoded to chunks. Returns the unsubscribe function.
   */
  onOutput(listener: (chunk: OutputChunk) => void): () => void;
}

/** Web-mode wire messages (JSON text over the WebSocket; binary messages from the server are output frames). */
export type WireMessage =
  | { t: 'req'; id: number; channel: string; payload: unknown }
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number; ok: false; error: import('./model.ts').ErrorInfo }
  | { t: 'evt'; channel: string; payload: unknown };
