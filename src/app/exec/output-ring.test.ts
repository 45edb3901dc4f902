import { describe, expect, it } from 'vitest';
import { OutputRing } from './output-ring.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (ring: OutputRing) =>
  ring
    .snapshot()
    .map((c) => new TextDecoder().decode(c.data))
    .join('');

describe('OutputRing', () => {
  it('keeps exactly the last `capacity` bytes, cutting into the oldest chunk, with their offsets', () => {
    const ring = new OutputRing(8);
    ring.push('stdout', bytes('abcd'));
    ring.push('stderr', bytes('efg'));
    expect([ring.start, ring.end, ring.size]).toEqual([0, 7, 7]);
    ring.push('stdout', bytes('hij'));
    expect([ring.start, ring.end, ring.size]).toEqual([2, 10, 8]);
    expect(text(ring)).toBe('cdefghij');
    expect(ring.snapshot().map((c) => [c.seq, c.stream])).toEqual([
      [2, 'stdout'],
      [4, 'stderr'],
      [7, 'stdout'],
    ]);
  });

  it('a chunk larger than the ring keeps only its tail; empty chunks change nothing', () => {
    const ring = new OutputRing(4);
    ring.push('stdout', bytes('0123456789'));
    ring.push('stdout', new Uint8Array(0));
    expect([ring.start, ring.end]).toEqual([6, 10]);
    expect(text(ring)).toBe('6789');
    expect(ring.snapshot()).toHaveLength(1);
  });

  it('copies a small view of a big buffer so it does not keep the big buffer alive', () => {
    const big = new Uint8Array(64 * 1024);
    big.set(bytes('xy'), 100);
    const ring = new OutputRing(1024);
    ring.push('stdout', big.subarray(100, 102));
    const [stored] = ring.snapshot();
    expect(stored!.data.buffer.byteLength).toBe(2);
    expect(new TextDecoder().decode(stored!.data)).toBe('xy');
  });

  it('stays bounded over many chunks and clears', () => {
    const ring = new OutputRing(1000);
    for (let i = 0; i < 10_000; i++) ring.push(i % 2 ? 'stdout' : 'stderr', bytes('0123456789'));
    expect([ring.start, ring.end, ring.size]).toEqual([99_000, 100_000, 1000]);
    expect(ring.snapshot()).toHaveLength(100);
    ring.clear();
    expect(ring.snapshot()).toEqual([]);
    expect(ring.size).toBe(0);
  });
});
