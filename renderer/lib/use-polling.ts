import { useEffect, useRef } from 'react';

/**
 * Runs `task` now and then `intervalMs` after each run finishes (never two at once), while the component
 * is mounted and `enabled` holds. The latest `task` is used without restarting the cycle.
 */
export function usePolling(task: () => Promise<void>, intervalMs: number, enabled = true): void {
  const latest = useRef(task);
  latest.current = task;
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        await latest.current();
      } finally {
        if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
      }
    };
    void tick();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [intervalMs, enabled]);
}
