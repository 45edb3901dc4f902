/** The part of a frame still to draw, and how many bytes were dropped before it (0 when none). */
export interface Fresh {
  data: Uint8Array;
  gap: number;
}

/**
 * How far a terminal has drawn a session's output, by offset (`seq`, contract exec.ts, "How a client draws a
 * session"). Frames can repeat (a replay after a reconnect, a second attach) or overlap what was drawn, and can
 * follow a gap when the session's bounded buffer dropped output; only bytes past `next` are drawn, once.
 */
export class OutputCursor {
  /** The offset after the last byte drawn. */
  next = 0;

  /** The fresh part of a frame, or null when all of it was drawn already. Advances the cursor. */
  take(seq: number, data: Uint8Array): Fresh | null {
    const end = seq + data.byteLength;
    if (end <= this.next) return null;
    if (seq >= this.next) {
      const gap = seq - this.next;
      this.next = end;
      return { data, gap };
    }
    const fresh = data.subarray(this.next - seq);
    this.next = end;
    return { data: fresh, gap: 0 };
  }
}
