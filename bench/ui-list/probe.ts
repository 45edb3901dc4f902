/**
 * The in-page probe of the ui-list section, installed with `page.addInitScript` on the app's page and on the
 * baseline page alike, so both sides pay the same observation cost. It measures from outside the code under
 * test:
 *  - first rows: a MutationObserver notes when a grid cell showing the known first id enters the DOM, then
 *    the frame that shows it (requestAnimationFrame, then a MessageChannel task: after that frame is produced),
 *    and when a `systems.snapshot` message came through the page's WebSocket (the app's list; the bare table in
 *    `fetch` mode fetches it, which resource timing shows);
 *  - events: `window.WebSocket` is wrapped so each `onmessage` handler the page installs runs first and the
 *    probe counts afterwards. A `systems.changed` message counted here has been through the page's own handler
 *    (for the app: the transport's contract check and the zustand store update);
 *  - state changes: for an armed target (ids and the state they move to), which ids have arrived in that state
 *    with nothing pending, then the first frame after all have in which every rendered row of a target shows
 *    the state.
 * No Playwright network listeners are involved.
 *
 * This file is type-checked with Node's types, without the DOM library: the page globals it uses are declared
 * below.
 */

export interface ProbeState {
  firstRow: { id: string; domAt: number | null; paintAt: number | null; snapshotAt: number | null };
  changed: { count: number; firstAt: number; lastAt: number };
  target: {
    ids: string[];
    state: string;
    done: number;
    allAt: number | null;
    shownAt: number | null;
    /** Rendered rows of targets seen in the frame that counted as shown (0 would prove nothing). */
    shownRows: number;
  } | null;
}

interface ProbeElement {
  textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<ProbeElement>;
}
interface MessageLike {
  data: unknown;
}
type Handler = ((this: unknown, ev: MessageLike) => unknown) | null;
interface SocketLike {
  get onmessage(): Handler;
  set onmessage(handler: Handler);
}
interface ProbeGlobals {
  __uiList: ProbeState;
  __uiListArm(ids: string[], state: string): void;
  WebSocket: new (...args: unknown[]) => SocketLike;
  document: ProbeElement & { readyState: string; documentElement: unknown };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: object): void;
    disconnect(): void;
  };
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(value: unknown): void };
  };
  requestAnimationFrame(callback: () => void): void;
  performance: { now(): number };
}

/** The message prefix of a `systems.changed` event as the server's JSON.stringify writes it (t, channel, …). */
export const CHANGED_PREFIX = '{"t":"evt","channel":"systems.changed"';
/** The same for the `systems.snapshot` event (the whole list). */
export const SNAPSHOT_PREFIX = '{"t":"evt","channel":"systems.snapshot"';

interface ProbeOptions {
  /** The id the grid shows first once it has data. */
  firstId: string;
  changedPrefix: string;
  snapshotPrefix: string;
  /** How long the probe keeps checking frames for an armed target before giving up. */
  shownLimitMs: number;
}

/** Runs in the page before any of its scripts (see probeScript): it sees only its argument and page globals. */
function installProbe({ firstId, changedPrefix, snapshotPrefix, shownLimitMs }: ProbeOptions): void {
  const g = globalThis as unknown as ProbeGlobals;
  const now = () => g.performance.now();
  const probe: ProbeState = {
    firstRow: { id: firstId, domAt: null, paintAt: null, snapshotAt: null },
    changed: { count: 0, firstAt: 0, lastAt: 0 },
    target: null,
  };
  g.__uiList = probe;

  /** After the next frame is produced: rAF runs before it, a task posted from there runs after it. */
  const afterNextFrame = (callback: (at: number) => void) =>
    g.requestAnimationFrame(() => {
      const channel = new g.MessageChannel();
      channel.port1.onmessage = () => callback(now());
      channel.port2.postMessage(0);
    });

  const cells = () => Array.from(g.document.querySelectorAll('[role="gridcell"]'));

  // First rows: any grid cell whose whole text is the first id.
  const observer = new g.MutationObserver(() => {
    if (probe.firstRow.domAt !== null) return;
    if (!cells().some((cell) => cell.textContent === firstId)) return;
    probe.firstRow.domAt = now();
    observer.disconnect();
    afterNextFrame((at) => (probe.firstRow.paintAt = at));
  });
  observer.observe(g.document, { childList: true, subtree: true, characterData: true });

  // Whether every rendered row of a target shows the target state (and how many such rows there are).
  const shownRows = (ids: Set<string>, state: string): number | null => {
    let rows = 0;
    for (const row of Array.from(g.document.querySelectorAll('[role="row"]'))) {
      const texts = Array.from(row.querySelectorAll('[role="gridcell"]')).map((c) => c.textContent);
      if (!texts.some((t) => t !== null && ids.has(t))) continue;
      if (!texts.includes(state)) return null;
      rows++;
    }
    return rows;
  };

  const watchShown = (ids: Set<string>, state: string, since: number) => {
    const target = probe.target;
    if (!target) return;
    g.requestAnimationFrame(() => {
      const rows = shownRows(ids, state);
      if (rows === null) {
        if (now() - since < shownLimitMs) watchShown(ids, state, since);
        return;
      }
      const channel = new g.MessageChannel();
      channel.port1.onmessage = () => {
        target.shownAt = now();
        target.shownRows = rows;
      };
      channel.port2.postMessage(0);
    });
  };

  let pendingIds = new Set<string>();
  const idPattern = /"id":"([^"]+)"/;
  g.__uiListArm = (ids, state) => {
    pendingIds = new Set(ids);
    probe.target = { ids, state, done: 0, allAt: null, shownAt: null, shownRows: 0 };
  };

  const afterMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    if (probe.firstRow.snapshotAt === null && data.startsWith(snapshotPrefix))
      probe.firstRow.snapshotAt = now();
    if (!data.startsWith(changedPrefix)) return;
    const at = now();
    const changed = probe.changed;
    if (changed.count === 0) changed.firstAt = at;
    changed.count++;
    changed.lastAt = at;
    const target = probe.target;
    if (!target || target.allAt !== null) return;
    const id = idPattern.exec(data)?.[1];
    if (id === undefined || !pendingIds.has(id)) return;
    if (!data.includes(`"state":"${target.state}"`) || !data.includes('"pending":null')) return;
    pendingIds.delete(id);
    target.done++;
    if (pendingIds.size === 0) {
      target.allAt = at;
      watchShown(new Set(target.ids), target.state, at);
    }
  };

  const Native = g.WebSocket;
  class ProbedWebSocket extends Native {
    private wrapped: Handler = null;
    override get onmessage(): Handler {
      return this.wrapped;
    }
    override set onmessage(handler: Handler) {
      this.wrapped = handler;
      super.onmessage = handler
        ? function (this: unknown, ev: MessageLike) {
            const result = handler.call(this, ev);
            afterMessage(ev.data);
            return result;
          }
        : null;
    }
  }
  g.WebSocket = ProbedWebSocket;
}

/**
 * The probe as an init script. tsx compiles with esbuild's keepNames, which wraps named functions in a
 * `__name(fn, "name")` helper that exists only in this process: the script gives the probe a local stand-in.
 */
export function probeScript(firstId: string): string {
  const options: ProbeOptions = {
    firstId,
    changedPrefix: CHANGED_PREFIX,
    snapshotPrefix: SNAPSHOT_PREFIX,
    shownLimitMs: 120_000,
  };
  return `(() => { const __name = (f) => f; (${installProbe.toString()})(${JSON.stringify(options)}); })();`;
}
