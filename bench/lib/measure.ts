/** Small timing helpers for sections. */

/** Nanoseconds since an arbitrary origin. */
export function nowNs(): bigint {
  return process.hrtime.bigint();
}

/** Milliseconds elapsed since `start` (from nowNs()). */
export function elapsedMs(start: bigint): number {
  return Number(nowNs() - start) / 1e6;
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs `fn` `rounds` times and returns the median of what it returns (each round measures itself). */
export async function medianOf(rounds: number, fn: () => Promise<number> | number): Promise<number> {
  const results: number[] = [];
  for (let i = 0; i < rounds; i++) results.push(await fn());
  return median(results);
}
