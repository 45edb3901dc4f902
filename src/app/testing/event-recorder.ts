import { parseEvent, type EventChannel, type EventOf } from '../../contract/index.ts';
import type { AppEvent } from '../events.ts';

interface Waiter {
  channel: EventChannel;
  match: (payload: never) => boolean;
  resolve: (payload: unknown) => void;
}

/**
 * Records a core's events (each checked against the contract) and lets a test wait for the first one that
 * matches, from a mark on: `const mark = rec.mark(); …act…; await rec.next('x', p => …, mark)`. The wait is
 * bounded by the test's own timeout, never by a timer here.
 */
export class EventRecorder {
  readonly events: AppEvent[] = [];
  private readonly waiters = new Set<Waiter & { from: number }>();

  readonly listener = (event: AppEvent): void => {
    parseEvent(event.channel, event.payload);
    this.events.push(event);
    const index = this.events.length - 1;
    for (const w of [...this.waiters]) {
      if (index >= w.from && w.channel === event.channel && w.match(event.payload as never)) {
        this.waiters.delete(w);
        w.resolve(event.payload);
      }
    }
  };

  /** The position to wait from: only events after it count. */
  mark(): number {
    return this.events.length;
  }

  of<C extends EventChannel>(channel: C, from = 0): EventOf<C>[] {
    return this.events
      .slice(from)
      .filter((e) => e.channel === channel)
      .map((e) => e.payload as EventOf<C>);
  }

  next<C extends EventChannel>(
    channel: C,
    match: (payload: EventOf<C>) => boolean = () => true,
    from = 0,
  ): Promise<EventOf<C>> {
    const seen = this.of(channel, from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) =>
      this.waiters.add({
        channel,
        match: match as (p: never) => boolean,
        resolve: resolve as (p: unknown) => void,
        from,
      }),
    );
  }
}
