/** Close a handle whose fate no longer matters (dead after a disconnect, or not needed): never throws. */
export function closeQuietly(handle: { close(): Promise<void> }): Promise<void> {
  try {
    return handle.close().catch(() => undefined);
  } catch {
    return Promise.resolve();
  }
}

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
