/**
 * The HCS layer's costs against the simulator, each beside the raw koffi cost measured in the same run:
 *  - an HCS call's round trip (gate, koffi async, the client library, the service and back), at the
 *    vmcompute layer and through System, beside a raw koffi async call (libc getpid);
 *  - notification delivery from the client library's dispatcher thread to JS handlers (a SystemExited fanned
 *    out to many handles of one system), beside a raw koffi callback (qsort's comparator, same thread).
 */
import koffi from 'koffi';
import { System, setBackend } from '../src/hcs/index.ts';
import { KoffiVmcompute } from '../src/hcs/vmcompute/vmcompute.ts';
import { hcsCallLimit } from '../src/hcs/ffi/threadpool.ts';
import { elapsedMs, median, medianOf, nowNs } from './lib/measure.ts';
import type { BenchRow, BenchSection } from './lib/section.ts';
import { startSimulator } from './lib/simulator.ts';

const SYNC_CALLS = 200_000;
const ASYNC_CALLS = 3_000;
const SORT_LENGTH = 50_000;
const HCS_CALLS = 1_000;
const BURST_CALLS = 2_000;
const FANOUT_HANDLES = 300;
const ROUNDS = 3;

interface Libc {
  getpid: ReturnType<ReturnType<typeof koffi.load>['func']>;
  qsort: ReturnType<ReturnType<typeof koffi.load>['func']>;
}

function loadLibc(): Libc {
  const libc = koffi.load('libc.so.6');
  // Anonymous types: nothing here claims a process-global koffi type name.
  const Compare = koffi.proto('int', ['const void *', 'const void *']);
  return {
    getpid: libc.func('getpid', 'int', []),
    qsort: libc.func('qsort', 'void', ['void *', 'size_t', 'size_t', koffi.pointer(Compare)]),
  };
}

async function rawSyncCallUs(libc: Libc): Promise<number> {
  return medianOf(ROUNDS, () => {
    const start = nowNs();
    for (let i = 0; i < SYNC_CALLS; i++) libc.getpid();
    return (elapsedMs(start) * 1000) / SYNC_CALLS;
  });
}

async function rawAsyncCallUs(libc: Libc): Promise<number> {
  const once = () =>
    new Promise<void>((resolve, reject) =>
      libc.getpid.async((err: unknown) => (err ? reject(err) : resolve())),
    );
  return medianOf(ROUNDS, async () => {
    const start = nowNs();
    for (let i = 0; i < ASYNC_CALLS; i++) await once();
    return (elapsedMs(start) * 1000) / ASYNC_CALLS;
  });
}

async function rawCallbackUs(libc: Libc): Promise<number> {
  return medianOf(ROUNDS, () => {
    const data = new Int32Array(SORT_LENGTH);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) % 1_000_003;
    let calls = 0;
    const start = nowNs();
    libc.qsort(data, data.length, 4, (a: unknown, b: unknown) => {
      calls++;
      return (koffi.decode(a, 'int32_t') as number) - (koffi.decode(b, 'int32_t') as number);
    });
    return (elapsedMs(start) * 1000) / calls;
  });
}

/** Times between native callback arrivals, taken in the sink before dispatch. */
const arrivals: bigint[] = [];

async function hcsRows(): Promise<BenchRow[]> {
  const vm = setBackend(
    (dispatch) =>
      new KoffiVmcompute({
        sink: (type, context, status, data) => {
          arrivals.push(nowNs());
          dispatch(type, context, status, data);
        },
      }),
  )!.vm;

  const id = `bench-${process.pid}`;
  const sys = await System.create(id, { SystemType: 'Container', Name: 'bench', Owner: 'bench' });
  await sys.start();

  const opened = await vm.openComputeSystem(id);
  if (opened.err || opened.handle === null) throw opened.err ?? new Error('no handle');
  const handle = opened.handle;
  const layerCall = async () => {
    const r = await vm.getComputeSystemProperties(handle, '{}');
    if (r.err) throw r.err;
  };
  const systemCall = async () => {
    await sys.properties();
  };
  const perCallUs = async (call: () => Promise<void>) => {
    const start = nowNs();
    for (let i = 0; i < HCS_CALLS; i++) await call();
    return (elapsedMs(start) * 1000) / HCS_CALLS;
  };
  // Warm up the connection, the JIT and the service; then alternate the two paths round by round, so that
  // drift (CPU frequency, the service's own JIT) does not favour whichever runs second.
  await perCallUs(layerCall);
  await perCallUs(systemCall);
  const layerRounds: number[] = [];
  const systemRounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    layerRounds.push(await perCallUs(layerCall));
    systemRounds.push(await perCallUs(systemCall));
  }
  const layerUs = median(layerRounds);
  const systemUs = median(systemRounds);
  const burstPerSec = await medianOf(ROUNDS, async () => {
    const start = nowNs();
    await Promise.all(Array.from({ length: BURST_CALLS }, () => vm.getComputeSystemProperties(handle, '{}')));
    return BURST_CALLS / (elapsedMs(start) / 1000);
  });
  await vm.closeComputeSystem(handle);

  // Notification fan-out: every handle's registration gets the SystemExited of one terminate.
  let round = 0;
  const fanout = await medianOf(ROUNDS, async () => {
    const target = await System.create(`${id}-fan-${++round}`, { SystemType: 'Container', Owner: 'bench' });
    await target.start();
    const handles = await Promise.all(Array.from({ length: FANOUT_HANDLES }, () => System.open(target.id)));
    arrivals.length = 0;
    await target.terminate();
    await Promise.all([target, ...handles].map((s) => s.wait()));
    const exits = arrivals.slice();
    await Promise.all([target, ...handles].map((s) => s.close()));
    const spanMs = Number(exits[exits.length - 1]! - exits[0]!) / 1e6;
    return (spanMs * 1000) / (exits.length - 1);
  });

  await sys.terminate();
  await sys.wait();
  await sys.close();

  const limit = hcsCallLimit();
  return [
    {
      name: 'HCS call round trip, vmcompute layer',
      value: layerUs,
      unit: 'µs/call',
      baseline: 'koffi async call',
      note: `${HCS_CALLS} sequential HcsGetComputeSystemProperties`,
    },
    {
      name: 'HCS call round trip, System.properties()',
      value: systemUs,
      unit: 'µs/call',
      baseline: 'koffi async call',
      note: 'plus JSON parse and handle lock',
    },
    {
      name: 'HCS calls in a burst',
      value: burstPerSec,
      unit: 'calls/s',
      note: `${BURST_CALLS} at once, gate ${limit} in flight`,
    },
    {
      name: 'notification delivery to JS',
      value: fanout,
      unit: 'µs/notif',
      baseline: 'koffi callback',
      note: `SystemExited to ${FANOUT_HANDLES + 1} handles, dispatcher thread → JS`,
    },
    { name: 'notifications per second', value: 1e6 / fanout, unit: 'notif/s', note: 'the same fan-out' },
  ];
}

export const hcsSection: BenchSection = {
  name: 'hcs',
  description: 'HCS call round trips and notification delivery (simulator) beside raw koffi costs',
  async run() {
    if (process.platform !== 'linux')
      throw new Error('the hcs section runs against the simulator (Linux only)');
    const libc = loadLibc();
    const sim = await startSimulator();
    try {
      const sync = await rawSyncCallUs(libc);
      const asyncUs = await rawAsyncCallUs(libc);
      const callback = await rawCallbackUs(libc);
      const hcs = await hcsRows();
      return [
        { name: 'koffi sync call', value: sync, unit: 'µs/call', note: `libc getpid × ${SYNC_CALLS}` },
        {
          name: 'koffi async call',
          value: asyncUs,
          unit: 'µs/call',
          baseline: 'koffi sync call',
          note: `getpid.async × ${ASYNC_CALLS}, one at a time`,
        },
        {
          name: 'koffi callback',
          value: callback,
          unit: 'µs/call',
          note: `qsort comparator, ${SORT_LENGTH} ints, same thread`,
        },
        ...hcs,
      ];
    } finally {
      setBackend(null);
      await sim.stop();
    }
  },
};
