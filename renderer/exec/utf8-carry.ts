/**
 * The length of the longest prefix of `bytes` that does not end inside a UTF-8 sequence. Invalid bytes count
 * as complete (the terminal shows them as U+FFFD); only a valid lead byte still missing its continuation bytes
 * at the very end is held back.
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.byteLength;
  // A sequence is at most 4 bytes: its lead byte is among the last 4.
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const need =
      b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
    return i + need > n ? i : n;
  }
  return n;
}

/**
 * Holds back an unfinished UTF-8 sequence at the end of one stream's chunk until the rest arrives. Needed where
 * two streams (stdout, stderr) share one terminal: xterm decodes UTF-8 across writes, but only of one stream;
 * a chunk of the other in between would cut a character in two.
 */
export class Utf8Carry {
  private held: Uint8Array = new Uint8Array(0);

  /** The bytes to write now: what was held, then this chunk up to its last complete character. */
  push(data: Uint8Array): Uint8Array {
    const joined = this.held.byteLength === 0 ? data : concat(this.held, data);
    const complete = completeUtf8Length(joined);
    this.held = complete === joined.byteLength ? new Uint8Array(0) : joined.slice(complete);
    return complete === joined.byteLength ? joined : joined.subarray(0, complete);
  }

  /** Whatever is held (the stream ended, or a gap makes the rest unrecoverable), and forget it. */
  flush(): Uint8Array {
    const held = this.held;
    this.held = new Uint8Array(0);
    return held;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}
