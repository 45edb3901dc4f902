import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { ErrorInfo } from './model.ts';

/*
 * The events timeline: what happened to every compute system, in one log kept by the app core (bounded to
 * TIMELINE_CAPACITY entries, oldest dropped first) and shared by every window. A client reads the log with
 * `timeline.list` and follows it with `timeline.appended`; `seq` orders the entries and says which ones a
 * client already holds (an appended batch can overtake the list's answer).
 */

/** How many entries the core keeps. */
export const TIMELINE_CAPACITY = 5000;

/**
 * operation: an action this app ran (create, start, pause, …), when asked and when it ended;
 * notification: a notification HCS delivered on one of our handles (its type and status);
 * state: a change of state the app saw (from a notification, a property read or enumeration);
 * exit: the system stopped (with HCS's exit type);
 * listed / removed: the system appeared in or left HCS's list.
 */
export const TimelineKind = lazySchema(() =>
  z.enum(['operation', 'notification', 'state', 'exit', 'listed', 'removed']),
);
export type TimelineKind = z.infer<typeof TimelineKind>;

/**
 * Who did it. app: this app (an operation of ours, or what followed from one); other: another HCS client or the
 * system itself (a change no operation of ours explains); hcs: the service (a notification, an unexpected exit).
 */
export const TimelineActor = lazySchema(() => z.enum(['app', 'other', 'hcs']));
export type TimelineActor = z.infer<typeof TimelineActor>;

/** ok / failed: an outcome; pending: an operation still running; info: nothing to succeed or fail. */
export const TimelineResult = lazySchema(() => z.enum(['ok', 'failed', 'pending', 'info']));
export type TimelineResult = z.infer<typeof TimelineResult>;

export const TimelineEntry = lazySchema(() =>
  z
    .object({
      seq: z.number().int().min(0),
      /** ms since the epoch, the core's clock. */
      at: z.number(),
      systemId: z.string(),
      kind: TimelineKind,
      who: TimelineActor,
      /** What happened, short: "Pause", "SystemPauseCompleted", "Running → Paused", "Listed". */
      what: z.string(),
      result: TimelineResult,
      /** A sentence of detail: the exit type, the HRESULT's name, the system's type and owner. */
      detail: z.string(),
      /** The failure as HCS described it, with its error events. */
      error: ErrorInfo.nullable(),
      /** The operation this entry is part of. */
      opId: z.string().nullable(),
      /** Worth telling the user at once (a desktop notification): an unexpected exit or a crash. */
      alert: z.boolean(),
    })
    .strict(),
);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const timelineRequests = {
  /** The whole log, oldest first. */
  'timeline.list': {
    request: lazySchema(() => z.object({}).strict()),
    response: lazySchema(() =>
      z.object({ entries: z.array(TimelineEntry), capacity: z.number().int().min(1) }).strict(),
    ),
  },
} as const;

export const timelineEvents = {
  /** New entries, oldest first, to every client. */
  'timeline.appended': lazySchema(() => z.object({ entries: z.array(TimelineEntry) }).strict()),
} as const;

/** The title and text of an alert's desktop notification (the desktop app's and the browser's alike). */
export function alertMessage(e: TimelineEntry): { title: string; body: string } {
  return {
    title: e.kind === 'exit' ? `${e.systemId} exited unexpectedly` : `${e.systemId}: ${e.what}`,
    body: `${e.detail || e.what}. Click to show the system.`,
  };
}
