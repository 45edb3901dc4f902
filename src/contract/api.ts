import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from './channels.ts';

/**
 * What the renderer sees, whichever transport carries it: `window.hcs` in Electron (the preload), or the
 * WebSocket client in web mode. A failed request rejects with an Error whose `info` is an ErrorInfo.
 */
export interface HcsApi {
  invoke<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  on<C extends EventChannel>(channel: C, listener: (payload: EventOf<C>) => void): () => void;
}

/** Web-mode wire messages (JSON over the WebSocket). */
export type WireMessage =
  | { t: 'req'; id: number; channel: string; payload: unknown }
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number; ok: false; error: import('./model.ts').ErrorInfo }
  | { t: 'evt'; channel: string; payload: unknown };
