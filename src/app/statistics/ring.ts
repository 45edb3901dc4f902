/**
 * The newest `capacity` items, oldest first; pushing past the capacity drops the oldest. The storage grows with
 * the items instead of being reserved up front: the host's figures keep one history per running system (an hour
 * of samples, 3,601 slots at 1 s), most of them sampled rarely, and reserving them cost 29 KB per system —
 * 144 MB of the core's heap with 5,000 systems running (`npm run bench -- memory`, December 2026).
 * Slots are written only at `start + length`: before the ring is full that is at most `items.length` (an append).
 */
export class Ring<T> {
  private items: (T | undefined)[] = [];
  private start = 0;
  private length = 0;
  #capacity: number;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`invalid capacity ${capacity}`);
    this.#capacity = capacity;
  }

  get capacity(): number {
    return this.#capacity;
  }

  /** A new capacity (the sampling interval changed): the newest items are kept, as many as fit. */
  resize(capacity: number): void {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`invalid capacity ${capacity}`);
    const kept = this.toArray().slice(-capacity);
    this.#capacity = capacity;
    this.items = [];
    this.start = 0;
    this.length = 0;
    for (const item of kept) this.push(item);
  }

  get size(): number {
    return this.length;
  }

  push(item: T): void {
    if (this.length < this.capacity) {
      this.items[(this.start + this.length) % this.capacity] = item;
      this.length++;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** Drops the oldest items while `old` says so (and keeps the rest in order). */
  dropOldestWhile(old: (item: T) => boolean): void {
    while (this.length > 0 && old(this.items[this.start]!)) {
      this.items[this.start] = undefined;
      this.start = (this.start + 1) % this.capacity;
      this.length--;
    }
  }

  toArray(): T[] {
    const out: T[] = new Array<T>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.items[(this.start + i) % this.capacity]!;
    return out;
  }

  clear(): void {
    this.items = [];
    this.start = 0;
    this.length = 0;
  }
}
