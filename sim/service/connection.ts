// One client connection: frames in (reassembled, size-limited), frames out in order. A frame that carries
// descriptors must leave through sendmsg on the raw fd, which bypasses Node's write queue, so it waits until every
// earlier write has completed, and later frames wait behind it; a partial sendmsg is completed through the socket.
import type { Socket } from 'node:net';
import {
  encodeFrame,
  FrameDecoder,
  FrameError,
  FrameKind,
  MAX_FRAME_BYTES,
  type Field,
  type Frame,
} from './frame.ts';
import { EAGAIN, type DescriptorSender } from './process-host.ts';

interface Outgoing {
  buf: Buffer;
  fds: number[];
}

export interface ConnectionOptions {
  socket: Socket;
  /** null: descriptors cannot be sent (no libsimhost); frames with descriptors fail the connection. */
  sender: DescriptorSender | null;
  label: string;
  log: (message: string) => void;
  onFrame: (frame: Frame) => void;
  onClose: () => void;
  maxFrameBytes?: number;
}

const SENDMSG_RETRY_MS = 2;

function socketFd(socket: Socket): number | undefined {
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

export class Connection {
  private readonly decoder: FrameDecoder;
  private readonly queue: Outgoing[] = [];
  private writesInFlight = 0;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly o: ConnectionOptions) {
    this.decoder = new FrameDecoder(o.maxFrameBytes ?? MAX_FRAME_BYTES);
    o.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    o.socket.on('error', (e) => {
      if (
        (e as NodeJS.ErrnoException).code !== 'ECONNRESET' &&
        (e as NodeJS.ErrnoException).code !== 'EPIPE'
      ) {
        o.log(`${o.label}: socket error: ${e.message}`);
      }
    });
    o.socket.on('close', () => this.onClosed());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (e) {
      if (!(e instanceof FrameError)) throw e;
      this.o.log(`${this.o.label}: protocol error, closing the connection: ${e.message}`);
      this.close();
      return;
    }
    for (const f of frames) {
      if (this.closed) return;
      if (f.kind !== FrameKind.Request) {
        this.o.log(
          `${this.o.label}: protocol error, closing the connection: frame kind ${f.kind} from a client`,
        );
        this.close();
        return;
      }
      this.o.onFrame(f);
    }
  }

  respond(id: number, hr: number, fields: Field[], fds: number[] = []): void {
    this.send({ kind: FrameKind.Response, id, code: hr, fields }, fds);
  }

  notify(registration: number, type: number, status: number, data: string | null): void {
    this.send({ kind: FrameKind.Notification, id: 0, code: type, fields: [registration, status | 0, data] });
  }

  /** Queues a frame. Descriptors passed here belong to the connection from now on: it closes them once sent. */
  send(frame: Frame, fds: number[] = []): void {
    if (this.closed) {
      this.closeFds(fds);
      return;
    }
    this.queue.push({ buf: encodeFrame(frame), fds });
    this.pump();
  }

  private write(buf: Buffer): void {
    this.writesInFlight++;
    this.o.socket.write(buf, () => {
      this.writesInFlight--;
      if (this.writesInFlight === 0 && this.queue.length > 0) this.pump();
    });
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0 && this.retry === null) {
      const item = this.queue[0]!;
      if (item.fds.length === 0) {
        this.queue.shift();
        this.write(item.buf);
        continue;
      }
      // Everything before this frame must be on the wire before sendmsg writes to the fd directly.
      if (this.writesInFlight > 0) return;
      const fd = socketFd(this.o.socket);
      if (fd === undefined || this.o.sender === null) {
        this.o.log(`${this.o.label}: cannot send descriptors on this connection; closing it`);
        this.close();
        return;
      }
      const n = this.o.sender.sendmsg(fd, item.buf, item.fds);
      if (n === -EAGAIN) {
        this.retry = setTimeout(() => {
          this.retry = null;
          this.pump();
        }, SENDMSG_RETRY_MS);
        return;
      }
      if (n < 0) {
        this.o.log(`${this.o.label}: sendmsg failed with errno ${-n}; closing the connection`);
        this.close();
        return;
      }
      // The descriptors went with the first byte; the client owns them now.
      this.queue.shift();
      this.closeFds(item.fds);
      if (n < item.buf.length) this.write(item.buf.subarray(n));
    }
  }

  private closeFds(fds: number[]): void {
    for (const fd of fds) this.o.sender?.close(fd);
  }

  close(): void {
    if (this.closed) return;
    this.o.socket.destroy();
    this.onClosed();
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    for (const item of this.queue.splice(0)) this.closeFds(item.fds);
    this.o.onClose();
  }
}
