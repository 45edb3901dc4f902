// Concurrency through the real binding: 50 operations in flight behind the call gate, close racing pending
// operations and notifications (no crash, no leaked handle or registration), and the event loop staying
// responsive — with file I/O still served — while 20 HCS calls are held by the simulator.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Process, System, getComputeSystems, hcsCallLimit, isAlreadyClosed } from '../../src/hcs/index.ts';
import { backend } from '../../src/hcs/backend.ts';
import type { KoffiVmcompute } from '../../src/hcs/vmcompute/vmcompute.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { containerDoc, expectNothingHeld, inApiFormHex, uniqueId } from './hcs-support.ts';

let sim: StartedSim;

beforeAll(async () => {
  sim = await startSim({ fixture: 'test', completionDelayMs: 5 });
});
afterEach(async () => {
  await sim.control.clearFaults();
  await expectNothingHeld(sim.control);
});
afterAll(async () => {
  await sim?.stop();
});

async function gateStats(): Promise<KoffiVmcompute['callStats']> {
  return ((await backend()).vm as KoffiVmcompute).callStats;
}

/** Samples the gate on every turn of the event loop until `work` settles; returns the peaks seen. */
async function watchGate<T>(
  work: Promise<T>,
): Promise<{ result: T; peakInFlight: number; peakQueued: number }> {
  let done = false;
  let peakInFlight = 0;
  let peakQueued = 0;
  const sample = async () => {
    while (!done) {
      const s = await gateStats();
      peakInFlight = Math.max(peakInFlight, s.inFlight);
      peakQueued = Math.max(peakQueued, s.queued);
      await new Promise((r) => setImmediate(r));
    }
  };
  const sampling = sample();
  try {
    return { result: await work, peakInFlight, peakQueued };
  } finally {
    done = true;
    await sampling;
  }
}

describe('many operations in flight', () => {
  it('50 mixed operations at once all complete, never more than the gate allows in native calls', async () => {
    const sys = await System.open('test-container-running');
    const ops: Array<Promise<unknown>> = [];
    for (let i = 0; i < 50; i++) {
      switch (i % 5) {
        case 0:
          ops.push(sys.properties('Statistics'));
          break;
        case 1:
          ops.push(sys.propertiesV2('ProcessList'));
          break;
        case 2:
          ops.push(getComputeSystems({ Ids: ['test-container-running'] }));
          break;
        case 3:
          ops.push(System.open('test-vm-running').then((s) => s.close()));
          break;
        case 4:
          ops.push(
            sys.createProcess({ CommandLine: `exit ${i}` }).then(async (p) => {
              await p.wait();
              const code = p.exitCode();
              await p.close();
              return code;
            }),
          );
          break;
      }
    }
    const { result, peakInFlight, peakQueued } = await watchGate(Promise.all(ops));
    expect(result.filter((_, i) => i % 5 === 4)).toEqual([4, 9, 14, 19, 24, 29, 34, 39, 44, 49]);
    expect(peakInFlight).toBeLessThanOrEqual(hcsCallLimit());
    expect(peakQueued).toBeGreaterThan(0);
    await sys.close();
  });

  it('50 systems created, started and closed concurrently, each completion reaching its own handle', async () => {
    const ids = Array.from({ length: 50 }, () => uniqueId('many'));
    await Promise.all(
      ids.map(async (id) => {
        const sys = await System.create(id, containerDoc(id));
        await sys.start();
        await sys.terminate();
        await sys.wait();
        await sys.close();
      }),
    );
    const left = await getComputeSystems({ Ids: ids });
    expect(left).toEqual([]);
  });
});

describe('close racing', () => {
  it('close during a pending start waits for the native call, then releases the start with ErrAlreadyClosed or lets it finish', async () => {
    for (let round = 0; round < 10; round++) {
      const sys = await System.create(uniqueId('race'), containerDoc('race'));
      const mine = (await sim.control.clients()).find((c) => c.pid === process.pid)!;
      const handle = mine.systemHandles.find((h) => h.systemId === sys.id)!.handle;
      await sim.control.setFaults({ system: sys.id, latencyMs: 30 });
      const starting = sys.start().then(
        () => 'started',
        (e: unknown) => e,
      );
      const closing = sys.close();
      const outcome = await starting;
      await closing;
      if (outcome !== 'started') expect(isAlreadyClosed(outcome)).toBe(true);
      await sim.control.clearFaults();
      // The service answered the start before the close of the same handle even arrived.
      const calls = (await sim.control.calls(mine.id)).filter((c) => c.args.handle === handle);
      const start = calls.find((c) => c.op === 'StartComputeSystem')!;
      const close = calls.find((c) => c.op === 'CloseComputeSystem')!;
      // The start was accepted (vmcompute's "pending"; computecore's operation goes on the same way).
      expect(start.hresultHex).toBe(inApiFormHex(0xc0370103));
      expect(close.t - close.durationMs).toBeGreaterThanOrEqual(start.t);
      const reopened = await System.open(sys.id);
      await reopened.terminate();
      await reopened.close();
    }
  });

  it('close racing a storm of operations and notifications: everything settles, nothing leaks', async () => {
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, async () => {
        const sys = await System.create(uniqueId('storm'), containerDoc('storm'));
        await sys.start();
        const work = [
          sys.pause().then(() => sys.resume()),
          sys.properties('Statistics'),
          sys.createProcess({ CommandLine: 'exit 0' }).then((p: Process) => p.close()),
          sys.terminate(),
          sys.close(),
          sys.wait(),
        ];
        const results = await Promise.allSettled(work);
        await sys.close();
        const cleanup = await System.open(sys.id).catch(() => null);
        if (cleanup) {
          await cleanup.terminate();
          await cleanup.close();
        }
        return results;
      }),
    );
    for (const s of settled) expect(s.status).toBe('fulfilled');
  });

  it('processes closed while their exit notification arrives leave nothing behind', async () => {
    const sys = await System.open('test-container-running');
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const p = await sys.createProcess({ CommandLine: `exit ${i % 3}`, CreateStdOutPipe: true });
        await p.close();
        expect(p.exited()).toBe(true);
      }),
    );
    await sys.close();
  });
});

describe('responsiveness', () => {
  // Shown by order, not by time: every call is held by the simulator (a hang fault) until the test lets go, and
  // while they are all held the event loop turns and a file is read through the same thread pool. How long a
  // turn takes under such load is a figure for the benchmarks, not an assertion for a shared, busy machine.
  it('the event loop turns and file I/O is served while 20 HCS calls are held by HCS', async () => {
    const sys = await System.open('test-container-running');
    await sim.control.setFaults({ hang: ['GetComputeSystemProperties'] });
    let finished = 0;
    const calls = Array.from({ length: 20 }, () =>
      sys.properties().then(
        () => (finished++, 'answered'),
        (e: unknown) => (finished++, e),
      ),
    );
    // As many calls as the gate lets through are held by HCS, the rest wait at the gate.
    const limit = Math.min(20, hcsCallLimit());
    while ((await sim.control.faults()).hungCalls < limit) await new Promise((r) => setImmediate(r));
    expect(await gateStats()).toMatchObject({ inFlight: limit, queued: 20 - limit });

    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setImmediate(r));
    // File I/O goes through the same thread pool; it must not wait for the HCS calls.
    const text = await readFile(fileURLToPath(import.meta.url), 'utf8');
    expect(text).toContain('the event loop turns and file I/O is served');
    expect(finished).toBe(0);

    // Let go: the held calls are answered (WAIT_TIMEOUT), the queued ones then run normally.
    await sim.control.clearFaults();
    const outcomes = await Promise.all(calls);
    expect(finished).toBe(20);
    expect(outcomes.filter((o) => o === 'answered')).toHaveLength(20 - limit);
    for (const o of outcomes.filter((o) => o !== 'answered')) expect(String(o)).toMatch(/timed out/);
    await sys.close();
  });
});
