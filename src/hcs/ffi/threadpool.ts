/**
 * koffi's `.async` calls run on libuv's thread pool, which file I/O, dns, zlib and crypto share (4 threads
 * unless UV_THREADPOOL_SIZE says otherwise; docs/hcs/koffi.md#thread-pool). libuv reads UV_THREADPOOL_SIZE once,
 * when the pool starts, i.e. at the first piece of work queued to it by anyone.
 */

/** The pool size HCS Desktop asks for when the user has not chosen one. */
export const DEFAULT_THREADPOOL_SIZE = 16;
/** Pool threads never given to HCS calls, so file I/O always has some. */
export const RESERVED_POOL_THREADS = 2;
/** Never more HCS calls in flight than this: koffi refuses async calls past 256, and foreign-thread callbacks
 * (every notification) draw on the same pool of async call slots. */
export const MAX_HCS_CALLS = 128;
const LIBUV_DEFAULT = 4;
const LIBUV_MAX = 1024;

/**
 * Raises libuv's thread pool to `size` threads unless the user set UV_THREADPOOL_SIZE. Entry points call
 * this first thing. It only works before the pool's first use: call it from a CommonJS entry (e.g. a
 * bundled Electron main) or a `node --require` preload. In an ES module entry Node's module loader has
 * already used the pool (it reads module files asynchronously), so there set UV_THREADPOOL_SIZE in the
 * environment instead. Returns the size in the environment afterwards.
 */
export function ensureThreadPoolSize(size: number = DEFAULT_THREADPOOL_SIZE): number {
  if (process.env.UV_THREADPOOL_SIZE === undefined) {
    process.env.UV_THREADPOOL_SIZE = String(Math.min(Math.max(1, Math.floor(size)), LIBUV_MAX));
  }
  return threadPoolSize();
}

/** libuv's own parsing: atoi(), 0 (or garbage) means 1, a negative value wraps past the maximum. */
function parsePoolSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = parseInt(value, 10);
  if (Number.isNaN(n) || n === 0) return 1;
  if (n < 0) return LIBUV_MAX;
  return Math.min(n, LIBUV_MAX);
}

/** The pool size libuv uses (or will use), per UV_THREADPOOL_SIZE as libuv parses it. */
export function threadPoolSize(env: Record<string, string | undefined> = process.env): number {
  return parsePoolSize(env.UV_THREADPOOL_SIZE) ?? LIBUV_DEFAULT;
}

/** How many HCS calls may be in flight at once: the pool minus the threads kept for file I/O (at least 1). */
export function hcsCallLimit(env: Record<string, string | undefined> = process.env): number {
  return Math.min(MAX_HCS_CALLS, Math.max(1, threadPoolSize(env) - RESERVED_POOL_THREADS));
}
