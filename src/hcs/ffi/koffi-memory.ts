/**
 * koffi gives every async call, and every callback it relays from another thread (each operation's completion,
 * each notification), a stack and a heap block of its own: one of `resident_async_pools` sets kept for reuse (8
 * by default), else a set mapped for that call and unmapped after it (two mmaps, an mprotect, two munmaps and
 * the page faults of fresh memory). The call gate lets hcsCallLimit() calls run at once (14 with the default
 * pool) and their completions need sets too, so at a busy moment most calls paid for fresh memory: during 1,000
 * pauses a fifth of the JS thread's time went to starting koffi calls (docs/benchmarks.md, "The core's writes
 * and calls"). Keeping koffi's maximum resident costs at most 32 × 256 KiB, of which only what calls touch is
 * ever backed by memory.
 *
 * koffi refuses a new setting once any library is loaded, so both bindings call this before their koffi.load.
 */
import koffi from 'koffi';

/** koffi's maximum (MaxResidentAsyncPools). */
export const RESIDENT_ASYNC_POOLS = 32;

/**
 * Asks koffi to keep RESIDENT_ASYNC_POOLS memory sets. Should koffi already have loaded a library in this process
 * (before the HCS bindings), it keeps its default and calls work as before, only slower at busy moments
 * (test/integration/koffi-memory.test.ts checks that the bindings get the setting).
 */
export function keepAsyncMemoryResident(): void {
  if ((koffi.config().resident_async_pools ?? 0) >= RESIDENT_ASYNC_POOLS) return;
  try {
    koffi.config({ resident_async_pools: RESIDENT_ASYNC_POOLS });
  } catch {
    // "Cannot change Koffi configuration once a library has been loaded": the default stands.
  }
}
