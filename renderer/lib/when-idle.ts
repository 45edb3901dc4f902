/** The longest the work waits for an idle moment on a page that is never idle. */
const IDLE_TIMEOUT_MS = 2000;

/**
 * Runs `work` once the page is idle (requestIdleCallback; a timer where there is none, as in jsdom): for work
 * that must not compete with the first view.
 */
export function whenIdle(work: () => void): { cancel(): void } {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS });
    return { cancel: () => cancelIdleCallback(handle) };
  }
  const timer = setTimeout(work, 0);
  return { cancel: () => clearTimeout(timer) };
}
