/**
 * Many hosts: 20 simulated hosts × 500 systems, each a real app core behind a real web-mode server over TLS on
 * loopback (its HCS is the in-process fake backend: 20 simulator processes would measure this box's two cores,
 * not the client), and a hub — an app core with those hosts saved and pinned, behind its own web-mode server —
 * whose page (a WebSocket client feeding the renderer's store) is what is timed:
 *  - time to the first full "All hosts" list: from the hub's start to the page holding all 10,000
 *    systems, beside the same 10,000 systems from one host through the same path in the same run;
 *  - events per second at the page: every remote system changes state once (a state-changing notification
 *    on its host, which reads it again and sends `systems.changed`), timed from the first change to the last
 *    one in the page's store, beside one host sending as many.
 * Bounded (fixed counts) and self-stopping: every wait has a deadline and everything started is stopped.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { AppCore } from '../src/app/core.ts';
import type { HostStore, SavedHost } from '../src/app/hosts/host-store.ts';
import { FakeHcsPort } from '../src/app/testing/fake-hcs-port.ts';
import { LOCAL_HOST_ID, hostOf, type SystemSummary, type WireMessage } from '../src/contract/index.ts';
import { NotificationType } from '../src/hcs/notification-types.ts';
import { remoteDialer } from '../src/host/index.ts';
import { startWebServer, type WebServer } from '../src/server/web-server.ts';
import { elapsedMs, median, nowNs } from './lib/measure.ts';
import type { BenchRow, BenchSection } from './lib/section.ts';
import { makeTestCertificate } from '../test/helpers/test-certificate.ts';

const HOSTS = 20;
const PER_HOST = 500;
const TOTAL = HOSTS * PER_HOST;
const ROUNDS = 3;
const DEADLINE_MS = 120_000;

interface Simulated {
  backend: FakeHcsPort;
  core: AppCore;
  server: WebServer;
  token: string;
}

function listing(id: string) {
  return {
    Id: id,
    Name: id,
    SystemType: 'Container',
    Owner: 'docker',
    RuntimeOsType: 'windows',
    State: 'Running',
    RuntimeId: '00000000-0000-4000-8000-000000000000',
  };
}

function makeTls(dir: string): { cert: Buffer; key: Buffer } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  makeTestCertificate({ certPath: cert, keyPath: key, commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'] });
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

/** A host: an app core on a fake HCS with `count` running systems, served over TLS on 127.0.0.1. */
async function startHost(
  index: number,
  count: number,
  tls: { cert: Buffer; key: Buffer },
  staticDir: string,
): Promise<Simulated> {
  const backend = new FakeHcsPort(Array.from({ length: count }, (_, i) => listing(`h${index}-sys-${i}`)));
  const core = new AppCore(backend, { pollIntervalMs: 600_000 });
  await core.start();
  const token = `bench-host-${index}`;
  const server = await startWebServer({ core, host: '127.0.0.1', port: 0, token, staticDir, tls });
  return { backend, core, server, token };
}

/** The hub's hosts, saved and pinned already (what a user has after adding and trusting them). */
class SavedHosts implements HostStore {
  readonly tokenStorage = 'memory' as const;
  constructor(private readonly hosts: SavedHost[]) {}
  load(): Promise<SavedHost[]> {
    return Promise.resolve(this.hosts);
  }
  save(): Promise<void> {
    return Promise.resolve();
  }
}

function savedHost(host: Simulated, index: number): SavedHost {
  return {
    id: `host-${index}`,
    name: `host-${index}`,
    origin: host.server.origin,
    pinned: {
      fingerprint: host.server.fingerprint!,
      subject: 'CN=127.0.0.1',
      issuer: 'CN=127.0.0.1',
      validFrom: '',
      validTo: '',
      altNames: 'IP Address:127.0.0.1',
    },
    token: host.token,
  };
}

/** The renderer's first reconnect delay (renderer/transport/ws-transport.ts). */
const RECONNECT_MS = 250;

/**
 * The hub's page: a WebSocket client that parses every message once and keeps the systems by key as the
 * renderer's store does (renderer/store/systems.ts: a host's snapshot replaces that host's systems, a change one
 * system). Like the renderer, it connects again when the server closes it (web mode drops a client too slow to
 * keep up), and the server's first messages on the new socket are a snapshot per host. It shares this process's
 * loop with the hub and every host, so it reads only between their turns: a burst the hub writes in one turn
 * can pass the too-slow limit before it reads any of it, which a browser's page, reading on its own, would not.
 */
class Page {
  private readonly systemsByKey = new Map<string, SystemSummary>();
  /** systems.changed events seen (a host that resyncs sends a snapshot instead of the changes it missed). */
  changes = 0;
  paused = 0;
  /** Times a host's link to the hub was dropped (web mode drops a client too slow to keep up) and resynced. */
  drops = 0;
  /** Times the hub closed this page's socket (too slow) and the page connected again. */
  reconnects = 0;
  private waiters: Array<{ check: () => boolean; resolve: () => void }> = [];
  private ws: WebSocket | null = null;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;

  private constructor(
    private readonly url: string,
    private readonly origin: string,
  ) {}

  static async open(url: string, origin: string): Promise<Page> {
    const page = new Page(url, origin);
    await page.connect();
    return page;
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.ws?.terminate();
  }

  private connect(): Promise<void> {
    const ws = new WebSocket(this.url, { headers: { origin: this.origin } });
    this.ws = ws;
    ws.on('message', (data, binary) => {
      if (!binary) this.receive(JSON.parse(String(data)) as WireMessage);
    });
    ws.on('close', () => {
      if (this.closed || this.ws !== ws) return;
      this.reconnects++;
      this.reconnect();
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  /** Connects again after the renderer's delay; a failed attempt (its socket closes too) tries again. */
  private reconnect(): void {
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closed) this.connect().catch(() => undefined);
    }, RECONNECT_MS);
  }

  private receive(m: WireMessage): void {
    if (m.t !== 'evt') return;
    if (m.channel === 'systems.snapshot') {
      const { systems, host } = m.payload as { systems: SystemSummary[]; host?: string };
      const of = host ?? LOCAL_HOST_ID;
      for (const [key, system] of this.systemsByKey) {
        if (hostOf(key) !== of) continue;
        this.systemsByKey.delete(key);
        if (system.state === 'Paused') this.paused--;
      }
      for (const system of systems) this.keep(system);
    } else if (m.channel === 'systems.changed') {
      this.keep((m.payload as { system: SystemSummary }).system);
      this.changes++;
    } else {
      if (
        m.channel === 'hosts.changed' &&
        (m.payload as { host: { state: string } }).host.state === 'unreachable'
      )
        this.drops++;
      return;
    }
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }

  private keep(system: SystemSummary): void {
    const old = this.systemsByKey.get(system.id);
    if (old?.state === 'Paused') this.paused--;
    if (system.state === 'Paused') this.paused++;
    this.systemsByKey.set(system.id, system);
  }

  /** Resolves once `check` holds after an event; rejects at the deadline, saying what it waited for. */
  until(what: string, check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no ${what} within ${DEADLINE_MS / 1000} s (${this.systems()} systems, ${this.paused} paused, ${this.changes} changes seen)`,
            ),
          ),
        DEADLINE_MS,
      );
      this.waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  systems(): number {
    return this.systemsByKey.size;
  }
}

async function handlesOpen(hosts: readonly Simulated[]): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  for (const [h, host] of hosts.entries()) {
    for (let i = 0; i < TOTAL / hosts.length; i++) {
      while (host.backend.openHandles(`h${h}-sys-${i}`) === 0) {
        if (Date.now() > deadline) throw new Error(`host ${h} opened no handle of system ${i} in time`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  }
}

interface RunResult {
  firstListMs: number;
  eventsPerSecond: number;
  drops: number;
  /** Times the hub dropped the page as too slow and the page connected again. */
  reconnects: number;
}

/** One run: `hostCount` hosts of `TOTAL / hostCount` systems, a hub over them, its page timed. */
async function runOnce(
  hostCount: number,
  tls: { cert: Buffer; key: Buffer },
  staticDir: string,
): Promise<RunResult> {
  const hosts: Simulated[] = [];
  let hub: AppCore | null = null;
  let hubServer: WebServer | null = null;
  let page: Page | null = null;
  try {
    for (let i = 0; i < hostCount; i++) hosts.push(await startHost(i, TOTAL / hostCount, tls, staticDir));
    const start = nowNs();
    hub = new AppCore(new FakeHcsPort([]), {
      pollIntervalMs: 600_000,
      hosts: { dialer: remoteDialer, store: new SavedHosts(hosts.map(savedHost)) },
    });
    await hub.start();
    hubServer = await startWebServer({ core: hub, host: '127.0.0.1', port: 0, token: 'hub', staticDir });
    const open = await Page.open(`ws://127.0.0.1:${hubServer.port}/ws?token=hub`, hubServer.origin);
    page = open;
    await open.until('full list', () => open.systems() === TOTAL);
    const firstListMs = elapsedMs(start);

    // HCS notifies open handles only: wait until each host holds one for every system (it opens them after
    // listing them), so that no change is lost.
    await handlesOpen(hosts);
    // Every system changes once, on its own host: Running → Paused, announced as HCS would.
    const changed = nowNs();
    for (let i = 0; i < TOTAL / hostCount; i++) {
      for (const [h, host] of hosts.entries()) {
        const id = `h${h}-sys-${i}`;
        host.backend.setState(id, 'Paused');
        host.backend.notify(id, NotificationType.SystemPauseCompleted);
      }
    }
    await open.until('change of every system', () => open.paused === TOTAL);
    const eventsPerSecond = TOTAL / (elapsedMs(changed) / 1000);
    return { firstListMs, eventsPerSecond, drops: open.drops, reconnects: open.reconnects };
  } finally {
    page?.close();
    await hubServer?.close();
    await hub?.stop();
    for (const host of hosts) {
      await host.server.close();
      await host.core.stop();
    }
  }
}

export const hostsSection: BenchSection = {
  name: 'hosts',
  description: `${HOSTS} hosts × ${PER_HOST} systems over TLS on loopback into one window, beside ${TOTAL} systems from one host`,
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'hcs-bench-hosts-'));
    try {
      const staticDir = join(dir, 'renderer');
      mkdirSync(staticDir);
      writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>HCS Desktop</title>');
      const tls = makeTls(dir);
      const many: RunResult[] = [];
      const one: RunResult[] = [];
      // Interleaved, so both see the same machine load.
      for (let round = 0; round < ROUNDS; round++) {
        one.push(await runOnce(1, tls, staticDir));
        many.push(await runOnce(HOSTS, tls, staticDir));
      }
      const note = `median of ${ROUNDS}; TLS, pinned, through the hub's web mode to its page`;
      const drops = (runs: RunResult[]) =>
        `; links dropped as too slow and resynced: ${runs.map((r) => r.drops).join(', ')}` +
        `; the page dropped as too slow and reconnected: ${runs.map((r) => r.reconnects).join(', ')}`;
      return [
        {
          name: `first full list: 1 host × ${TOTAL}`,
          value: median(one.map((r) => r.firstListMs)),
          unit: 'ms',
          note,
        },
        {
          name: `first full list: ${HOSTS} hosts × ${PER_HOST}`,
          value: median(many.map((r) => r.firstListMs)),
          unit: 'ms',
          baseline: `first full list: 1 host × ${TOTAL}`,
          note,
        },
        {
          name: `changes at the page: 1 host`,
          value: median(one.map((r) => r.eventsPerSecond)),
          unit: 'events/s',
          note: `${TOTAL} changes${drops(one)}`,
        },
        {
          name: `changes at the page: ${HOSTS} hosts`,
          value: median(many.map((r) => r.eventsPerSecond)),
          unit: 'events/s',
          baseline: 'changes at the page: 1 host',
          note: `${TOTAL} changes, ${PER_HOST} per host${drops(many)}`,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
