/** Wait for the promises to settle, but no longer than `ms` (a hung HCS call must not hang shutdown). */
export function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
    void Promise.allSettled(promises).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
