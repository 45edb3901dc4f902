import type { EventChannel, EventOf } from '../contract/index.ts';

/** One event of the core's stream, as every transport forwards it. */
export type AppEvent = { [C in EventChannel]: { channel: C; payload: EventOf<C> } }[EventChannel];
export type AppEventListener = (event: AppEvent) => void;

/** The core's single event stream. A failing listener (one broken transport) never affects the others. */
export class EventHub {
  private readonly listeners = new Set<AppEventListener>();

  subscribe(listener: AppEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<C extends EventChannel>(channel: C, payload: EventOf<C>): void {
    const event = { channel, payload } as AppEvent;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (e) {
        console.error(`hcs-desktop: an event listener failed on ${channel}:`, e);
      }
    }
  }
}
