/**
 * `hcsctl events`: every notification and change of state of every compute system, live, until Ctrl+C — from
 * the app core's registry and timeline, the very stream the app shows. HCS announces no new systems and tells
 * other clients nothing of a pause or a resume, so those are seen at the registry's next enumeration (every
 * 2 s, the app's default); SystemExited reaches every handle at once.
 */
import type { AppEvent } from '../app/index.ts';
import type { HcsApiChoice } from '../hcs/index.ts';
import type { Command } from './args.ts';
import { withCore } from './core-session.ts';
import { eventLine, eventPasses, serviceEvent, timelineEvent, type EventJson } from './event-lines.ts';
import { writeJsonLine, type CliIo } from './io.ts';

export async function runEvents(
  cmd: Extract<Command, { name: 'events' }>,
  io: CliIo,
  choice: HcsApiChoice,
): Promise<number> {
  return withCore(io, choice, async ({ core, ended }) => {
    const states = new Map<string, string>();
    let connected: boolean | null = null;
    const emit = (event: EventJson) => {
      if (!eventPasses(event, cmd)) return;
      if (cmd.json) writeJsonLine(io, event);
      else io.stdout.write(eventLine(event));
    };
    const follow = (event: AppEvent) => {
      switch (event.channel) {
        case 'systems.snapshot':
          for (const s of event.payload.systems) states.set(s.id, s.state);
          break;
        case 'systems.changed':
          states.set(event.payload.system.id, event.payload.system.state);
          break;
        case 'systems.removed':
          states.delete(event.payload.id);
          break;
        case 'timeline.appended':
          // Appended after the changes of the same turn: `states` already has them.
          for (const entry of event.payload.entries) {
            // hcsctl's own doing (releasing its handle on a stopped system, core-session.ts) is no event.
            if (entry.who === 'app') continue;
            emit(timelineEvent(entry, (id) => states.get(id) ?? null));
          }
          break;
        case 'service.changed': {
          const now = event.payload.status.connected;
          // The first status is where we start from; every change after it is an event.
          if (connected !== null && now !== connected) emit(serviceEvent(event.payload.status, Date.now()));
          connected = now;
          break;
        }
        default:
      }
    };
    // Where the stream starts: the list and the service's status as the core has them now.
    for (const event of core.initialEvents()) follow(event);
    const unsubscribe = core.subscribe(follow);
    try {
      // For people (stdout stays the events alone): the stream is live from here.
      io.stderr.write('hcsctl: following the events of every compute system; Ctrl+C ends\n');
      await ended;
      return 0;
    } finally {
      unsubscribe();
    }
  });
}
