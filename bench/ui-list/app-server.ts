/**
 * The app side of the ui-list section: the real web-mode server (the bundle `npm run serve` runs,
 * bench/lib/server-bundle.ts) on a random port, which starts its own simulator seeded from the section's fixture,
 * and an observer: a Node WebSocket client of that server, with the token and the server's own Origin, that
 * makes requests as the page would and sees the same event stream the page gets.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import WebSocket from 'ws';
import { repoRoot } from '../../e2e/support/paths.ts';
import { startNodeScript, stopProcessGroup, waitForLine } from '../../e2e/support/processes.ts';
import { READY_LINE } from '../../e2e/support/web-app.ts';
import { SimControl } from '../../sim/control/client.ts';
import { SERVER_BUNDLE, buildServerBundle } from '../lib/server-bundle.ts';
import { benchServerFiles } from '../lib/server-files.ts';

/** Polling hands the page `systems.changed` bursts of its own; the section asks for a poll when it wants one. */
export const IDLE_POLL_MS = 600_000;
const SERVER_READY_MS = 120_000;

interface WireIn {
  t: string;
  id?: number;
  ok?: boolean;
  channel?: string;
  result?: unknown;
  error?: { message?: string };
  payload?: { systems?: unknown[]; system?: { id: string; state: string; pending: string | null } };
}

interface Watch {
  match: (message: WireIn) => boolean;
  resolve: (text: string) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** A Node client of the app's WebSocket: requests, the raw event stream, and waits on it. */
export class Observer {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly watches = new Set<Watch>();
  private recording: string[] | null = null;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      const message = JSON.parse(text) as WireIn;
      if (message.t === 'res' && typeof message.id === 'number') {
        const p = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) p?.resolve(message.result);
        else p?.reject(new Error(`request ${message.id} failed: ${message.error?.message ?? 'no message'}`));
        return;
      }
      if (message.t !== 'evt') return;
      this.recording?.push(text);
      for (const watch of [...this.watches]) {
        if (!watch.match(message)) continue;
        this.watches.delete(watch);
        clearTimeout(watch.timer);
        watch.resolve(text);
      }
    });
    ws.on('close', () => this.failAll(new Error('the app closed the WebSocket')));
    ws.on('error', (e) => this.failAll(e));
  }

  /** Connects; the observer listens from the first frame (the server sends its first events at once). */
  static connect(pageUrl: string): { observer: Observer; opened: Promise<void> } {
    const url = new URL(pageUrl);
    const token = url.searchParams.get('token') ?? '';
    const ws = new WebSocket(`ws://${url.host}/ws?token=${encodeURIComponent(token)}`, {
      origin: url.origin,
    });
    const opened = new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return { observer: new Observer(ws), opened };
  }

  request(channel: string, payload: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ t: 'req', id, channel, payload }));
    });
  }

  /** Resolves with the text of the first event that `match` accepts, seen from now on. */
  waitFor(match: (message: WireIn) => boolean, timeoutMs: number, what: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const watch: Watch = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.watches.delete(watch);
          reject(new Error(`the app sent no ${what} within ${timeoutMs / 1000} s`));
        }, timeoutMs),
      };
      this.watches.add(watch);
    });
  }

  /**
   * Resolves when every id has been reported in `state` with nothing pending (the condition the page's probe
   * waits for), counting from now.
   */
  waitForStates(ids: readonly string[], state: string, timeoutMs: number): Promise<void> {
    const left = new Set(ids);
    return this.waitFor(
      (m) => {
        const system = m.channel === 'systems.changed' ? m.payload?.system : undefined;
        if (system && system.state === state && system.pending === null) left.delete(system.id);
        return left.size === 0;
      },
      timeoutMs,
      `${state} for all ${ids.length} systems`,
    ).then(() => undefined);
  }

  /** Counts `systems.changed` events from now on until `count` have arrived; resolves with their timing. */
  countChanged(count: number, timeoutMs: number): Promise<{ firstAt: number; lastAt: number }> {
    let seen = 0;
    let firstAt = 0;
    return this.waitFor(
      (m) => {
        if (m.channel !== 'systems.changed') return false;
        const at = performance.now();
        if (seen++ === 0) firstAt = at;
        return seen >= count;
      },
      timeoutMs,
      `${count} systems.changed events`,
    ).then(() => ({ firstAt, lastAt: performance.now() }));
  }

  /** Keeps every event's text from now until the returned function is called, which hands them over. */
  record(): () => string[] {
    const recorded: string[] = [];
    this.recording = recorded;
    return () => {
      if (this.recording === recorded) this.recording = null;
      return recorded;
    };
  }

  close(): void {
    this.failAll(new Error('the observer was closed'));
    this.ws.terminate();
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    for (const watch of this.watches) {
      clearTimeout(watch.timer);
      watch.reject(error);
    }
    this.watches.clear();
  }
}

export interface AppUnderTest {
  url: string;
  control: SimControl;
  socketPath: string;
  observer: Observer;
  /** The `systems.snapshot` message the server sent the observer on connect, as sent. */
  snapshotText: string;
  /** The server process (its simulator runs in the same process group). */
  pid: number;
  stop(): Promise<void>;
}

/** Starts the server on `fixtureFile` and waits until it lists all `systemCount` systems. */
export async function startApp(
  dir: string,
  fixtureFile: string,
  systemCount: number,
  nodeArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<AppUnderTest> {
  const socketPath = join(dir, 'sim.sock');
  const token = randomBytes(16).toString('hex');
  buildServerBundle();
  const server = startNodeScript(
    SERVER_BUNDLE,
    [
      ...['--host', '127.0.0.1', '--port', '0', '--token', token, '--backend', 'simulator'],
      ...['--sim-socket', socketPath, '--sim-fixture', fixtureFile, '--poll-ms', String(IDLE_POLL_MS)],
      ...benchServerFiles(dir),
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env, HCS_SIM_SOCKET: socketPath },
      logFile: join(dir, 'server.log'),
      require: join(repoRoot, 'src', 'server', 'threadpool.cjs'),
      nodeArgs,
      typescript: false,
    },
  );
  let observer: Observer | null = null;
  try {
    const [, url] = await waitForLine(server, READY_LINE, SERVER_READY_MS, 'the web server');
    const connection = Observer.connect(url!);
    observer = connection.observer;
    // The server comes up "connecting" if the first enumeration (which opens every system) takes long; then
    // the full snapshot follows. Either way the snapshot with every system is the one to wait for.
    const snapshot = observer.waitFor(
      (m) => m.channel === 'systems.snapshot' && m.payload?.systems?.length === systemCount,
      SERVER_READY_MS,
      `snapshot of ${systemCount} systems`,
    );
    await connection.opened;
    const snapshotText = await snapshot;
    const connected = observer;
    return {
      url: url!,
      control: new SimControl(socketPath),
      socketPath,
      observer: connected,
      snapshotText,
      pid: server.pid!,
      async stop() {
        connected.close();
        // A profiled server writes its profile as it exits, after closing every handle: give it the time.
        await stopProcessGroup(server, nodeArgs.includes('--cpu-prof') ? 120_000 : undefined);
      },
    };
  } catch (e) {
    observer?.close();
    await stopProcessGroup(server);
    throw e;
  }
}
