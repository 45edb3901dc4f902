/**
 * The HCS layer's costs against the simulator, through both APIs side by side (V1: vmcompute.dll's binding,
 * V2: computecore.dll's), each beside the raw koffi cost measured in the same run:
 *  - an HCS call's round trip (gate, koffi async, the client library, the service and back), at the
 *    binding and through System, beside a raw koffi async call (libc getpid). Through V2 a call is an
 *    operation: created, issued (one async call), completed by the completion callback, read, closed (a
 *    second async call);
 *  - a pause/resume cycle: completions through notifications (V1) or operation callbacks (V2);
 *  - notification delivery from the client library's dispatcher thread to JS handlers (a SystemExited fanned
 *    out to many handles of one system), beside a raw koffi callback (qsort's comparator, same thread).
 */
import koffi from 'koffi';
import { KoffiComputecore } from '../src/hcs/computecore/computecore.ts';
import { System, setBackend, type HcsApi, type Vmcompute } from '../src/hcs/index.ts';
import type { NotificationSink } from '../src/hcs/vmcompute/types.ts';
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
const CYCLES = 200;
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

/** How each API is named in the rows. */
const API_NAME: Record<HcsApi, string> = { v1: 'V1 vmcompute', v2: 'V2 computecore' };

function binding(api: HcsApi, sink: NotificationSink): Vmcompute {
  return api === 'v1' ? new KoffiVmcompute({ sink }) : new KoffiComputecore({ sink });
}

interface Pass {
  layerUs: number;
  systemUs: number;
  burstPerSec: number;
  cycleUs: number;
  fanoutUs: number;
}

/** One pass of every measurement through one API's binding (System included), on a system of its own. */
async function measure(api: HcsApi, pass: number): Promise<Pass> {
  const vm = setBackend((dispatch) =>
    binding(api, (type, context, status, data) => {
      arrivals.push(nowNs());
      dispatch(type, context, status, data);
    }),
  )!.vm;
  const id = `bench-${api}-${process.pid}-${pass}`;
  const sys = await System.create(id, { SystemType: 'Container', Name: 'bench', Owner: 'bench' });
  await sys.start();

  const opened = await vm.openComputeSystem(id);
  if (opened.err || opened.handle === null) throw opened.err ?? new Error('no handle');
  const handle = opened.handle;
  const perCallUs = async (call: () => Promise<unknown>) => {
    const start = nowNs();
    for (let i = 0; i < HCS_CALLS; i++) await call();
    return (elapsedMs(start) * 1000) / HCS_CALLS;
  };
  const layerUs = await perCallUs(async () => {
    const r = await vm.getComputeSystemProperties(handle, '{}');
    if (r.err) throw r.err;
  });
  const systemUs = await perCallUs(() => sys.properties());
  let start = nowNs();
  await Promise.all(Array.from({ length: BURST_CALLS }, () => vm.getComputeSystemProperties(handle, '{}')));
  const burstPerSec = BURST_CALLS / (elapsedMs(start) / 1000);
  await vm.closeComputeSystem(handle);

  // Asynchronous operations: V1 completes them with notifications, V2 with operations.
  start = nowNs();
  for (let i = 0; i < CYCLES; i++) {
    await sys.pause();
    await sys.resume();
  }
  const cycleUs = (elapsedMs(start) * 1000) / CYCLES;

  // Notification fan-out: every handle's registration gets the SystemExited of one terminate.
  const target = await System.create(`${id}-fan`, { SystemType: 'Container', Owner: 'bench' });
  await target.start();
  const handles = await Promise.all(Array.from({ length: FANOUT_HANDLES }, () => System.open(target.id)));
  arrivals.length = 0;
  await target.terminate();
  await Promise.all([target, ...handles].map((h) => h.wait()));
  const exits = arrivals.slice();
  await Promise.all([target, ...handles].map((h) => h.close()));
  const fanoutUs = Number(exits[exits.length - 1]! - exits[0]!) / 1e3 / (exits.length - 1);

  await sys.terminate();
  await sys.wait();
  await sys.close();
  return { layerUs, systemUs, burstPerSec, cycleUs, fanoutUs };
}

/**
 * Both APIs, pass by pass in turn (V1, V2, V1, V2, …) after a warm-up pass of each, so that drift (CPU
 * frequency, the service's JIT, other load on the machine) does not favour whichever runs second. Each
 * figure is the median of its passes; each V1 row is followed by its V2 counterpart.
 */
async function hcsRows(): Promise<BenchRow[]> {
  const passes: Record<HcsApi, Pass[]> = { v1: [], v2: [] };
  for (const api of ['v1', 'v2'] as const) await measure(api, -1);
  for (let pass = 0; pass < ROUNDS; pass++) {
    for (const api of ['v1', 'v2'] as const) passes[api].push(await measure(api, pass));
  }
  const limit = hcsCallLimit();
  const rows = (api: HcsApi): BenchRow[] => {
    const m = <K extends keyof Pass>(key: K) => median(passes[api].map((p) => p[key]));
    const named = (what: string) => `${what} — ${API_NAME[api]}`;
    const how = api === 'v1' ? 'one async call' : 'an operation: 2 async calls + a completion callback';
    return [
      {
        name: named('HCS call round trip, binding'),
        value: m('layerUs'),
        unit: 'µs/call',
        baseline: 'koffi async call',
        note: `${HCS_CALLS} sequential HcsGetComputeSystemProperties, ${how}`,
      },
      {
        name: named('HCS call round trip, System.properties()'),
        value: m('systemUs'),
        unit: 'µs/call',
        baseline: 'koffi async call',
        note: 'plus JSON parse and handle lock',
      },
      {
        name: named('HCS calls in a burst'),
        value: m('burstPerSec'),
        unit: 'calls/s',
        note: `${BURST_CALLS} at once, gate ${limit} in flight`,
      },
      {
        name: named('pause + resume'),
        value: m('cycleUs'),
        unit: 'µs/cycle',
        baseline: 'koffi async call',
        note: `${CYCLES} cycles, completions by ${api === 'v1' ? 'notification' : 'operation callback'}`,
      },
      {
        name: named('notification delivery to JS'),
        value: m('fanoutUs'),
        unit: 'µs/notif',
        baseline: 'koffi callback',
        note: `SystemExited to ${FANOUT_HANDLES + 1} handles, dispatcher thread → JS`,
      },
      {
        name: named('notifications per second'),
        value: 1e6 / m('fanoutUs'),
        unit: 'notif/s',
        note: 'the same fan-out',
      },
    ];
  };
  const v1 = rows('v1');
  const v2 = rows('v2');
  return v1.flatMap((row, i) => [row, v2[i]!]);
}

export const hcsSection: BenchSection = {
  name: 'hcs',
  description:
    'HCS call round trips, operations and notification delivery (simulator), V1 and V2 side by side, beside raw koffi costs',
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
