// Live statistics end to end: two WebSocket clients of the real web server over an app core on the real
// simulator (koffi → libvmcompute_sim → simulator → src/hcs → the core's sampler → per-socket events).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppCore } from '../../src/app/core.ts';
import { HcsAdapter } from '../../src/app/hcs-adapter.ts';
import {
  parseEvent,
  parseResponse,
  type EventOf,
  type ResponseOf,
  type StatisticsSample,
  type WireMessage,
} from '../../src/contract/index.ts';
import { TestClient } from '../../src/server/testing.ts';
import { startWebServer, type WebServer } from '../../src/server/web-server.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';

const TOKEN = 'statistics-token';
const VM = 'test-vm-running';
const CONTAINER = 'test-container-running';
/** Short, so that a test sees several samples quickly; the logic does not depend on it. */
const INTERVAL_MS = 200;

let dir: string;
let sim: StartedSim;
let core: AppCore;
let server: WebServer;
const clients: Client[] = [];

/** A page: its socket, and every statistics update it received, checked against the contract. */
class Client {
  readonly updates: EventOf<'statistics.update'>[] = [];
  private readonly waiters: Array<() => void> = [];
  constructor(readonly ws: TestClient) {}

  async watch(id: string) {
    const answer = await this.ws.request('statistics.watch', { id });
    if (!answer.ok) throw new Error(`watch failed: ${answer.error.message}`);
    return parseResponse('statistics.watch', answer.result) as ResponseOf<'statistics.watch'>;
  }

  async unwatch(id: string): Promise<void> {
    expect(await this.ws.request('statistics.unwatch', { id })).toMatchObject({ ok: true });
  }

  samples(id: string): StatisticsSample[] {
    return this.updates.flatMap((u) => (u.id === id && u.sample ? [u.sample] : []));
  }

  /** Resolves once `done` holds over the updates received (checked at each one). */
  until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return this.waiters.push(check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  receive(message: WireMessage): void {
    if (message.t !== 'evt' || message.channel !== 'statistics.update') return;
    this.updates.push(parseEvent<'statistics.update'>(message.channel, message.payload).payload);
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

async function connect(): Promise<Client> {
  const ws = await TestClient.connect(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, server.origin);
  const client = new Client(ws);
  clients.push(client);
  // Claim every statistics update as it arrives (the rest stay with the TestClient).
  void (async () => {
    for (;;) {
      const message = await ws.next((m) => m.t === 'evt' && m.channel === 'statistics.update');
      client.receive(message);
    }
  })();
  return client;
}

/** Our core's GetComputeSystemProperties calls on `id` whose query names `needle`, by start time. */
async function propertyCallStarts(id: string, needle: string): Promise<number[]> {
  const me = (await sim.control.clients()).find((c) => c.pid === process.pid);
  if (!me) throw new Error('the core is not a client of the simulator');
  const handles = new Set(me.systemHandles.filter((h) => h.systemId === id).map((h) => h.handle));
  const calls = await sim.control.calls(me.id);
  return calls
    .filter(
      (c) =>
        c.op === 'GetComputeSystemProperties' &&
        handles.has(Number(c.args.handle)) &&
        String(c.args.query).includes(needle),
    )
    .map((c) => c.t - c.durationMs);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-statistics-it-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  sim = await startSim({ fixture: 'test' });
});
afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await sim.control.reset();
  core = new AppCore(new HcsAdapter('simulator'), {
    pollIntervalMs: 250,
    retryInitialMs: 100,
    retryMaxMs: 500,
    statisticsIntervalMs: INTERVAL_MS,
  });
  await core.start();
  server = await startWebServer({
    core,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticDir: join(dir, 'renderer'),
  });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.ws.close()));
  await server.close();
  await core.stop();
});

describe('statistics through the web server', () => {
  it('two clients watching one VM share one sampler: one HCS query per sample, the same samples for both', async () => {
    const a = await connect();
    const b = await connect();
    const bystander = await connect();
    await a.watch(VM);
    await b.watch(VM);
    await Promise.all([a.until(() => a.samples(VM).length >= 5), b.until(() => b.samples(VM).length >= 5)]);

    // The simulator's figures move: uptime and processor time grow, the VM's processors come from Memory.
    const samples = a.samples(VM);
    const [first, last] = [samples[0]!, samples.at(-1)!];
    expect(last.uptime100ns).toBeGreaterThan(first.uptime100ns);
    expect(last.cpuTime100ns).toBeGreaterThan(first.cpuTime100ns);
    expect(last.cpuPercent).toBeGreaterThan(0);
    expect(last.memory.commitBytes).toBeGreaterThan(0);
    expect(last.memory.assignedBytes).toBeGreaterThan(0);
    expect(last.processorCount).toBeGreaterThanOrEqual(1);
    const common = b.samples(VM).filter((s) => s.seq <= last.seq);
    expect(common.length).toBeGreaterThan(0);
    for (const s of common) expect(samples.find((x) => x.seq === s.seq)).toEqual(s);

    // One schema2 query (Statistics + Memory) per sample made, whoever watches; one more may be in flight.
    const made = Math.max(...[...a.samples(VM), ...b.samples(VM)].map((s) => s.seq)) + 1;
    const calls = (await propertyCallStarts(VM, 'Memory')).length;
    expect(calls).toBeGreaterThanOrEqual(made);
    expect(calls).toBeLessThanOrEqual(made + 1);

    // A later watcher gets the history at once; a client that watches nothing gets no statistics at all.
    const c = await connect();
    const answer = await c.watch(VM);
    expect(answer.samples.length).toBeGreaterThanOrEqual(5);
    expect(answer.samples[0]!.seq).toBe(0);
    expect(answer.status.state).toBe('sampling');
    expect(answer.document).toMatchObject({ Processor: { TotalRuntime100ns: expect.any(Number) } });
    expect(bystander.updates).toEqual([]);
  });

  it('stops asking HCS about a system once it stops running, while another keeps being sampled', async () => {
    const a = await connect();
    await a.watch(CONTAINER);
    await a.watch(VM);
    await a.until(() => a.samples(CONTAINER).length >= 2);
    expect(await a.ws.request('systems.terminate', { id: CONTAINER })).toMatchObject({ ok: true });
    await a.until(() => a.updates.some((u) => u.id === CONTAINER && u.status.state === 'waiting'));
    const stoppedAt = Date.now();
    const vmSamples = a.samples(VM).length;
    await a.until(() => a.samples(VM).length >= vmSamples + 3);
    // Same machine, same clock: no query of the container started after the client learned it stopped.
    const starts = await propertyCallStarts(CONTAINER, 'Statistics');
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.filter((t) => t > stoppedAt)).toEqual([]);
  });

  it('refuses to watch an id HCS does not list, and a bad id before it reaches the core', async () => {
    const a = await connect();
    expect(await a.ws.request('statistics.watch', { id: 'no-such-system' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('no compute system') },
    });
    expect(await a.ws.request('statistics.watch', { id: '../x' })).toMatchObject({ ok: false });
  });
});
