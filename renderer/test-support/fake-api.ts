import type {
  EventChannel,
  EventOf,
  HcsApi,
  OutputChunk,
  RequestChannel,
  RequestOf,
  ResponseOf,
} from '../../src/contract/index.ts';
import { RequestError } from '../transport/request-error.ts';

type Handler<C extends RequestChannel> = (payload: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
export type Handlers = { [C in RequestChannel]?: Handler<C> };

/**
 * An in-memory HcsApi for renderer tests: records every request, answers with the given handlers (a
 * missing handler rejects like a transport would), and lets the test push events.
 */
export class FakeApi implements HcsApi {
  readonly calls: Array<{ channel: RequestChannel; payload: unknown }> = [];
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  private readonly outputListeners = new Set<(chunk: OutputChunk) => void>();

  constructor(public handlers: Handlers = {}) {}

  invoke<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    this.calls.push({ channel, payload });
    const handler = this.handlers[channel] as Handler<C> | undefined;
    if (!handler) {
      return Promise.reject(new RequestError({ message: `no handler for ${channel}`, events: [] }));
    }
    try {
      return Promise.resolve(handler(payload));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  on<C extends EventChannel>(channel: C, listener: (payload: EventOf<C>) => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  onOutput(listener: (chunk: OutputChunk) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  emitOutput(chunk: OutputChunk): void {
    for (const listener of this.outputListeners) listener(chunk);
  }

  emit<C extends EventChannel>(channel: C, payload: EventOf<C>): void {
    for (const listener of this.listeners.get(channel) ?? []) (listener as (p: EventOf<C>) => void)(payload);
  }

  callsTo(channel: RequestChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.payload);
  }
}
