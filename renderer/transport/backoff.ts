export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction (0..1) of the delay that is randomised so many windows do not reconnect in lockstep. */
  jitter: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 250, maxMs: 5000, factor: 2, jitter: 0.2 };

/** Delay before reconnect attempt `attempt` (0-based): exponential, capped, with downward jitter. */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(policy.maxMs, policy.initialMs * Math.pow(policy.factor, Math.max(0, attempt)));
  return Math.round(base * (1 - policy.jitter * random()));
}
