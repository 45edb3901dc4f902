/**
 * koffi's registered callbacks do not keep Node's event loop alive (docs/hcs/koffi.md#event-loop), so a
 * script awaiting an HCS completion would simply exit. While anything holds the loop, one ref'd interval
 * timer keeps it running; it never fires work.
 */
let holders = 0;
let timer: NodeJS.Timeout | null = null;

/** Keeps the event loop alive until the returned release function is called (idempotent). */
export function holdEventLoop(): () => void {
  holders++;
  if (timer === null) timer = setInterval(() => {}, 1 << 30);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders--;
    if (holders === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** How many holders there are (for tests and diagnostics). */
export function eventLoopHolders(): number {
  return holders;
}
