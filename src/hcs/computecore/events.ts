/**
 * The one HCS_EVENT_CALLBACK of the process (hcsshim's notificationHandler): every system and process handle is
 * registered with it, and its context is an integer key into the NotificationRegistry's map, never a pointer.
 * It runs on HCS's thread, relayed by koffi to the JS thread, and only records: it decodes the event (valid
 * during the call only) and hands it to the sink, which wakes waiters; listeners run later.
 */
import koffi from 'koffi';
import type { NotificationSink } from '../vmcompute/types.ts';
import type { ComputecoreTypes } from './exports.ts';
import { notificationOfEvent, statusOfEvent } from './event-types.ts';

interface HcsEventValue {
  Type: number;
  EventData: string | null;
}

/**
 * Registers the callback (once per binding; never unregistered: HCS may call it until the last handle using it
 * is closed, and releasing a koffi callback before then crashes V8). Returns the pointer to pass to
 * HcsSet*Callback.
 */
export function registerEventCallback(types: ComputecoreTypes, sink: NotificationSink): bigint {
  return koffi.register((event: unknown, context: unknown) => {
    try {
      const ev = koffi.decode(event, types.event) as HcsEventValue;
      const type = notificationOfEvent(ev.Type);
      if (type === null) return;
      const key = typeof context === 'bigint' ? Number(context) : typeof context === 'number' ? context : 0;
      const data = ev.EventData ?? null;
      sink(type, key, statusOfEvent(ev.Type, data), data);
    } catch {
      // An exception here would surface as an uncaught exception in the process; dropping is the only choice.
    }
  }, types.eventCallback) as bigint;
}
