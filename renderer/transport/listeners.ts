import { parseEvent, type EventChannel, type EventOf } from '../../src/contract/index.ts';

type AnyListener = (payload: never) => void;

/** Event listeners per channel; every payload is checked against the contract before anyone sees it. */
export class EventListeners {
  private readonly byChannel = new Map<EventChannel, Set<AnyListener>>();

  constructor(private readonly report: (message: string) => void) {}

  add<C extends EventChannel>(channel: C, listener: (payload: EventOf<C>) => void): () => void {
    let set = this.byChannel.get(channel);
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(listener as AnyListener);
    return () => {
      set.delete(listener as AnyListener);
    };
  }

  /** Validates and delivers one event; an invalid one is reported and dropped, never half-applied. */
  dispatch(channel: unknown, payload: unknown): void {
    let event: { channel: EventChannel; payload: unknown };
    try {
      event = parseEvent(channel, payload);
    } catch (e) {
      this.report(e instanceof Error ? e.message : String(e));
      return;
    }
    for (const listener of [...(this.byChannel.get(event.channel) ?? [])]) {
      try {
        (listener as (p: unknown) => void)(event.payload);
      } catch (e) {
        // One faulty listener must not starve the others of the event.
        this.report(`listener for ${event.channel} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
