import type { SystemSummary } from '../../src/contract/index.ts';

/** The longest a change waits when no animation frame comes (a hidden or throttled page). */
const FALLBACK_MS = 50;

export interface ChangeBatcher<T = SystemSummary> {
  add(item: T): void;
  /** Applies what is pending now (before an event that must see it, such as a removal). */
  flush(): void;
  /** Drops what is pending and stops. */
  cancel(): void;
}

/**
 * Coalesces bursts of `systems.changed` into one store update per frame. Each update re-derives the visible
 * rows (filter and sort over every system), so applying 1,000 changes one by one to a list of 10,000 systems
 * costs 1,000 sorts; the screen can only show one state per frame anyway. Later changes of the same system
 * replace earlier ones.
 */
export function createChangeBatcher(apply: (systems: SystemSummary[]) => void): ChangeBatcher {
  return createKeyedBatcher((s: SystemSummary) => s.id, apply);
}

/** The same for any keyed event (operations by opId): the latest item of each key, applied once per frame. */
export function createKeyedBatcher<T>(
  keyOf: (item: T) => string,
  apply: (items: T[]) => void,
): ChangeBatcher<T> {
  let pending = new Map<string, T>();
  let scheduled = false;
  let cancelled = false;
  const flush = () => {
    scheduled = false;
    if (cancelled || pending.size === 0) return;
    const batch = [...pending.values()];
    pending = new Map();
    apply(batch);
  };
  return {
    add(item) {
      if (cancelled) return;
      pending.set(keyOf(item), item);
      if (scheduled) return;
      scheduled = true;
      if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
      setTimeout(flush, FALLBACK_MS);
    },
    flush,
    cancel() {
      cancelled = true;
      pending.clear();
    },
  };
}
