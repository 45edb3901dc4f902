import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  LOW_WATERMARK_BYTES,
  HOST_ID_PATTERN,
  decodeOutputFrame,
  parseEvent,
  type EventChannel,
  type EventOf,
  type HostInfo,
  type OutputChunk,
} from '../../contract/index.ts';
import type { AppEvent } from '../events.ts';
import { AppCore } from '../core.ts';
import { FakeHcsPort } from '../testing/fake-hcs-port.ts';
import { CONTAINER, VM, settle } from '../testing/harness.ts';
import type { HostStore, SavedHost } from './host-store.ts';
import { FakeHost, FakeNetwork, ManualScheduler, certificate } from './testing/fake-remote.ts';

class MemoryStore implements HostStore {
  readonly tokenStorage = 'encrypted' as const;
  saved: SavedHost[] = [];
  saves = 0;
  async load(): Promise<SavedHost[]> {
    return this.saved.map((h) => ({ ...h }));
  }
  async save(hosts: readonly SavedHost[]): Promise<void> {
    this.saves++;
    this.saved = hosts.map((h) => ({ ...h }));
  }
}

const ORIGIN = 'https://127.0.0.2:7380';
const URL_WITH_TOKEN = `${ORIGIN}/?token=the-token`;

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  vi.restoreAllMocks();
});

/** An app core with remote hosts on a fake network, recording (and checking) every event it sends. */
async function aggregator(options: { store?: MemoryStore } = {}) {
  const network = new FakeNetwork();
  const scheduler = new ManualScheduler();
  const store = options.store ?? new MemoryStore();
  const core = new AppCore(new FakeHcsPort([CONTAINER]), {
    pollIntervalMs: 600_000,
    retryInitialMs: 600_000,
    retryMaxMs: 600_000,
    hosts: { dialer: network, store, scheduler, limits: { retryInitialMs: 1000, retryMaxMs: 8000 } },
  });
  const events: AppEvent[] = [];
  core.subscribe((event) => {
    parseEvent(event.channel, event.payload);
    events.push(event);
  });
  await core.start();
  running.push(core);
  const of = <C extends EventChannel>(channel: C): EventOf<C>[] =>
    events.filter((e) => e.channel === channel).map((e) => e.payload as EventOf<C>);
  const host = async (origin = ORIGIN, listings = [CONTAINER, VM]) => {
    const remote = network.add(new FakeHost(origin, { listings }));
    await remote.start();
    running.push(remote);
    return remote;
  };
  const info = async (id: string): Promise<HostInfo> => {
    const hosts = await core.handle('hosts.list', {});
    const found = hosts.find((h) => h.id === id);
    if (!found) throw new Error(`no host ${id}`);
    return found;
  };
  /** Settle until the host is in `state` (the fake network answers without timers). */
  const until = async (id: string, state: HostInfo['state']) => {
    for (let i = 0; i < 50; i++) {
      if ((await info(id)).state === state) return info(id);
      await settle();
    }
    throw new Error(`host ${id} is ${(await info(id)).state}, not ${state}: ${(await info(id)).reason}`);
  };
  return { core, network, scheduler, store, events, of, host, info, until };
}

/** Added and trusted: connected with its list. */
async function connected(a: Awaited<ReturnType<typeof aggregator>>) {
  const remote = await a.host();
  const added = await a.core.handle('hosts.add', { url: URL_WITH_TOKEN });
  await a.until(added.id, 'untrusted');
  await a.core.handle('hosts.trust', { host: added.id, fingerprint: remote.certificate.fingerprint });
  await a.until(added.id, 'connected');
  await settle();
  return { remote, id: added.id };
}

describe('adding a host: the certificate first, the token only once it is trusted', () => {
  it('pastes the URL web mode printed; the first connection shows the fingerprint and sends nothing', async () => {
    const a = await aggregator();
    const remote = await a.host();
    const added = await a.core.handle('hosts.add', { url: URL_WITH_TOKEN, name: 'build agent 2' });
    expect(added).toMatchObject({ id: '127-0-0-2', name: 'build agent 2', origin: ORIGIN });
    expect(added.id).toMatch(HOST_ID_PATTERN);
    const info = await a.until(added.id, 'untrusted');
    expect(info.presented?.fingerprint).toBe(remote.certificate.fingerprint);
    expect(info.pinned).toBeNull();
    expect(info.reason).toContain(remote.certificate.fingerprint);
    // Declined after the handshake: the token never reached the host, and no request either.
    expect(a.network.dials.map((d) => d.result)).toEqual(['declined']);
    expect(remote.clients.size).toBe(0);
    expect(remote.requests).toEqual([]);
    // Nothing is retried while the person decides.
    a.scheduler.advance(3_600_000);
    expect(a.network.dials).toHaveLength(1);
    // The token is kept by the store, never in what the page gets.
    expect(a.store.saved[0]).toMatchObject({ id: added.id, token: 'the-token', pinned: null });
    expect(JSON.stringify(a.events)).not.toContain('the-token');
  });

  it('pins what the person saw: another fingerprint is refused and nothing is pinned', async () => {
    const a = await aggregator();
    await a.host();
    const { id } = await a.core.handle('hosts.add', { url: URL_WITH_TOKEN });
    await a.until(id, 'untrusted');
    await expect(
      a.core.handle('hosts.trust', { host: id, fingerprint: certificate(9).fingerprint }),
    ).rejects.toThrow(/presents the certificate/);
    expect(a.store.saved[0]!.pinned).toBeNull();
  });

  it('connects once trusted: the host listed with its systems, keys qualified', async () => {
    const a = await aggregator();
    const { id, remote } = await connected(a);
    const info = await a.info(id);
    expect(info.state).toBe('connected');
    expect(info.pinned?.fingerprint).toBe(remote.certificate.fingerprint);
    expect(a.store.saved[0]!.pinned?.fingerprint).toBe(remote.certificate.fingerprint);
    const listed = await a.core.handle('systems.list', {});
    expect(listed.map((s) => s.id).sort()).toEqual([`@${id}/c1`, `@${id}/vm1`, 'c1'].sort());
    const snapshot = a.of('systems.snapshot').find((s) => s.host === id);
    expect(snapshot?.systems.map((s) => s.id).sort()).toEqual([`@${id}/c1`, `@${id}/vm1`]);
    // A page that connects now gets the host and its list.
    const initial = a.core.initialEvents();
    expect(initial.some((e) => e.channel === 'hosts.changed' && e.payload.host.id === id)).toBe(true);
    expect(initial.some((e) => e.channel === 'systems.snapshot' && e.payload.host === id)).toBe(true);
  });

  it('accepts an address, port and token; clear text only for loopback', async () => {
    const a = await aggregator();
    await a.host('http://127.0.0.3:7380');
    const added = await a.core.handle('hosts.add', {
      address: '127.0.0.3',
      port: 7380,
      token: 'the-token',
      secure: false,
    });
    // http on loopback: no certificate to pin, it connects at once.
    await a.until(added.id, 'connected');
    await expect(
      a.core.handle('hosts.add', { address: 'build-3.example', port: 7380, token: 't', secure: false }),
    ).rejects.toThrow(/needs https/);
    await expect(
      a.core.handle('hosts.add', { url: URL_WITH_TOKEN.replace('.2:', '.3:').replace('https', 'http') }),
    ).rejects.toThrow(/already added/);
  });
});

describe('refused without retrying: a changed certificate, a wrong token', () => {
  it('refuses a changed certificate naming both fingerprints, sends nothing, and waits for the person', async () => {
    const a = await aggregator();
    const { id, remote } = await connected(a);
    const pinned = remote.certificate.fingerprint;
    remote.down();
    await a.until(id, 'unreachable');
    remote.certificate = certificate(7);
    remote.up = true;
    a.scheduler.advance(1000);
    const info = await a.until(id, 'refused');
    expect(info.refusal).toBe('certificate-changed');
    expect(info.reason).toContain(pinned);
    expect(info.reason).toContain(certificate(7).fingerprint);
    expect(info.presented?.fingerprint).toBe(certificate(7).fingerprint);
    expect(info.pinned?.fingerprint).toBe(pinned);
    expect(info.retryAt).toBeNull();
    expect(a.network.dials.at(-1)?.result).toBe('declined');
    // Its systems stay, marked by the host's state, not removed.
    expect((await a.core.handle('systems.list', {})).filter((s) => s.id.startsWith(`@${id}/`))).toHaveLength(
      2,
    );
    const dials = a.network.dials.length;
    a.scheduler.advance(24 * 3_600_000);
    expect(a.network.dials).toHaveLength(dials);
    expect(a.scheduler.pending).toBe(0);
  });

  it('refuses a wrong token once: no retries, however long; a new token connects', async () => {
    const a = await aggregator();
    const remote = await a.host();
    remote.token = 'the-right-token';
    const { id } = await a.core.handle('hosts.add', { url: URL_WITH_TOKEN });
    await a.until(id, 'untrusted');
    await a.core.handle('hosts.trust', { host: id, fingerprint: remote.certificate.fingerprint });
    const info = await a.until(id, 'refused');
    expect(info).toMatchObject({ refusal: 'token', retryAt: null });
    expect(info.reason).toMatch(/refused the token \(HTTP 401\)/);
    expect(info.reason).not.toContain('the-token');
    const dials = a.network.dials.length;
    a.scheduler.advance(24 * 3_600_000);
    expect(a.network.dials).toHaveLength(dials);
    await a.core.handle('hosts.setToken', { host: id, token: 'the-right-token' });
    await a.until(id, 'connected');
    expect(a.store.saved[0]!.token).toBe('the-right-token');
  });

  it('a host that answers with another status is refused as not HCS Desktop; 5xx is retried', async () => {
    const a = await aggregator();
    const remote = await a.host();
    const { id } = await a.core.handle('hosts.add', { url: URL_WITH_TOKEN });
    await a.until(id, 'untrusted');
    remote.httpStatus = 404;
    await a.core.handle('hosts.trust', { host: id, fingerprint: remote.certificate.fingerprint });
    expect(await a.until(id, 'refused')).toMatchObject({ refusal: 'protocol' });
    remote.httpStatus = 503;
    await a.core.handle('hosts.reconnect', { host: id });
    expect((await a.until(id, 'unreachable')).retryAt).not.toBeNull();
  });
});

describe('a host that goes away', () => {
  it('is unreachable with its systems kept, retried with backoff, and back with a fresh list', async () => {
    const a = await aggregator();
    const { id, remote } = await connected(a);
    const localSnapshots = a.of('systems.snapshot').filter((s) => s.host === undefined).length;
    remote.down();
    const away = await a.until(id, 'unreachable');
    expect(away.retryAt).toBe(a.scheduler.now() + 1000);
    expect(away.reason).toMatch(/closed/);
    await expect(a.core.handle('systems.start', { id: `@${id}/vm1` })).rejects.toThrow(/unreachable/);
    // Still down: the next try comes later (1 s, then 2 s, 4 s…).
    a.scheduler.advance(1000);
    await settle();
    expect((await a.until(id, 'unreachable')).retryAt).toBe(a.scheduler.now() + 2000);
    // Back: a system appeared meanwhile.
    remote.hcs.addSystem({ ...VM, Id: 'vm2' });
    await remote.core.pollNow();
    remote.up = true;
    a.scheduler.advance(2000);
    await a.until(id, 'connected');
    const last = a
      .of('systems.snapshot')
      .filter((s) => s.host === id)
      .at(-1);
    expect(last?.systems.map((s) => s.id).sort()).toEqual([`@${id}/c1`, `@${id}/vm1`, `@${id}/vm2`]);
    // The local host was never touched.
    expect(a.of('systems.snapshot').filter((s) => s.host === undefined)).toHaveLength(localSnapshots);
  });

  it('is removed on request: its systems go, its token and pin are forgotten', async () => {
    const a = await aggregator();
    const { id } = await connected(a);
    await a.core.handle('hosts.remove', { host: id });
    expect(a.of('hosts.removed')).toEqual([{ host: id }]);
    expect(a.store.saved).toEqual([]);
    expect((await a.core.handle('systems.list', {})).map((s) => s.id)).toEqual(['c1']);
    await expect(a.core.handle('systems.start', { id: `@${id}/vm1` })).rejects.toThrow(/no remote host/);
  });

  it('loads saved hosts at start and connects with their pin', async () => {
    const store = new MemoryStore();
    const first = await aggregator({ store });
    const { id, remote } = await connected(first);
    const second = await aggregator({ store });
    second.network.add(remote);
    await second.core.handle('hosts.reconnect', { host: id });
    await second.until(id, 'connected');
  });
});

describe('using a remote system', () => {
  it('runs a lifecycle operation on the host, its id and events qualified', async () => {
    const a = await aggregator();
    const { id, remote } = await connected(a);
    const { opId } = await a.core.handle('systems.start', { id: `@${id}/vm1` });
    expect(opId).toMatch(new RegExp(`^@${id}/`));
    for (
      let i = 0;
      i < 20 &&
      !a.of('operations.changed').some((o) => o.operation.opId === opId && o.operation.status === 'done');
      i++
    ) {
      await settle();
    }
    const done = a
      .of('operations.changed')
      .find((o) => o.operation.opId === opId && o.operation.status === 'done');
    expect(done?.operation.systemId).toBe(`@${id}/vm1`);
    expect(
      remote.requests.some(
        (r) => r.channel === 'systems.start' && (r.payload as { id: string }).id === 'vm1',
      ),
    ).toBe(true);
    expect(
      a.of('systems.changed').some((c) => c.system.id === `@${id}/vm1` && c.system.state === 'Running'),
    ).toBe(true);
    expect((await a.core.handle('operations.list', {})).some((o) => o.opId === opId)).toBe(true);
    // The timeline has the host's entries, numbered in the local sequence.
    const timeline = await a.core.handle('timeline.list', {});
    const remoteEntries = timeline.entries.filter((e) => e.systemId === `@${id}/vm1`);
    expect(remoteEntries.length).toBeGreaterThan(0);
    const seqs = timeline.entries.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('runs a process on the host and carries its output, flow-controlled end to end', async () => {
    const a = await aggregator();
    const { id, remote } = await connected(a);
    const { session } = await a.core.handle('exec.start', {
      id: `@${id}/c1`,
      commandLine: 'cmd /c dir',
      tty: false,
      cols: 80,
      rows: 25,
    });
    expect(session.sessionId).toMatch(new RegExp(`^@${id}/`));
    expect(session.systemId).toBe(`@${id}/c1`);
    const chunks: OutputChunk[] = [];
    const connection = a.core.connect(
      (frame) => chunks.push(decodeOutputFrame(frame)),
      () => undefined,
    );
    const process = remote.hcs.processes.last();
    process.write('stdout', 'before attach\n');
    await settle();
    const attached = await connection.handle('exec.attach', { sessionId: session.sessionId });
    expect(attached.session.sessionId).toBe(session.sessionId);
    await settle();
    // The replay is small (within the low watermark): acknowledged to the host at once.
    const ackRequests = () => remote.requests.filter((r) => r.channel === 'exec.ack');
    const ackedToHost = () => ackRequests().reduce((n, r) => n + (r.payload as { bytes: number }).bytes, 0);
    const received = () => chunks.reduce((n, c) => n + c.data.byteLength, 0);
    expect(ackedToHost()).toBe(received());
    // More than the low watermark, not acknowledged by the page: the core acknowledges to the host only what
    // keeps the page within the low watermark, and owes it the rest.
    const burst = 'x'.repeat(LOW_WATERMARK_BYTES + 100_000);
    process.write('stdout', burst);
    await settle();
    const text = () => Buffer.concat(chunks.map((c) => c.data)).toString();
    expect(chunks.every((c) => c.sessionId === session.sessionId)).toBe(true);
    expect(text()).toContain('before attach');
    expect(text()).toContain(burst);
    expect(received() - ackedToHost()).toBeGreaterThan(0);
    expect(ackedToHost()).toBeLessThanOrEqual(LOW_WATERMARK_BYTES + 'before attach\n'.length);
    const acksBefore = ackRequests().length;
    // The page catches up: the host is acknowledged the rest, in one.
    await connection.handle('exec.ack', { sessionId: session.sessionId, bytes: received() });
    await settle();
    expect(ackRequests().length).toBe(acksBefore + 1);
    expect(ackedToHost()).toBe(received());
    await a.core.handle('exec.input', { sessionId: session.sessionId, data: 'hello' });
    await settle();
    expect(Buffer.concat(process.input).toString()).toBe('hello');
    connection.close();
    await settle();
    expect(remote.requests.some((r) => r.channel === 'exec.detach')).toBe(true);
    expect((await a.core.handle('exec.list', {})).some((s) => s.sessionId === session.sessionId)).toBe(true);
  });

  it("watches a remote system's statistics for the connection that asked", async () => {
    const a = await aggregator();
    const { id, remote } = await connected(a);
    const updates: AppEvent[] = [];
    const connection = a.core.connect(
      () => undefined,
      (event) => updates.push(event),
    );
    const answer = await connection.handle('statistics.watch', { id: `@${id}/c1` });
    expect(answer.status.state).toBeDefined();
    expect(remote.requests.filter((r) => r.channel === 'statistics.watch')).toHaveLength(1);
    connection.close();
    await settle();
    expect(remote.requests.filter((r) => r.channel === 'statistics.unwatch')).toHaveLength(1);
  });
});

describe('the host is untrusted input', () => {
  it('drops invalid events (said once), and keys it relays from other hosts', async () => {
    const a = await aggregator();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { id, remote } = await connected(a);
    const before = a.events.length;
    remote.sendRaw(
      JSON.stringify({ t: 'evt', channel: 'systems.changed', payload: { system: { id: 'x' } } }),
    );
    remote.sendRaw('not json');
    remote.sendRaw(
      JSON.stringify({
        t: 'evt',
        channel: 'systems.removed',
        payload: { id: '@other/c1' },
      }),
    );
    remote.sendRaw(new Uint8Array([9, 9, 9]));
    await settle();
    expect(a.events.length).toBe(before);
    expect(warn).toHaveBeenCalledTimes(1);
    expect((await a.info(id)).state).toBe('connected');
  });

  it('refuses a host whose list this version cannot read', async () => {
    const a = await aggregator();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const remote = await a.host();
    const initial = remote.core.initialEvents.bind(remote.core);
    remote.core.initialEvents = () =>
      initial().map((e) =>
        e.channel === 'systems.snapshot'
          ? ({ channel: e.channel, payload: { systems: 'nope' } } as unknown as AppEvent)
          : e,
      );
    const { id } = await a.core.handle('hosts.add', { url: URL_WITH_TOKEN });
    await a.until(id, 'untrusted');
    await a.core.handle('hosts.trust', { host: id, fingerprint: remote.certificate.fingerprint });
    const info = await a.until(id, 'refused');
    expect(info.refusal).toBe('protocol');
    a.scheduler.advance(3_600_000);
    expect((await a.info(id)).state).toBe('refused');
  });
});
