import { describe, expect, it, vi } from 'vitest';
import type { HostTotals, SystemFigures } from '../../src/contract/index.ts';
import { FakeApi } from '../test-support/fake-api.ts';
import { fakeTransport } from '../test-support/fake-transport.ts';
import { TimelineService } from '../timeline/timeline-store.ts';
import { HostStatisticsService } from './host-statistics.ts';

const figures = (cpu: number): SystemFigures => ({
  at: 1,
  cpuPercent: cpu,
  processorCount: 2,
  memoryBytes: 100,
  assignedBytes: null,
  uptime100ns: 1e7,
});
const totals = (at: number): HostTotals => ({ at, running: 2, sampled: 2, cpuPercent: 5, memoryBytes: 200 });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('host statistics in the window', () => {
  it('takes the core’s answer, then each event: new figures replace, gone ones go, totals accumulate', async () => {
    const api = new FakeApi({
      'statistics.watchHost': () => ({
        intervalMs: 1000,
        hostProcessors: 8,
        systems: { a: figures(1), b: figures(2) },
        totals: [totals(1)],
      }),
    });
    const service = new HostStatisticsService(fakeTransport(api).transport);
    // An event that overtakes the answer is applied on top of it.
    api.emit('statistics.host', { systems: { a: figures(3) }, gone: [], totals: totals(2) });
    await flush();
    const first = service.store.getState();
    expect(first.figures.a?.cpuPercent).toBe(3);
    expect(first.totals.map((t) => t.at)).toEqual([1, 2]);
    expect(first.hostProcessors).toBe(8);
    api.emit('statistics.host', { systems: {}, gone: ['b'], totals: totals(3) });
    const next = service.store.getState();
    expect(Object.keys(next.figures)).toEqual(['a']);
    // A row whose figures did not change keeps its object (it does not re-render).
    expect(next.figures.a).toBe(first.figures.a);
    expect(api.callsTo('statistics.watchHost')).toEqual([{}]);
    // Another host's figures join the list's (their keys name the host); its totals are not this host's.
    api.emit('statistics.host', {
      systems: { '@h2/c': figures(7) },
      gone: [],
      totals: totals(4),
      host: 'h2',
    });
    expect(service.store.getState().figures['@h2/c']?.cpuPercent).toBe(7);
    expect(service.store.getState().totals.map((t) => t.at)).toEqual([1, 2, 3]);
  });
});

describe('timeline in the window', () => {
  /** A timeline entry numbered `seq`. */
  const e = (seq: number) => ({
    seq,
    at: seq,
    systemId: 's',
    kind: 'state' as const,
    who: 'other' as const,
    what: 'x',
    result: 'info' as const,
    detail: '',
    error: null,
    opId: null,
    alert: false,
  });

  it('merges the list with entries that overtook it, and tells listeners only of new ones', async () => {
    const api = new FakeApi({ 'timeline.list': () => ({ entries: [e(0), e(1)], capacity: 5000 }) });
    const service = new TimelineService(fakeTransport(api).transport);
    const heard: number[] = [];
    service.onAppended((entries) => heard.push(...entries.map((x) => x.seq)));
    api.emit('timeline.appended', { entries: [e(1), e(2)] });
    await flush();
    expect(heard).toEqual([2]);
    await vi.waitFor(() => expect(service.store.getState().entries.map((x) => x.seq)).toEqual([0, 1, 2]));
    api.emit('timeline.appended', { entries: [e(2), e(3)] });
    expect(heard).toEqual([2, 3]);
  });

  it('takes a burst of entries into the store in one update, and each listener hears each entry as it comes', async () => {
    const api = new FakeApi({ 'timeline.list': () => ({ entries: [e(0)], capacity: 5000 }) });
    const service = new TimelineService(fakeTransport(api).transport);
    await vi.waitFor(() => expect(service.store.getState().entries).toHaveLength(1));
    const heard: number[] = [];
    service.onAppended((entries) => heard.push(...entries.map((x) => x.seq)));
    let updates = 0;
    service.store.subscribe(() => updates++);
    // A bulk action: an entry per message, many messages before the next frame.
    for (let seq = 1; seq <= 300; seq++) api.emit('timeline.appended', { entries: [e(seq)] });
    expect(heard).toHaveLength(300);
    await vi.waitFor(() => expect(service.store.getState().entries).toHaveLength(301));
    expect(updates).toBe(1);
    expect(service.store.getState().entries.map((x) => x.seq)).toEqual(
      Array.from({ length: 301 }, (_, i) => i),
    );
  });
});

describe('the list’s figures', () => {
  it('follow the figures at most once a second: the first at once, later ones when a second has passed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const api = new FakeApi({
        'statistics.watchHost': () => ({
          intervalMs: 250,
          hostProcessors: 2,
          systems: { a: figures(1) },
          totals: [],
        }),
      });
      const service = new HostStatisticsService(fakeTransport(api).transport);
      await vi.advanceTimersByTimeAsync(0);
      const state = () => service.store.getState();
      expect(state().listFigures.a?.cpuPercent).toBe(1);
      const publishes: number[] = [];
      service.store.subscribe((s, before) => {
        if (s.listFigures !== before.listFigures) publishes.push(performance.now());
      });
      const start = performance.now();
      for (let i = 2; i <= 9; i++) {
        await vi.advanceTimersByTimeAsync(250);
        api.emit('statistics.host', { systems: { a: figures(i) }, gone: [], totals: totals(i) });
        expect(state().figures.a?.cpuPercent).toBe(i);
      }
      await vi.advanceTimersByTimeAsync(1000);
      // Eight events four a second: a publish a second, never more often; the last has the newest figures.
      expect(publishes.map((t) => t - start)).toEqual([1000, 2000, 3000]);
      expect(state().listFigures.a?.cpuPercent).toBe(9);
      service.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
