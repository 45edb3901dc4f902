/**
 * The in-page half of the soak's responsiveness figure: the time from a click to the frame that shows its
 * result. Armed with what to look for, it notes the next click's event time (`event.timeStamp`, when the
 * browser received the click), then checks every animation frame whether the result is on screen and notes
 * the moment that frame was produced (a task posted from requestAnimationFrame runs after the frame). The
 * driver's own delays (Playwright finding the element, the protocol round trips) are outside the figure.
 *
 * Results it can look for:
 *  - `details`: the details region of a system is there;
 *  - `state`: that region's state badge reads a state and the lifecycle button that follows from it (Resume
 *    once Paused, Pause once Running) is enabled, i.e. nothing is pending any more.
 *
 * This file is type-checked with Node's types, without the DOM library: the page globals it uses are
 * declared below.
 */

export type ClickTarget =
  { kind: 'details'; id: string } | { kind: 'state'; id: string; state: 'Paused' | 'Running' };

export interface ClickResult {
  clickAt: number | null;
  shownAt: number | null;
  timedOut: boolean;
}

interface PageElement {
  textContent: string | null;
  disabled?: boolean;
  nextElementSibling: PageElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
interface PageGlobals {
  __soakArm(target: ClickTarget): void;
  __soakResult: ClickResult | null;
  document: PageElement & {
    addEventListener(type: string, listener: (event: { timeStamp: number }) => void, options: object): void;
  };
  CSS: { escape(text: string): string };
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(value: unknown): void };
  };
  requestAnimationFrame(callback: () => void): void;
  performance: { now(): number };
}

/** Runs in the page (see clickProbeScript): only its argument and the page's globals. */
function installClickProbe(limitMs: number): void {
  const g = globalThis as unknown as PageGlobals;
  const now = () => g.performance.now();
  const region = (id: string) =>
    g.document.querySelector(`section[aria-label="Details of ${g.CSS.escape(id)}"]`);
  const enabledButton = (within: PageElement, name: string) =>
    Array.from(within.querySelectorAll('button')).some(
      (b) => b.textContent?.trim() === name && !b.disabled && b.getAttribute('aria-disabled') !== 'true',
    );
  const shown = (target: ClickTarget): boolean => {
    const details = region(target.id);
    if (!details) return false;
    if (target.kind === 'details') return true;
    const badge = details.querySelector('h2')?.nextElementSibling;
    if (badge?.textContent !== target.state) return false;
    const toolbar = details.querySelector(
      `[role="toolbar"][aria-label="Lifecycle of ${g.CSS.escape(target.id)}"]`,
    );
    return toolbar !== null && enabledButton(toolbar, target.state === 'Paused' ? 'Resume' : 'Pause');
  };

  let armed: ClickTarget | null = null;
  g.document.addEventListener(
    'click',
    (event) => {
      const result = g.__soakResult;
      if (!armed || !result || result.clickAt !== null) return;
      result.clickAt = event.timeStamp;
      const target = armed;
      const watch = () =>
        g.requestAnimationFrame(() => {
          if (g.__soakResult !== result) return;
          if (!shown(target)) {
            if (now() - result.clickAt! < limitMs) watch();
            else result.timedOut = true;
            return;
          }
          const channel = new g.MessageChannel();
          channel.port1.onmessage = () => (result.shownAt = now());
          channel.port2.postMessage(0);
        });
      watch();
    },
    { capture: true },
  );
  g.__soakResult = null;
  g.__soakArm = (target) => {
    armed = target;
    g.__soakResult = { clickAt: null, shownAt: null, timedOut: false };
  };
}

/**
 * The probe as an init script. tsx compiles with esbuild's keepNames, which wraps named functions in a
 * `__name(fn, "name")` helper that exists only in this process: the script gives the probe a local stand-in.
 */
export function clickProbeScript(limitMs: number): string {
  return `(() => { const __name = (f) => f; (${installClickProbe.toString()})(${JSON.stringify(limitMs)}); })();`;
}
