// The simulator's wire format (sim/PROTOCOL.md "Frames"): a 16-byte header, a u16 field count and typed fields,
// all little-endian. The decoder reassembles frames from arbitrary chunking and refuses oversized frames before
// buffering them, so a hostile client cannot make the service allocate more than MAX_FRAME_BYTES for it.

export const HEADER_BYTES = 16;
/** Header plus the u16 field count: the smallest valid frame. */
export const MIN_FRAME_BYTES = HEADER_BYTES + 2;
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export const FrameKind = { Request: 1, Response: 2, Notification: 3 } as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

const Tag = { Null: 0, I64: 1, Str16: 2, Fd: 3 } as const;

/** A descriptor field: the index into the descriptors that travel with the frame, -1 for none. */
export interface FdField {
  readonly fdSlot: number;
}

/**
 * A field value. I64 decodes to a number when it is a safe integer, else to a bigint (handles and pids are small;
 * a bigint can only come from a confused or hostile client and simply matches nothing).
 */
export type Field = null | number | bigint | string | FdField;

export interface Frame {
  kind: number;
  id: number;
  /** The op number (request), the HRESULT (response, signed) or the notification type. */
  code: number;
  fields: Field[];
}

export class FrameError extends Error {
  override name = 'FrameError';
}

export function fdField(slot: number): FdField {
  return { fdSlot: slot };
}

function fieldBytes(f: Field): number {
  if (f === null) return 1;
  if (typeof f === 'number' || typeof f === 'bigint') return 9;
  if (typeof f === 'string') return 5 + f.length * 2;
  return 5;
}

/** Encodes one frame. The code is written as a signed int32 (an HRESULT like 0xC0370103 may be given unsigned). */
export function encodeFrame(frame: Frame): Buffer {
  if (frame.fields.length > 0xffff) throw new FrameError(`too many fields: ${frame.fields.length}`);
  let length = MIN_FRAME_BYTES;
  for (const f of frame.fields) length += fieldBytes(f);
  if (length > MAX_FRAME_BYTES) throw new FrameError(`frame of ${length} bytes exceeds ${MAX_FRAME_BYTES}`);
  const buf = Buffer.alloc(length);
  buf.writeUInt32LE(length, 0);
  buf.writeUInt32LE(frame.kind >>> 0, 4);
  buf.writeUInt32LE(frame.id >>> 0, 8);
  buf.writeInt32LE(frame.code | 0, 12);
  buf.writeUInt16LE(frame.fields.length, 16);
  let at = MIN_FRAME_BYTES;
  for (const f of frame.fields) {
    if (f === null) {
      buf.writeUInt8(Tag.Null, at);
      at += 1;
    } else if (typeof f === 'number' || typeof f === 'bigint') {
      if (typeof f === 'number' && !Number.isInteger(f))
        throw new FrameError(`I64 field is not an integer: ${f}`);
      buf.writeUInt8(Tag.I64, at);
      buf.writeBigInt64LE(BigInt.asIntN(64, BigInt(f)), at + 1);
      at += 9;
    } else if (typeof f === 'string') {
      buf.writeUInt8(Tag.Str16, at);
      buf.writeUInt32LE(f.length * 2, at + 1);
      // utf16le writes code units as they are, lone surrogates included.
      buf.write(f, at + 5, 'utf16le');
      at += 5 + f.length * 2;
    } else {
      buf.writeUInt8(Tag.Fd, at);
      buf.writeInt32LE(f.fdSlot | 0, at + 1);
      at += 5;
    }
  }
  return buf;
}

/** Decodes one complete frame (exactly `buf.length` bytes). */
export function decodeFrame(buf: Buffer): Frame {
  if (buf.length < MIN_FRAME_BYTES)
    throw new FrameError(`frame of ${buf.length} bytes is shorter than its header`);
  const length = buf.readUInt32LE(0);
  if (length !== buf.length)
    throw new FrameError(`frame length ${length} does not match ${buf.length} bytes`);
  const kind = buf.readUInt32LE(4);
  const id = buf.readUInt32LE(8);
  const code = buf.readInt32LE(12);
  const count = buf.readUInt16LE(16);
  const fields: Field[] = [];
  let at = MIN_FRAME_BYTES;
  const need = (n: number, what: string) => {
    if (at + n > length)
      throw new FrameError(`field ${fields.length}: ${what} runs past the end of the frame`);
  };
  for (let i = 0; i < count; i++) {
    need(1, 'tag');
    const tag = buf.readUInt8(at);
    at += 1;
    switch (tag) {
      case Tag.Null:
        fields.push(null);
        break;
      case Tag.I64: {
        need(8, 'I64');
        const v = buf.readBigInt64LE(at);
        at += 8;
        const n = Number(v);
        fields.push(Number.isSafeInteger(n) ? n : v);
        break;
      }
      case Tag.Str16: {
        need(4, 'STR16 length');
        const bytes = buf.readUInt32LE(at);
        at += 4;
        if (bytes % 2 !== 0)
          throw new FrameError(`field ${fields.length}: STR16 has an odd byte length ${bytes}`);
        need(bytes, 'STR16');
        fields.push(buf.toString('utf16le', at, at + bytes));
        at += bytes;
        break;
      }
      case Tag.Fd:
        need(4, 'FD');
        fields.push(fdField(buf.readInt32LE(at)));
        at += 4;
        break;
      default:
        throw new FrameError(`field ${fields.length}: unknown tag ${tag}`);
    }
  }
  if (at !== length) throw new FrameError(`${length - at} trailing bytes after ${count} fields`);
  return { kind, id, code, fields };
}

/**
 * Streaming reassembly. push() takes whatever chunk the socket produced and returns the frames it completed.
 * After a FrameError the stream is unusable (the connection must be closed): there is no way to resynchronise.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private broken = false;

  constructor(private readonly maxFrameBytes = MAX_FRAME_BYTES) {}

  /** Bytes held for an incomplete frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  push(chunk: Buffer): Frame[] {
    if (this.broken) throw new FrameError('decoder already failed');
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Frame[] = [];
    try {
      while (this.buffered >= 4) {
        const length = this.peekLength();
        if (length < MIN_FRAME_BYTES) throw new FrameError(`frame length ${length} is shorter than a header`);
        if (length > this.maxFrameBytes) {
          throw new FrameError(`frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes}`);
        }
        if (this.buffered < length) break;
        frames.push(decodeFrame(this.take(length)));
      }
    } catch (e) {
      this.broken = true;
      this.chunks = [];
      this.buffered = 0;
      throw e;
    }
    return frames;
  }

  private peekLength(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readUInt32LE(0);
    const head = Buffer.concat(this.chunks, Math.min(this.buffered, 64)).subarray(0, 4);
    return head.readUInt32LE(0);
  }

  /** Removes exactly n bytes from the front, concatenating only the chunks they span. */
  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length === n) {
      this.chunks.shift();
      this.buffered -= n;
      return first;
    }
    if (first.length > n) {
      this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let copied = 0;
    while (copied < n) {
      const c = this.chunks[0]!;
      const want = n - copied;
      if (c.length <= want) {
        c.copy(out, copied);
        copied += c.length;
        this.chunks.shift();
      } else {
        c.copy(out, copied, 0, want);
        this.chunks[0] = c.subarray(want);
        copied += want;
      }
    }
    this.buffered -= n;
    return out;
  }
}
