/**
 * Loaded into the soak's web server and simulator only (`node --expose-gc --import tsx --import
 * ./bench/soak/process-probe.ts …`, spawned with an IPC channel): answers the soak driver's `probe` messages
 * with what only the process itself can see — its memory, `process.getActiveResourcesInfo()`, the listeners
 * on its live event emitters, the koffi callbacks it has registered, and the unhandled rejections, uncaught
 * exceptions and process warnings since it started.
 *
 * Why a preload and not a channel of the contract: the figures are for a test harness, not for a user, and a
 * diagnostics request in the contract would be one more thing every authenticated page (and every future
 * client) could call on a production server. Here nothing changes in the product: the file is not part of the
 * app, is loaded only by the soak, and listens only on the IPC channel Node opens when the parent spawns the
 * process with an `ipc` stdio — a pipe only that parent holds. Without such a channel it does nothing.
 */
import { EventEmitter } from 'node:events';
import type { ProbeAnswer, ProbeRequest } from './probe-messages.ts';

/** The first reasons and warnings are kept word for word; after that only counted. */
const KEPT = 20;

type Emitter = InstanceType<typeof EventEmitter>;

/**
 * Every emitter that ever had a listener added, held weakly (a closed socket is still collected): at probe
 * time, the listeners of those still alive are summed. The three methods every other way of adding a
 * listener goes through (`once` and `prependOnceListener` call `on` and `prependListener`) are wrapped; they
 * behave exactly as before.
 */
function trackEmitters(): () => number {
  const seen = new WeakSet<Emitter>();
  let live = new Set<WeakRef<Emitter>>();
  const proto = EventEmitter.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['on', 'addListener', 'prependListener']) {
    const original = proto[name]!;
    proto[name] = function (this: Emitter, ...args: unknown[]) {
      if (!seen.has(this)) {
        seen.add(this);
        live.add(new WeakRef(this));
      }
      return original.apply(this, args);
    };
  }
  return () => {
    let listeners = 0;
    const still = new Set<WeakRef<Emitter>>();
    for (const ref of live) {
      const emitter = ref.deref();
      if (!emitter) continue;
      still.add(ref);
      for (const event of emitter.eventNames()) listeners += emitter.listenerCount(event);
    }
    live = still;
    return listeners;
  };
}

async function koffiCallbacks(): Promise<(() => number) | null> {
  // Only where the process uses koffi (the server: its HCS binding); the simulator's service does not load it.
  if (process.env.HCS_SOAK_PROBE_KOFFI !== '1') return null;
  const { default: koffi } = await import('koffi');
  return () => koffi.stats().callbacks;
}

if (typeof process.send === 'function') {
  let unhandledRejections = 0;
  let uncaughtExceptions = 0;
  let warningCount = 0;
  const reasons: string[] = [];
  const warnings: string[] = [];
  const listeners = trackEmitters();
  const callbacks = await koffiCallbacks();
  // The server logs unhandled rejections itself and keeps running; this listener only counts them.
  process.on('unhandledRejection', (reason) => {
    unhandledRejections++;
    if (reasons.length < KEPT)
      reasons.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));
  });
  // A monitor sees an uncaught exception without changing what happens to the process.
  process.on('uncaughtExceptionMonitor', () => uncaughtExceptions++);
  process.on('warning', (warning) => {
    warningCount++;
    if (warnings.length < KEPT) warnings.push(`${warning.name}: ${warning.message}`);
  });
  const gc = (globalThis as { gc?: () => void }).gc;

  process.on('message', (message: ProbeRequest) => {
    if (message?.t !== 'probe') return;
    // A full collection first, when the process runs with --expose-gc, so that memory figures taken at
    // different times compare what is reachable rather than when V8 last collected.
    if (message.gc && gc) gc();
    const memory = process.memoryUsage();
    const answer: ProbeAnswer = {
      t: 'probe',
      id: message.id,
      pid: process.pid,
      collected: message.gc === true && gc !== undefined,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      externalBytes: memory.external,
      arrayBuffersBytes: memory.arrayBuffers,
      resources: process.getActiveResourcesInfo(),
      listeners: listeners(),
      koffiCallbacks: callbacks?.() ?? null,
      unhandledRejections,
      uncaughtExceptions,
      rejectionReasons: reasons,
      warningCount,
      warnings,
    };
    process.send!(answer);
  });
}
