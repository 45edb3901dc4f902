/**
 * What every lane of the soak's workload shares: the Node client of the contract, the simulator's control
 * API, the seeded world, the tally and the fault window; and how a lane runs its steps.
 */
import type { SimControl } from '../../sim/control/client.ts';
import type { ContractClient } from './contract-client.ts';
import type { SoakWorld } from './fixture.ts';
import type { FaultWindow, Tally } from './tally.ts';

export interface SoakContext {
  url: string;
  client: ContractClient;
  control: SimControl;
  world: SoakWorld;
  tally: Tally;
  faults: FaultWindow;
  /** Multiplies every think time: short runs (a smoke of the driver) think less. */
  pace: number;
  /** Set when the phase's time is up: lanes finish their cycle and stop. */
  timeUp: boolean;
  /** Set when the run cannot go on (the server died): lanes stop at once. */
  aborted: string | null;
  /** A fresh number for ids and markers. */
  next(): number;
  log(line: string): void;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A think time between steps: workload pacing, never a wait for a result. */
export function think(ctx: SoakContext, ms: number): Promise<void> {
  return sleep(Math.round(ms * ctx.pace));
}

export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

/** Runs one step of kind `kind`, records its outcome and returns whether it succeeded. */
export async function step(ctx: SoakContext, kind: string, run: () => Promise<void>): Promise<boolean> {
  const startedAt = Date.now();
  try {
    await run();
    ctx.tally.record(kind, null, false);
    return true;
  } catch (e) {
    const inFault = ctx.faults.overlaps(startedAt);
    ctx.tally.record(kind, e, inFault);
    if (!inFault) ctx.log(`soak: ${kind} failed: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

/**
 * A lane: runs `cycle` again and again until the phase's time is up and every kind the lane owns has
 * succeeded at least once (so even a run of seconds exercises each kind), or the run is aborted.
 */
export async function lane(
  ctx: SoakContext,
  kinds: readonly string[],
  cycle: () => Promise<void>,
  limitMs: number,
): Promise<void> {
  for (const kind of kinds) ctx.tally.expect(kind);
  const deadline = Date.now() + limitMs;
  while (!ctx.aborted && Date.now() < deadline && !(ctx.timeUp && ctx.tally.covered(kinds))) {
    await cycle();
  }
}
