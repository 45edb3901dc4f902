/** Timers the hosts use (retries, time limits): real ones, or a test's clock that moves only when told. */
export interface Scheduler {
  now(): number;
  /** Run `run` in `ms`; returns the function that cancels it. */
  after(ms: number, run: () => void): () => void;
}

/** setTimeout, unref'd: a pending retry never keeps a process alive that has nothing else to do. */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};
