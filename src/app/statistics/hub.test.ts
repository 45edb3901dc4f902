import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BACKGROUND_HISTORY_MS,
  HOST_QUERIES_PER_SECOND,
  parseEvent,
  type EventOf,
  type SystemSummary,
} from '../../contract/index.ts';
import type { HcsPortSystem } from '../hcs-port.ts';
import { AppError, appErrorInfo } from '../error-info.ts';
import { EventHub } from '../events.ts';
import { StatisticsHub } from './hub.ts';
import type { StatisticsWatcher } from './sampler.ts';

const INTERVAL = 1000;
const GRACE = 5000;

/** A system's HCS answers: processor time grows by `cpuPerQuery` at each query; `fail` makes queries throw. */
class StatsSystem {
  readonly queries: Array<{ schema: 1 | 2; types: readonly string[] }> = [];
  cpu = 0;
  cpuPerQuery = 1e6;
  fail: string | null = null;
  refuseMemory = false;
  network: unknown[] | null = null;
  /** vmcompute answers a query of Statistics alone in schema1's shape, Network included. */
  networkInAnswer: unknown[] | null = null;
  constructor(private readonly clock: () => number) {}

  propertiesV2(types: readonly string[]): Promise<unknown> {
    this.queries.push({ schema: 2, types });
    if (this.fail) return Promise.reject(new Error(this.fail));
    if (this.refuseMemory && types.includes('Memory')) return Promise.reject(new Error('Memory refused'));
    this.cpu += this.cpuPerQuery;
    const doc: Record<string, unknown> = {
      Statistics: {
        Timestamp: new Date(this.clock()).toISOString(),
        Uptime100ns: this.clock() * 10_000,
        Processor: { TotalRuntime100ns: this.cpu },
        Memory: { MemoryUsageCommitBytes: 1e6 },
        Storage: {},
        ...(this.networkInAnswer ? { Network: this.networkInAnswer } : {}),
      },
    };
    if (types.includes('Memory')) doc.Memory = { VirtualNodes: [{ VirtualProcessorCount: 2 }] };
    return Promise.resolve(doc);
  }

  properties(types: readonly string[]): Promise<unknown> {
    this.queries.push({ schema: 1, types });
    return Promise.resolve({ Statistics: { Network: this.network ?? [] } });
  }

  get v2Count(): number {
    return this.queries.filter((q) => q.schema === 2).length;
  }
}

function summary(id: string, state: SystemSummary['state'], type = 'Container'): SystemSummary {
  return {
    id,
    name: id,
    type,
    owner: 'test',
    os: 'windows',
    state,
    runtimeId: '',
    pending: null,
    lastError: null,
    exitType: null,
  };
}

/** A watcher recording its updates, each checked against the contract. */
class Recorder implements StatisticsWatcher {
  readonly updates: EventOf<'statistics.update'>[] = [];
  statisticsUpdate(update: EventOf<'statistics.update'>): void {
    this.updates.push(parseEvent<'statistics.update'>('statistics.update', update).payload);
  }
  get samples() {
    return this.updates.flatMap((u) => (u.sample ? [u.sample] : []));
  }
}

let events: EventHub;
let systems: Map<string, StatsSystem>;
let summaries: Map<string, SystemSummary>;
let hub: StatisticsHub;

function setState(id: string, state: SystemSummary['state']) {
  const next = { ...summaries.get(id)!, state };
  summaries.set(id, next);
  events.emit('systems.changed', { system: next });
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
  events = new EventHub();
  systems = new Map();
  summaries = new Map();
  for (const [id, state, type] of [
    ['c1', 'Running', 'Container'],
    ['vm1', 'Running', 'VirtualMachine'],
    ['off', 'Stopped', 'Container'],
  ] as const) {
    systems.set(id, new StatsSystem(() => Date.now()));
    summaries.set(id, summary(id, state, type));
  }
  hub = new StatisticsHub(events, {
    systemFor: async (id) => systems.get(id) as unknown as HcsPortSystem,
    summaryOf: (id) => summaries.get(id),
    listed: () => [...summaries.values()],
    describe: (e) => appErrorInfo(e instanceof Error ? e.message : String(e)),
    now: () => Date.now(),
    hostProcessors: 4,
    intervalMs: INTERVAL,
    graceMs: GRACE,
  });
});

afterEach(() => {
  hub.stop();
  vi.useRealTimers();
});

describe('statistics hub', () => {
  it('two watchers of one system share one query per interval and get the same samples', async () => {
    const a = new Recorder();
    const b = new Recorder();
    hub.watch(a, 'c1');
    hub.watch(b, 'c1');
    await vi.advanceTimersByTimeAsync(INTERVAL * 5 + 10);
    const c1 = systems.get('c1')!;
    expect(c1.v2Count).toBe(6);
    expect(a.samples).toHaveLength(6);
    expect(b.samples).toEqual(a.samples);
    expect(a.samples.map((s) => s.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    // 1e6 ticks (0.1 s) per 1 s interval on 4 host processors: 2.5 %.
    expect(a.samples[0]!.cpuPercent).toBeNull();
    expect(a.samples[5]!.cpuPercent).toBeCloseTo(2.5, 6);
  });

  it('a new watcher gets the history at once, then only new samples', async () => {
    const a = new Recorder();
    hub.watch(a, 'c1');
    await vi.advanceTimersByTimeAsync(INTERVAL * 3 + 10);
    const b = new Recorder();
    const answer = hub.watch(b, 'c1');
    expect(answer.samples.map((s) => s.seq)).toEqual([0, 1, 2, 3]);
    expect(answer.status).toEqual({ state: 'sampling', intervalMs: INTERVAL, error: null });
    expect(answer.document).toMatchObject({ Processor: { TotalRuntime100ns: 4e6 } });
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(b.samples.map((s) => s.seq)).toEqual([4]);
  });

  it('asks for a VM’s Memory too, and for Statistics alone once HCS refuses Memory', async () => {
    const vm = systems.get('vm1')!;
    const a = new Recorder();
    hub.watch(a, 'vm1');
    await vi.advanceTimersByTimeAsync(10);
    expect(vm.queries[0]).toEqual({ schema: 2, types: ['Statistics', 'Memory'] });
    expect(a.samples[0]!.processorCount).toBe(2);
    vm.refuseMemory = true;
    await vi.advanceTimersByTimeAsync(INTERVAL * 2);
    expect(vm.queries.filter((q) => q.schema === 2).slice(-2)).toEqual([
      { schema: 2, types: ['Statistics'] },
      { schema: 2, types: ['Statistics'] },
    ]);
    expect(a.samples).toHaveLength(3);
    expect(a.updates.every((u) => u.status.state === 'sampling')).toBe(true);
  });

  it('asks for network figures every interval only while the system has endpoints', async () => {
    const c1 = systems.get('c1')!;
    hub.watch(new Recorder(), 'c1');
    await vi.advanceTimersByTimeAsync(INTERVAL * 4 + 10);
    expect(c1.queries.filter((q) => q.schema === 1)).toHaveLength(1);

    const d = new Recorder();
    const c2 = new StatsSystem(() => Date.now());
    c2.network = [{ EndpointId: 'e', BytesReceived: 10, BytesSent: 5 }];
    systems.set('c2', c2);
    summaries.set('c2', summary('c2', 'Running'));
    hub.watch(d, 'c2');
    await vi.advanceTimersByTimeAsync(INTERVAL * 2 + 10);
    expect(c2.queries.filter((q) => q.schema === 1)).toHaveLength(3);
    expect(d.samples[0]!.network).toMatchObject({ receivedBytes: 10, sentBytes: 5 });

    const e = new Recorder();
    const c3 = new StatsSystem(() => Date.now());
    c3.networkInAnswer = [{ EndpointId: 'e', BytesReceived: 30, BytesSent: 7 }];
    systems.set('c3', c3);
    summaries.set('c3', summary('c3', 'Running'));
    hub.watch(e, 'c3');
    await vi.advanceTimersByTimeAsync(INTERVAL * 2 + 10);
    expect(c3.queries.filter((q) => q.schema === 1)).toHaveLength(0);
    expect(e.samples.at(-1)!.network).toMatchObject({ receivedBytes: 30, receiveBytesPerSecond: 0 });
  });

  it('does not ask while the system is not running, and starts a new run of rates when it runs again', async () => {
    const c1 = systems.get('c1')!;
    const a = new Recorder();
    hub.watch(a, 'c1');
    await vi.advanceTimersByTimeAsync(INTERVAL + 10);
    setState('c1', 'Paused');
    const asked = c1.v2Count;
    await vi.advanceTimersByTimeAsync(INTERVAL * 5);
    expect(c1.v2Count).toBe(asked);
    expect(a.updates.at(-1)).toMatchObject({ sample: null, status: { state: 'waiting' } });

    setState('c1', 'Running');
    await vi.advanceTimersByTimeAsync(10);
    expect(c1.v2Count).toBe(asked + 1);
    const last = a.samples.at(-1)!;
    expect(last.cpuPercent).toBeNull();
    expect(a.updates.at(-1)!.status.state).toBe('sampling');

    const stopped = new Recorder();
    expect(hub.watch(stopped, 'off').status.state).toBe('waiting');
    await vi.advanceTimersByTimeAsync(INTERVAL * 3);
    expect(systems.get('off')!.queries).toHaveLength(0);
  });

  it('reports a failed query as the status, and samples again when HCS answers', async () => {
    const c1 = systems.get('c1')!;
    const a = new Recorder();
    hub.watch(a, 'c1');
    await vi.advanceTimersByTimeAsync(10);
    c1.fail = 'access is denied';
    await vi.advanceTimersByTimeAsync(INTERVAL * 3);
    const failures = a.updates.filter((u) => u.status.state === 'failed');
    expect(failures).toHaveLength(1); // once, not once per interval
    expect(failures[0]).toMatchObject({ sample: null, status: { error: { message: 'access is denied' } } });
    c1.fail = null;
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(a.updates.at(-1)).toMatchObject({ status: { state: 'sampling', error: null } });
    expect(a.updates.at(-1)!.sample?.cpuPercent).toBeNull();
  });

  it('keeps sampling through the grace period after the last unwatch, then stops and forgets', async () => {
    const c1 = systems.get('c1')!;
    const a = new Recorder();
    const b = new Recorder();
    hub.watch(a, 'c1');
    hub.watch(a, 'c1');
    hub.watch(b, 'c1');
    await vi.advanceTimersByTimeAsync(10);
    hub.unwatch(a, 'c1');
    hub.unwatchAll(b);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(b.samples).toHaveLength(1);
    expect(a.samples).toHaveLength(2); // a still watches once
    hub.unwatch(a, 'c1');
    expect(hub.sampledIds).toEqual(['c1']);
    await vi.advanceTimersByTimeAsync(GRACE);
    expect(hub.sampledIds).toEqual([]);
    const asked = c1.v2Count;
    await vi.advanceTimersByTimeAsync(INTERVAL * 5);
    expect(c1.v2Count).toBe(asked);
    expect(a.samples).toHaveLength(2);
    // Watched again: a new sampler, a new history.
    expect(hub.watch(a, 'c1').samples).toEqual([]);
  });

  it('a watch within the grace period keeps the history', async () => {
    const a = new Recorder();
    hub.watch(a, 'c1');
    await vi.advanceTimersByTimeAsync(INTERVAL * 2 + 10);
    hub.unwatch(a, 'c1');
    await vi.advanceTimersByTimeAsync(GRACE - INTERVAL);
    expect(hub.watch(a, 'c1').samples.length).toBeGreaterThan(3);
    await vi.advanceTimersByTimeAsync(GRACE * 2);
    expect(hub.sampledIds).toEqual(['c1']);
  });

  it('refuses an id HCS does not list', () => {
    expect(() => hub.watch(new Recorder(), 'nope')).toThrow(AppError);
  });

  it('never has two queries of one system in flight, however slow HCS answers', async () => {
    const c1 = systems.get('c1')!;
    let inFlight = 0;
    let most = 0;
    const original = c1.propertiesV2.bind(c1);
    c1.propertiesV2 = (types) => {
      most = Math.max(most, ++inFlight);
      return new Promise((resolve) =>
        setTimeout(() => {
          inFlight--;
          resolve(original(types));
        }, INTERVAL * 3),
      );
    };
    const a = new Recorder();
    hub.watch(a, 'c1');
    await vi.advanceTimersByTimeAsync(INTERVAL * 20);
    expect(most).toBe(1);
    expect(a.samples.length).toBeGreaterThanOrEqual(4);
  });
});

/** A client of the host's figures, each event checked against the contract. */
class HostRecorder implements StatisticsWatcher {
  readonly events: EventOf<'statistics.host'>[] = [];
  statisticsUpdate(): void {}
  hostStatistics(update: EventOf<'statistics.host'>): void {
    this.events.push(parseEvent<'statistics.host'>('statistics.host', update).payload);
  }
}

describe('host statistics', () => {
  it('samples every running system while the host is watched; one event per interval with the totals', async () => {
    const a = new HostRecorder();
    const answer = hub.watchHost(a);
    expect(answer).toMatchObject({ intervalMs: INTERVAL, hostProcessors: 4, systems: {}, totals: [] });
    expect(hub.sampledIds.sort()).toEqual(['c1', 'vm1']);
    await vi.advanceTimersByTimeAsync(INTERVAL * 3);
    expect(a.events).toHaveLength(3);
    const last = a.events.at(-1)!;
    expect(Object.keys(last.systems).sort()).toEqual(['c1', 'vm1']);
    // c1: 1e6 ticks a second on 4 host processors = 2.5 %; vm1: 5 % of its 2 processors = 2.5 % of the host.
    expect(last.systems.c1).toMatchObject({ cpuPercent: 2.5, processorCount: 4, memoryBytes: 0 });
    expect(last.totals).toMatchObject({ running: 2, sampled: 2 });
    expect(last.systems.vm1).toMatchObject({ cpuPercent: 5, processorCount: 2 });
    expect(last.totals.cpuPercent).toBeCloseTo(2.5 + 2.5, 6);
    // A second client gets the totals' history and the newest figures at once.
    const b = hub.watchHost(new HostRecorder());
    expect(b.totals).toHaveLength(3);
    expect(Object.keys(b.systems).sort()).toEqual(['c1', 'vm1']);
  });

  it('follows the systems that start and stop running', async () => {
    const a = new HostRecorder();
    hub.watchHost(a);
    await vi.advanceTimersByTimeAsync(INTERVAL + 10);
    setState('c1', 'Paused');
    setState('off', 'Running');
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(a.events.at(-1)!.gone).toEqual(['c1']);
    expect(hub.sampledIds.sort()).toEqual(['c1', 'off', 'vm1']); // c1 in its grace period
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(a.events.at(-1)!.totals.running).toBe(2);
    expect(Object.keys(a.events.at(-1)!.systems).sort()).toEqual(['off', 'vm1']);
  });

  it('a system watched only for the host is asked at the background interval; a view brings it to the full rate', async () => {
    // 250 running systems at 100 queries a second: each is asked every 2.5 s.
    for (let i = 0; i < 248; i++) {
      const id = `bulk${i}`;
      systems.set(id, new StatsSystem(() => Date.now()));
      summaries.set(id, summary(id, 'Running'));
    }
    hub.watchHost(new HostRecorder());
    await vi.advanceTimersByTimeAsync(10_000 + 50);
    const bulk = systems.get('bulk0')!;
    // Third in the budget's line (after c1 and vm1, 10 ms apart): at 0.02, 2.52, 5.02, 7.52 and 10.02 s.
    expect(bulk.v2Count).toBe(5);
    const view = new Recorder();
    const answer = hub.watch(view, 'bulk0');
    expect(answer.status.intervalMs).toBe(INTERVAL);
    await vi.advanceTimersByTimeAsync(INTERVAL * 3 + 10);
    expect(bulk.v2Count).toBe(5 + 4); // at once, then every second
  });

  it('systems that start running together are asked within the host’s budget; a view’s is asked at once', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `bulk${i}`);
    for (const id of ids) {
      systems.set(id, new StatsSystem(() => Date.now()));
      summaries.set(id, summary(id, 'Paused'));
    }
    const host = new HostRecorder();
    hub.watchHost(host);
    await vi.advanceTimersByTimeAsync(INTERVAL * 2);
    const asked = () => ids.reduce((n, id) => n + systems.get(id)!.v2Count, 0);
    expect(asked()).toBe(0);
    // A bulk resume: a thousand systems run again in one turn.
    for (const id of ids) setState(id, 'Running');
    await vi.advanceTimersByTimeAsync(0);
    expect(asked()).toBeLessThanOrEqual(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked()).toBeLessThanOrEqual(HOST_QUERIES_PER_SECOND + 1);
    // A view opens on one still waiting for its turn: asked now, at the full rate.
    const late = systems.get('bulk999')!;
    expect(late.v2Count).toBe(0);
    hub.watch(new Recorder(), 'bulk999');
    await vi.advanceTimersByTimeAsync(0);
    expect(late.v2Count).toBe(1);
    // One paused while it waits is not asked.
    const paused = systems.get('bulk998')!;
    setState('bulk998', 'Paused');
    await vi.advanceTimersByTimeAsync(9_000);
    expect(paused.v2Count).toBe(0);
    for (const id of ids.slice(0, 998)) expect(systems.get(id)!.v2Count).toBeGreaterThanOrEqual(1);
    expect(Object.keys(host.events.at(-1)!.systems).length).toBeGreaterThan(0);
  });

  it('keeps an hour of a system a view watches, but only the last minutes of one sampled for the host alone', async () => {
    summaries.set('bg', summary('bg', 'Running'));
    systems.set('bg', new StatsSystem(() => Date.now()));
    hub.watchHost(new HostRecorder());
    const view = new Recorder();
    hub.watch(view, 'c1');
    await vi.advanceTimersByTimeAsync(BACKGROUND_HISTORY_MS * 2);
    /** The history a view opening now gets (it looks and goes at once). */
    const history = (id: string) => {
      const glance = new Recorder();
      const { samples } = hub.watch(glance, id);
      hub.unwatch(glance, id);
      return { oldest: Date.now() - samples[0]!.at, newest: samples.at(-1)! };
    };
    // Watched by a view all along: everything since the watch. The host's figures alone: the last minutes.
    expect(history('c1').oldest).toBeGreaterThanOrEqual(BACKGROUND_HISTORY_MS * 2 - INTERVAL);
    // (Measured from now, not from its newest sample: up to an interval more.)
    expect(history('bg').oldest).toBeLessThanOrEqual(BACKGROUND_HISTORY_MS + INTERVAL);
    // The view goes: from the next sample on, the host's figures alone keep the last minutes of it.
    hub.unwatchAll(view);
    await vi.advanceTimersByTimeAsync(GRACE + INTERVAL * 3);
    const after = history('c1');
    expect(after.oldest).toBeLessThanOrEqual(BACKGROUND_HISTORY_MS);
    expect(after.oldest).toBeGreaterThan(BACKGROUND_HISTORY_MS - INTERVAL * 4);
    expect(hub.sampledIds).toContain('c1');
  });

  it('stops sampling when the last host watcher goes', async () => {
    const a = new HostRecorder();
    hub.watchHost(a);
    await vi.advanceTimersByTimeAsync(INTERVAL * 2);
    hub.unwatchAll(a);
    await vi.advanceTimersByTimeAsync(GRACE + INTERVAL);
    expect(hub.sampledIds).toEqual([]);
    const events = a.events.length;
    await vi.advanceTimersByTimeAsync(INTERVAL * 3);
    expect(a.events).toHaveLength(events);
    expect(hub.watchHost(new HostRecorder()).totals).toEqual([]);
  });

  it('a new interval: every sampler and the host figures follow it from now, and the status says so', async () => {
    const view = new Recorder();
    const host = new HostRecorder();
    hub.watch(view, 'c1');
    hub.watchHost(host);
    await vi.advanceTimersByTimeAsync(INTERVAL * 2 + 10);
    const c1 = systems.get('c1')!;
    const before = c1.v2Count;
    hub.setIntervalMs(INTERVAL * 4);
    expect(hub.intervalMs).toBe(INTERVAL * 4);
    expect(view.updates.at(-1)?.status.intervalMs).toBe(INTERVAL * 4);
    // Nothing at the old rate any more: the next query comes one new interval later.
    await vi.advanceTimersByTimeAsync(INTERVAL * 4 - 10);
    expect(c1.v2Count).toBe(before);
    await vi.advanceTimersByTimeAsync(INTERVAL * 8 + 20);
    expect(c1.v2Count).toBe(before + 3);
    const hostEvents = host.events.length;
    await vi.advanceTimersByTimeAsync(INTERVAL * 8);
    expect(host.events.length - hostEvents).toBe(2);
    expect(hub.watch(new Recorder(), 'c1').status.intervalMs).toBe(INTERVAL * 4);
  });
});
