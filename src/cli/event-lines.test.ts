import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../contract/index.ts';
import { eventLine, eventPasses, serviceEvent, timelineEvent, type EventJson } from './event-lines.ts';

const AT = Date.UTC(2025, 0, 2, 3, 4, 5, 678);

function entry(over: Partial<TimelineEntry>): TimelineEntry {
  return {
    seq: 0,
    at: AT,
    systemId: 'vm1',
    kind: 'state',
    who: 'other',
    what: 'Running → Paused',
    result: 'info',
    detail: '',
    error: null,
    opId: null,
    alert: false,
    ...over,
  };
}

describe('hcsctl events lines', () => {
  it('a timeline entry as JSON: its fields renamed, the time in ISO form, the state after it', () => {
    expect(timelineEvent(entry({}), () => 'Paused')).toEqual({
      time: '2025-01-02T03:04:05.678Z',
      system: 'vm1',
      type: 'state',
      event: 'Running → Paused',
      status: 'info',
      detail: '',
      by: 'other',
      state: 'Paused',
    });
    // A system no longer listed has no state.
    expect(timelineEvent(entry({ kind: 'removed', what: 'Removed' }), () => 'Stopped').state).toBeNull();
  });

  it('the service’s comings and goings, with no system', () => {
    const down = serviceEvent(
      {
        connected: false,
        backend: 'simulator',
        hcsApi: 'v1',
        message: 'The Host Compute Service is not running.',
        pollIntervalMs: 2000,
      },
      AT,
    );
    expect(down).toMatchObject({ system: null, type: 'service', event: 'Disconnected', status: 'failed' });
    expect(eventLine(down)).toBe(
      '2025-01-02T03:04:05.678Z  -  service  Disconnected  failed  The Host Compute Service is not running.\n',
    );
  });

  it('one line, two spaces between fields, nothing a terminal would act on', () => {
    const e = timelineEvent(
      entry({ systemId: 'x\u001b[2J', kind: 'notification', what: 'SystemExited\u202E', detail: '' }),
      () => null,
    );
    expect(eventLine(e)).toBe(
      '2025-01-02T03:04:05.678Z  x\\u{1b}[2J  notification  SystemExited\\u{202e}  info\n',
    );
  });

  it('filters: by system (the service’s events pass), by type or notification name', () => {
    const exited: EventJson = timelineEvent(
      entry({ kind: 'notification', what: 'SystemExited' }),
      () => null,
    );
    const state = timelineEvent(entry({}), () => null);
    const service = serviceEvent(
      { connected: true, backend: 'simulator', hcsApi: 'v1', message: null, pollIntervalMs: 2000 },
      AT,
    );
    const none = { systems: [], types: [] };
    expect([exited, state, service].every((e) => eventPasses(e, none))).toBe(true);
    const other = { systems: ['vm2'], types: [] };
    expect([exited, state, service].map((e) => eventPasses(e, other))).toEqual([false, false, true]);
    const byName = { systems: [], types: ['SystemExited'] };
    expect([exited, state, service].map((e) => eventPasses(e, byName))).toEqual([true, false, false]);
    const kinds = { systems: ['vm1'], types: ['state', 'service'] };
    expect([exited, state, service].map((e) => eventPasses(e, kinds))).toEqual([false, true, true]);
  });
});
