/** Retry delays that grow exponentially up to a cap, optionally jittered so many clients do not retry in step. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Growth per attempt (2: each delay doubles). */
  factor: number;
  /** Fraction (0..1) of the delay that is randomised downwards; 0 for none. */
  jitter: number;
}

/** Delay before retry `attempt` (0-based): initialMs × factor^attempt, capped at maxMs, minus up to `jitter` of it. */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(policy.maxMs, policy.initialMs * Math.pow(policy.factor, Math.max(0, attempt)));
  return Math.round(base * (1 - policy.jitter * random()));
}

/** The attempt counter for a policy: next() gives the delay and counts the attempt; reset() once it succeeded. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    return backoffDelay(this.policy, this.attempt++, this.random);
  }

  reset(): void {
    this.attempt = 0;
  }
}
