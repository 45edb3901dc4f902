// A fuzz of the simulator service's wire protocol from hostile clients (test/helpers/wire-fuzz.ts, seeded:
// HCS_WIRE_FUZZ_SEED=N replays another seed): well-framed nonsense, broken framing, frames cut short, random
// bytes, descriptors nobody asked for (SCM_RIGHTS), and floods. The service must answer what it can read, close
// what it cannot, never crash, leave no descriptor behind (/proc/<pid>/fd counted before and after), and serve
// a good client all along.
import { closeSync, mkdtempSync, openSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNative } from '../../scripts/build-native.mjs';
import { WireClient } from '../../sim/control/wire-client.ts';
import { FrameDecoder, FrameKind } from '../../sim/service/frame.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { PROBE_OP, probeFrame, requestFrame, serviceCases, type ServiceCase } from '../helpers/wire-fuzz.ts';
import { loadSimHost, type SimHost } from './native/ffi.ts';

const SEED = Number(process.env.HCS_WIRE_FUZZ_SEED ?? 1);
/** Far from the ids the cases use. */
const PROBE_ID = 0x7ffffff0;
const CONCURRENCY = 4;

let sim: StartedSim;
let host: SimHost;
let good: WireClient;
let scratch: string;

beforeAll(async () => {
  const libs = await buildNative({ quiet: true });
  host = loadSimHost(libs.simhost);
  sim = await startSim({ fixture: 'test' });
  good = await WireClient.connect(sim.socketPath, 'good-client');
  scratch = mkdtempSync(join(tmpdir(), 'hcs-wire-fuzz-'));
});

afterAll(async () => {
  await good?.close();
  await sim?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function serviceDescriptors(): string[] {
  return readdirSync(`/proc/${sim.pid}/fd`).map((fd) => {
    try {
      return `${fd} → ${readlinkSync(`/proc/${sim.pid}/fd/${fd}`)}`;
    } catch {
      return `${fd} → (closed while listing)`;
    }
  });
}

/**
 * Waits until the service holds exactly the descriptors `expected` again (it closes a socket once its peer has
 * gone). Exactly, not as many: a socket closing while another opens keeps the count for a moment.
 */
async function descriptorsBackTo(expected: string[]): Promise<string[]> {
  const same = (list: string[]) => list.join('\n') === expected.join('\n');
  let list = serviceDescriptors();
  const deadline = Date.now() + 10_000; // a bound for the failure message, not a synchronisation
  while (!same(list) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
    list = serviceDescriptors();
  }
  return list;
}

async function goodClientIsServed(): Promise<void> {
  const r = await good.op('EnumerateComputeSystems', '');
  expect(r.hr).toBe(0);
  expect(JSON.parse(String(r.out.computeSystems)).length).toBeGreaterThan(0);
}

function socketFd(socket: net.Socket): number {
  return (socket as unknown as { _handle: { fd: number } })._handle.fd;
}

/** Opens the junk descriptors a case sends; returns them and how to close what this process opened. */
function junk(c: ServiceCase, socket: net.Socket): { fds: number[]; release: () => void } {
  const spec = c.descriptors!;
  const opened: number[] = [];
  const fds: number[] = [];
  for (let i = 0; i < spec.count; i++) {
    if (spec.kind === 'socket') fds.push(socketFd(socket));
    else {
      const fd = openSync(spec.kind === 'devnull' ? '/dev/null' : join(scratch, `junk-${i % 4}`), 'a+');
      opened.push(fd);
      fds.push(fd);
    }
  }
  return { fds, release: () => opened.forEach((fd) => closeSync(fd)) };
}

/** Runs one case on a connection of its own; resolves with the ids answered once the connection has ended. */
async function runCase(c: ServiceCase): Promise<Set<number>> {
  const socket = net.connect(sim.socketPath);
  socket.on('error', () => undefined); // a reset from a service that closed on a protocol error
  await once(socket, 'connect');
  const answered = new Set<number>();
  const decoder = new FrameDecoder();
  socket.on('data', (chunk: Buffer) => {
    for (const f of decoder.push(chunk)) if (f.kind === FrameKind.Response) answered.add(f.id);
  });
  // Not events.once: it rejects on the 'error' (EPIPE, ECONNRESET) a protocol error may cause.
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  if (c.descriptors) {
    const { fds, release } = junk(c, socket);
    const sent = host.simhost_sendmsg(socketFd(socket), c.bytes, c.bytes.length, fds, fds.length);
    release();
    expect(sent, `${c.label}: sendmsg`).toBeGreaterThan(0);
    if (sent < c.bytes.length) socket.write(c.bytes.subarray(sent));
  } else {
    socket.write(c.bytes);
  }
  if (c.expect === 'answered' || c.expect === 'closed') socket.write(probeFrame(PROBE_ID));
  socket.end();
  await closed;
  return answered;
}

describe('the service under a fuzz of its wire protocol', () => {
  it(
    'answers what it can read, closes what it cannot, never crashes, leaks no descriptor, serves a good client',
    { timeout: 300_000 },
    async () => {
      await goodClientIsServed();
      const before = serviceDescriptors();
      const cases = serviceCases(SEED);
      expect(cases.length).toBeGreaterThan(900);
      const tally = { answered: 0, closed: 0, truncated: 0, ends: 0, descriptors: 0 };

      let next = 0;
      const worker = async () => {
        while (next < cases.length) {
          const index = next++;
          const c = cases[index]!;
          const label = `case ${index} (seed ${SEED}): ${c.label}`;
          const answered = await runCase(c);
          if (c.expect === 'answered') {
            for (const id of c.requestIds)
              expect(answered.has(id), `${label}: request ${id} answered`).toBe(true);
            expect(answered.has(PROBE_ID), `${label}: the probe after it is answered`).toBe(true);
          } else if (c.expect === 'closed') {
            expect(answered.has(PROBE_ID), `${label}: closed before the probe`).toBe(false);
          } else if (c.expect === 'truncated') {
            expect(answered.size, `${label}: nothing answered`).toBe(0);
          }
          tally[c.expect]++;
          if (c.descriptors) tally.descriptors++;
          // Every so often the good client is served in the middle of it all.
          if (index % 100 === 0) await goodClientIsServed();
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));

      // Floods. A client that pipelines 10 000 requests in one write gets 10 000 answers; the good client is
      // served while they are being answered.
      {
        const socket = net.connect(sim.socketPath);
        await once(socket, 'connect');
        const decoder = new FrameDecoder();
        let answers = 0;
        const all = new Promise<void>((resolve) =>
          socket.on('data', (chunk: Buffer) => {
            answers += decoder.push(chunk).length;
            if (answers === 10_000) resolve();
          }),
        );
        socket.write(Buffer.concat(Array.from({ length: 10_000 }, (_, i) => probeFrame(i + 1))));
        await goodClientIsServed();
        await all;
        socket.destroy();
        await once(socket, 'close');
      }
      // A client that sends 20 000 requests and never reads its answers: the good client is still served.
      {
        const socket = net.connect(sim.socketPath);
        socket.on('error', () => undefined);
        await once(socket, 'connect');
        socket.pause();
        socket.write(Buffer.concat(Array.from({ length: 20_000 }, (_, i) => probeFrame(i + 1))));
        await goodClientIsServed();
        socket.destroy();
        await once(socket, 'close');
      }
      // 200 connections at once, each with one request, and one that sends its request a byte at a time.
      {
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            runCase({
              label: 'many',
              bytes: requestFrame(PROBE_OP, i + 1, ['']),
              requestIds: [i + 1],
              expect: 'answered',
              descriptors: null,
            }),
          ),
        );
        for (const r of results) expect(r.has(PROBE_ID)).toBe(true);
        const socket = net.connect(sim.socketPath);
        await once(socket, 'connect');
        const decoder = new FrameDecoder();
        const answer = new Promise<number>((resolve) =>
          socket.on('data', (chunk: Buffer) => {
            for (const f of decoder.push(chunk)) resolve(f.id);
          }),
        );
        const frame = probeFrame(4242);
        for (const byte of frame) {
          socket.write(Buffer.from([byte]));
          await new Promise((r) => setImmediate(r));
        }
        expect(await answer).toBe(4242);
        socket.destroy();
        await once(socket, 'close');
      }

      // Afterwards: alive, no descriptor left behind, the good client served, nothing uncaught.
      const after = await descriptorsBackTo(before);
      expect(after, 'descriptors of the service after the fuzz').toEqual(before);
      expect(() => process.kill(sim.pid, 0)).not.toThrow();
      await goodClientIsServed();
      expect(sim.stderr()).not.toMatch(/uncaught exception|unhandled rejection/);
      console.log(
        `wire fuzz (seed ${SEED}): ${cases.length} cases (${tally.answered} well framed and answered, ` +
          `${tally.closed} closed on a framing error, ${tally.truncated} cut short, ${tally.ends} random; ` +
          `${tally.descriptors} with SCM_RIGHTS junk) + floods of 10 000 and 20 000 requests and 200 connections; ` +
          `service descriptors before ${before.length}, after ${after.length}`,
      );
    },
  );
});
