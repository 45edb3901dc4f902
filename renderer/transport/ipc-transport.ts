import type {
  EventChannel,
  EventOf,
  HcsApi,
  OutputChunk,
  RequestChannel,
  RequestOf,
  ResponseOf,
} from '../../src/contract/index.ts';
import { ConnectionStateCell } from './connection-state.ts';
import { EventListeners } from './listeners.ts';
import { RequestError, errorInfoOf } from './request-error.ts';
import type { ConnectionState, HcsTransport } from './types.ts';

/**
 * The Electron preload's `window.hcs`. IPC to the main process cannot drop, so the link is always open;
 * events are checked against the contract here too, and every rejection becomes a RequestError.
 */
export class IpcTransport implements HcsTransport {
  readonly api: HcsApi;
  private readonly state = new ConnectionStateCell('open');
  private readonly listeners: EventListeners;
  private readonly subscriptions: Array<() => void> = [];
  private readonly subscribed = new Set<EventChannel>();

  constructor(
    private readonly bridge: HcsApi,
    report: (message: string) => void = (message) => console.warn(`[hcs transport] ${message}`),
  ) {
    this.listeners = new EventListeners(report);
    this.api = {
      invoke: <C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> =>
        this.bridge.invoke(channel, payload).catch((e: unknown) => {
          throw new RequestError(errorInfoOf(e));
        }),
      on: <C extends EventChannel>(channel: C, listener: (payload: EventOf<C>) => void) => {
        this.ensureSubscribed(channel);
        return this.listeners.add(channel, listener);
      },
      // Output chunks come decoded from the preload's MessagePort; nothing to validate beyond their shape.
      onOutput: (listener: (chunk: OutputChunk) => void) => this.bridge.onOutput(listener),
    };
  }

  connection(): ConnectionState {
    return this.state.get();
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.state.subscribe(listener);
  }

  close(): void {
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
    this.subscribed.clear();
  }

  /** One bridge subscription per channel, fanned out locally after validation. */
  private ensureSubscribed(channel: EventChannel): void {
    if (this.subscribed.has(channel)) return;
    this.subscribed.add(channel);
    this.subscriptions.push(
      this.bridge.on(channel, (payload: unknown) => this.listeners.dispatch(channel, payload)),
    );
  }
}
