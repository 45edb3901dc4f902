import type { AppCoreApi, CoreConnection } from '../src/app/index.ts';
import { EVENT_CHANNEL } from './channels.ts';

/** Renderer → main (ipcRenderer.send, from the preload at every page load): "give this page an output port". */
export const OUTPUT_PORT_REQUEST_CHANNEL = 'hcs:output-port-request';
/** Main → renderer (webContents.postMessage with the port transferred). */
export const OUTPUT_PORT_CHANNEL = 'hcs:output-port';

/** The parts of Electron's MessagePortMain used here. */
export interface OutputPort {
  postMessage(message: unknown): void;
  close(): void;
  on(event: 'close', listener: () => void): unknown;
}

/** The parts of a window's WebContents used here (`Remote`: the port end it receives). */
export interface PortTarget<Remote> {
  readonly id: number;
  isDestroyed(): boolean;
  /** An IPC message to this window (its own events: the statistics it watches). */
  send(channel: string, ...args: unknown[]): void;
  postMessage(channel: string, message: unknown, transfer: Remote[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
}

/**
 * Exec output for Electron windows: one MessageChannelMain per page load. The main process keeps one end and
 * transfers the other to the page's preload, which decodes the frames and hands them to `window.hcs.onOutput`
 * listeners — the page never sees the port or ipcRenderer. Each page load is one core connection: exec.attach,
 * exec.detach and exec.ack from that window run on it, and when the page goes (reload, crash, close: the port
 * closes) its attachments go, so it no longer holds any process's output back.
 */
export class OutputPorts<Remote = unknown> {
  private readonly open = new Map<number, { port: OutputPort; connection: CoreConnection }>();
  private readonly watched = new Set<number>();

  constructor(
    private readonly core: Pick<AppCoreApi, 'connect'>,
    private readonly createChannel: () => { port1: OutputPort; port2: Remote },
  ) {}

  /** A (trusted) page asked for its port: a new connection replaces the window's previous one. */
  connect(target: PortTarget<Remote>): void {
    this.disconnect(target.id);
    if (target.isDestroyed()) return;
    const { port1, port2 } = this.createChannel();
    // Each frame is its own exact-size buffer: send that ArrayBuffer (structured-cloned to the page). The
    // connection's own events go to this window on the event channel every other event takes.
    const connection = this.core.connect(
      (frame) => port1.postMessage(frame.buffer),
      (event) => {
        if (!target.isDestroyed()) target.send(EVENT_CHANNEL, event.channel, event.payload);
      },
    );
    const entry = { port: port1, connection };
    this.open.set(target.id, entry);
    port1.on('close', () => {
      if (this.open.get(target.id) === entry) this.disconnect(target.id);
    });
    if (!this.watched.has(target.id)) {
      this.watched.add(target.id);
      target.once('destroyed', () => {
        this.watched.delete(target.id);
        this.disconnect(target.id);
      });
    }
    target.postMessage(OUTPUT_PORT_CHANNEL, null, [port2]);
  }

  /** The connection of the window's current page, if it asked for a port. */
  connectionOf(contentsId: number): CoreConnection | undefined {
    return this.open.get(contentsId)?.connection;
  }

  disconnect(contentsId: number): void {
    const entry = this.open.get(contentsId);
    if (!entry) return;
    this.open.delete(contentsId);
    entry.connection.close();
    try {
      entry.port.close();
    } catch {
      // Already closed with its page.
    }
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.disconnect(id);
  }
}
