// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventOf, TimelineEntry } from '../../../src/contract/index.ts';
import { PreferencesContext, createPreferencesStore } from '../../preferences/preferences-store.ts';
import { createAppStore } from '../../store/app-store.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { filterEntries, NO_FILTER, toCsv } from '../../timeline/filter.ts';
import { HostView } from '../host/HostView.tsx';
import { DesktopNotifications } from './DesktopNotifications.tsx';
import { EventsView } from './EventsView.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function entry(seq: number, overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    seq,
    at: Date.parse('2026-01-01T10:00:00Z') + seq * 1000,
    systemId: 'web',
    kind: 'operation',
    who: 'app',
    what: 'Pause',
    result: 'ok',
    detail: 'done in 12 ms',
    error: null,
    opId: null,
    alert: false,
    ...overrides,
  };
}

const failedPause = entry(2, {
  systemId: 'db',
  result: 'failed',
  detail: 'failed in 3 ms: Access is denied.',
  error: {
    message: 'Access is denied.',
    hresult: '0x80070005',
    name: 'E_ACCESSDENIED',
    events: [{ Message: 'the caller may not pause it' }],
  },
});
const crash = entry(3, {
  systemId: 'vm',
  kind: 'exit',
  who: 'hcs',
  what: 'Exited unexpectedly',
  result: 'failed',
  detail: 'exit type UnexpectedExit',
  alert: true,
});
const LOG = [
  entry(0, { kind: 'listed', who: 'other', what: 'Listed', result: 'info', detail: '' }),
  entry(1),
  failedPause,
];

describe('timeline filters and export', () => {
  it('filters by system, kind and result and searches every field, newest first', () => {
    expect(filterEntries(LOG, NO_FILTER).map((e) => e.seq)).toEqual([2, 1, 0]);
    expect(filterEntries(LOG, { ...NO_FILTER, systems: ['web'] }).map((e) => e.seq)).toEqual([1, 0]);
    expect(filterEntries(LOG, { ...NO_FILTER, kinds: ['listed'] }).map((e) => e.seq)).toEqual([0]);
    expect(filterEntries(LOG, { ...NO_FILTER, results: ['failed'] }).map((e) => e.seq)).toEqual([2]);
    // The HCS error event's text and the HRESULT's name are searchable; every word must match.
    expect(filterEntries(LOG, { ...NO_FILTER, search: 'caller E_ACCESSDENIED' }).map((e) => e.seq)).toEqual([
      2,
    ]);
    expect(filterEntries(LOG, { ...NO_FILTER, search: 'caller web' })).toEqual([]);
  });

  it('CSV quotes every field, doubles quotes and names the error events', () => {
    const csv = toCsv([entry(5, { detail: 'say "hi", then go' }), failedPause]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      '"time","system","kind","who","what","result","detail","hresult","error","errorEvents"',
    );
    expect(lines[1]).toBe(
      '"2026-01-01T10:00:05.000Z","web","Operation","HCS Desktop","Pause","Succeeded","say ""hi"", then go","","",""',
    );
    expect(lines[2]).toContain('"0x80070005","Access is denied.","the caller may not pause it"');
    expect(lines[3]).toBe('');
  });
});

function renderEvents(ui = <EventsView />, log = LOG) {
  const api = new FakeApi({ 'timeline.list': () => ({ entries: log, capacity: 5000 }) });
  return renderWithServices(ui, { api });
}

describe('events view', () => {
  // jsdom renders Fluent UI slowly on a busy machine: room beyond the default 5 s.
  it(
    'lists the core’s log newest first; filters and search narrow it; a row’s details show HCS’s error',
    { timeout: 30_000 },
    async () => {
      const { api } = renderEvents();
      const table = await screen.findByRole('table', { name: 'Events' });
      expect(screen.getByText('3 events')).toBeTruthy();
      const rows = within(table).getAllByRole('row').slice(1);
      expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual(['db', 'web', 'web']);

      fireEvent.change(screen.getByRole('searchbox', { name: 'Search events' }), {
        target: { value: 'denied' },
      });
      expect(await screen.findByText('1 of 3 events shown')).toBeTruthy();
      fireEvent.click(within(table).getByRole('button', { name: 'Failed' }));
      const details = screen.getByRole('region', { name: 'Event details' });
      expect(within(details).getByText('Pause: Failed (failed in 3 ms: Access is denied.)')).toBeTruthy();
      expect(within(details).getAllByText(/Access is denied\./).length).toBeGreaterThan(1);

      // New entries follow; those a window holds already are not added twice.
      act(() =>
        api.emit('timeline.appended', {
          entries: [failedPause, entry(4, { what: 'Resume', detail: 'denied later' })],
        }),
      );
      expect(await screen.findByText('2 of 4 events shown')).toBeTruthy();
    },
  );

  it('says when nothing has happened', async () => {
    renderEvents(<EventsView />, []);
    expect(await screen.findByText('Nothing has happened since HCS Desktop started.')).toBeTruthy();
  });
});

describe('desktop notifications (web mode)', () => {
  class FakeNotification {
    static permission: NotificationPermission = 'default';
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = 'granted';
      return 'granted' as const;
    });
    static made: FakeNotification[] = [];
    onclick: (() => void) | null = null;
    constructor(
      readonly title: string,
      readonly options: NotificationOptions,
    ) {
      FakeNotification.made.push(this);
    }
    close() {}
  }

  it(
    'asks the browser only when the user turns them on; an alert then notifies, and a click shows the system',
    { timeout: 30_000 },
    async () => {
      FakeNotification.permission = 'default';
      FakeNotification.made = [];
      vi.stubGlobal('Notification', FakeNotification);
      const preferences = createPreferencesStore();
      const store = createAppStore();
      store.getState().applySnapshot([summary('vm')]);
      const { api, exec } = renderWithServices(
        <PreferencesContext.Provider value={preferences}>
          <EventsView />
          <DesktopNotifications />
        </PreferencesContext.Provider>,
        { api: new FakeApi({ 'timeline.list': () => ({ entries: LOG, capacity: 5000 }) }), store },
      );
      await screen.findByRole('table', { name: 'Events' });
      expect(FakeNotification.requestPermission).not.toHaveBeenCalled();

      // Off: an alert makes no notification.
      act(() => api.emit('timeline.appended', { entries: [crash] }));
      expect(FakeNotification.made).toEqual([]);

      fireEvent.click(screen.getByRole('switch', { name: 'Desktop notifications for unexpected exits' }));
      await waitFor(() => expect(preferences.getState().desktopNotifications).toBe(true));
      expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);

      const next: EventOf<'timeline.appended'> = { entries: [{ ...crash, seq: 9 }, entry(10)] };
      act(() => api.emit('timeline.appended', next));
      expect(FakeNotification.made.map((n) => n.title)).toEqual(['vm exited unexpectedly']);
      expect(FakeNotification.made[0]!.options.tag).toBe('hcs-desktop-vm-9');
      exec.store.getState().setView('events');
      act(() => FakeNotification.made[0]!.onclick!());
      expect(store.getState().detailsId).toBe('vm');
      expect(exec.store.getState().view).toBe('systems');
    },
  );

  it('the desktop app raises its own: the page only says so', async () => {
    const api = new FakeApi({ 'timeline.list': () => ({ entries: [], capacity: 5000 }) });
    renderWithServices(<EventsView />, { api, notifier: 'desktop-app' });
    expect(
      await screen.findByText('Unexpected exits and crashes raise a desktop notification.'),
    ).toBeTruthy();
    expect(screen.queryByRole('switch')).toBeNull();
  });
});

describe('host view', () => {
  it(
    'counts by state, type and owner; a count filters the list and shows it',
    { timeout: 30_000 },
    async () => {
      const store = createAppStore();
      store
        .getState()
        .applySnapshot([
          summary('a', { state: 'Running', type: 'Container', owner: 'docker' }),
          summary('b', { state: 'Running', type: 'Container', owner: 'docker' }),
          summary('c', { state: 'Paused', type: 'VirtualMachine', owner: 'WSL' }),
        ]);
      store.getState().setSearch('leftover');
      const api = new FakeApi({ 'timeline.list': () => ({ entries: LOG, capacity: 5000 }) });
      const { exec } = renderWithServices(<HostView />, { api, store });
      expect(screen.getByRole('heading', { name: 'On this host: 3 compute systems' })).toBeTruthy();
      const byState = screen.getByRole('list', { name: 'Systems by state' });
      expect(
        within(byState)
          .getAllByRole('button')
          .map((b) => b.textContent),
      ).toEqual(['Running 2', 'Paused 1']);
      const byOwner = screen.getByRole('list', { name: 'Systems by owner' });
      expect(
        within(byOwner)
          .getAllByRole('button')
          .map((b) => b.textContent),
      ).toEqual(['DDocker 2', 'WWSL 1']);
      expect(await screen.findByRole('list', { name: 'Latest events' })).toBeTruthy();

      exec.store.getState().setView('host');
      fireEvent.click(within(byOwner).getByRole('button', { name: 'Docker 2' }));
      expect(store.getState()).toMatchObject({ ownerFilter: ['docker'], stateFilter: [], search: '' });
      expect(exec.store.getState().view).toBe('systems');
      fireEvent.click(within(byState).getByRole('button', { name: 'Paused 1' }));
      expect(store.getState()).toMatchObject({ ownerFilter: [], stateFilter: ['Paused'] });
    },
  );
});
