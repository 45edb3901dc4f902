/**
 * The input side of an emulated console on the simulator (a pty master descriptor). Node has no stream for
 * it that never blocks: net.Socket refuses TTY descriptors, and libuv's TTY handle writes a pty master with
 * blocking writes (it cannot reopen a master non-blocking), so a paste larger than the pty's input buffer
 * into a process that is not reading would freeze the JS thread. Here the descriptor is switched to
 * O_NONBLOCK and written with fs.write: a full buffer answers EAGAIN at once, and the write is retried
 * after a short, growing pause until the process reads (Writable's buffering gives callers backpressure).
 */
import { close, write } from 'node:fs';
import { Writable } from 'node:stream';
import koffi from 'koffi';

const F_GETFL = 3;
const F_SETFL = 4;
const O_NONBLOCK = process.platform === 'darwin' ? 0x4 : 0o4000;
const MAX_RETRY_MS = 50;

type Fcntl = (fd: number, cmd: number, ...rest: unknown[]) => number;
let fcntl: Fcntl | null = null;

/** Sets O_NONBLOCK on a descriptor (and so on every descriptor sharing its open file description). */
export function setNonBlocking(fd: number): void {
  // Variadic, so called synchronously; F_GETFL/F_SETFL never block. dlopen(NULL) reaches libc's symbol.
  const call: Fcntl = (fcntl ??= koffi.load(null).func('int fcntl(int fd, int cmd, ...)') as Fcntl);
  const flags = call(fd, F_GETFL);
  if (flags < 0) throw new Error(`fcntl(F_GETFL) failed for descriptor ${fd}`);
  if (flags & O_NONBLOCK) return;
  if (call(fd, F_SETFL, 'int', flags | O_NONBLOCK) < 0)
    throw new Error(`fcntl(F_SETFL) failed for descriptor ${fd}`);
}

/** A Writable over a non-blocking pty descriptor; owns the descriptor and closes it when destroyed. */
export class PtyInput extends Writable {
  private retry: NodeJS.Timeout | null = null;
  /** A write is running on the thread pool: the descriptor must not be closed (and its number reused) under it. */
  private writing = false;
  private closeWhenIdle: (() => void) | null = null;

  constructor(private readonly fd: number) {
    super({ highWaterMark: 16 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeFrom(chunk, 0, 1, callback);
  }

  private writeFrom(
    buf: Buffer,
    offset: number,
    pauseMs: number,
    callback: (error?: Error | null) => void,
  ): void {
    this.writing = true;
    write(this.fd, buf, offset, buf.length - offset, null, (err, written) => {
      this.writing = false;
      if (this.closeWhenIdle) {
        this.closeWhenIdle();
        return;
      }
      if (this.destroyed) return;
      if (err && (err.code === 'EAGAIN' || err.code === 'EWOULDBLOCK')) {
        // The pty's input buffer is full: the process is not reading. Try again shortly.
        this.retry = setTimeout(() => {
          this.retry = null;
          this.writeFrom(buf, offset, Math.min(pauseMs * 2, MAX_RETRY_MS), callback);
        }, pauseMs);
        return;
      }
      if (err) {
        callback(err);
        return;
      }
      const next = offset + written;
      if (next < buf.length) this.writeFrom(buf, next, 1, callback);
      else callback();
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.retry) clearTimeout(this.retry);
    const closeFd = () => close(this.fd, () => callback(error));
    if (this.writing) this.closeWhenIdle = closeFd;
    else closeFd();
  }
}
