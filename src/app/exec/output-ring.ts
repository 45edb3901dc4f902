/** One stored piece of output: its offset in the session's output, its stream, its bytes. */
export interface StoredChunk {
  seq: number;
  stream: 'stdout' | 'stderr';
  data: Uint8Array;
}

/**
 * The recent output of a session, at most `capacity` bytes, for replay when a client attaches (a reload, a
 * second window). Older output is dropped from the front, cutting into a chunk when needed so exactly the
 * last `capacity` bytes stay. Chunks are stored as received; a small chunk that is a view into a much larger
 * buffer is copied so the ring never keeps more memory alive than it accounts for.
 */
export class OutputRing {
  private readonly chunks: StoredChunk[] = [];
  private head = 0;
  private bytes = 0;
  private endSeq = 0;

  constructor(readonly capacity: number) {}

  /** Offset of the first byte still held (0 until something was dropped). */
  get start(): number {
    return this.endSeq - this.bytes;
  }

  /** Offset after the last byte stored: the session's output size so far. */
  get end(): number {
    return this.endSeq;
  }

  get size(): number {
    return this.bytes;
  }

  /** Store the next piece of output; it must start at `end`. */
  push(stream: 'stdout' | 'stderr', data: Uint8Array): void {
    if (data.byteLength === 0) return;
    let stored = data;
    if (data.byteLength > this.capacity) stored = data.subarray(data.byteLength - this.capacity);
    if (stored.buffer.byteLength > stored.byteLength * 2) stored = stored.slice();
    this.chunks.push({ seq: this.endSeq + (data.byteLength - stored.byteLength), stream, data: stored });
    this.bytes += stored.byteLength;
    this.endSeq += data.byteLength;
    this.trim();
  }

  /** The chunks held now, oldest first (shared, not copied: callers must not modify them). */
  snapshot(): StoredChunk[] {
    return this.chunks.slice(this.head);
  }

  clear(): void {
    this.chunks.length = 0;
    this.head = 0;
    this.bytes = 0;
  }

  private trim(): void {
    while (this.bytes > this.capacity) {
      const first = this.chunks[this.head]!;
      const excess = this.bytes - this.capacity;
      if (first.data.byteLength <= excess) {
        this.bytes -= first.data.byteLength;
        this.chunks[this.head] = undefined as unknown as StoredChunk;
        this.head++;
      } else {
        this.chunks[this.head] = {
          seq: first.seq + excess,
          stream: first.stream,
          data: first.data.subarray(excess),
        };
        this.bytes -= excess;
      }
    }
    // Compact now and then so the array does not grow with every chunk ever stored.
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks.splice(0, this.head);
      this.head = 0;
    }
  }
}
