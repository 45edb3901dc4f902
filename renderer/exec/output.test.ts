import { describe, expect, it } from 'vitest';
import type { OutputChunk, OutputStream } from '../../src/contract/index.ts';
import { AckBatcher, type AckTimers } from './ack-batcher.ts';
import { OutputCursor } from './output-cursor.ts';
import { SessionOutput, type TerminalSink } from './session-output.ts';
import { Utf8Carry, completeUtf8Length } from './utf8-carry.ts';

const enc = new TextEncoder();
const bytes = (text: string) => enc.encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('OutputCursor', () => {
  it('draws new bytes once, the tail of an overlap, and reports a gap', () => {
    const cursor = new OutputCursor();
    expect(cursor.take(0, bytes('hello'))).toEqual({ data: bytes('hello'), gap: 0 });
    expect(cursor.take(0, bytes('hello'))).toBeNull();
    expect(cursor.take(3, bytes('lo, w'))!.data).toEqual(bytes(', w'));
    expect(cursor.next).toBe(8);
    expect(cursor.take(20, bytes('xyz'))).toEqual({ data: bytes('xyz'), gap: 12 });
    expect(cursor.take(22, bytes('z'))).toBeNull();
    expect(cursor.next).toBe(23);
  });
});

describe('UTF-8 across chunks', () => {
  it('finds where the last complete character ends', () => {
    const euro = bytes('€'); // e2 82 ac
    expect(completeUtf8Length(bytes('ab'))).toBe(2);
    expect(completeUtf8Length(euro)).toBe(3);
    expect(completeUtf8Length(euro.subarray(0, 2))).toBe(0);
    expect(completeUtf8Length(new Uint8Array([0x61, 0xf0, 0x9f]))).toBe(1);
    // Invalid bytes are not held back: the terminal shows them as they are.
    expect(completeUtf8Length(new Uint8Array([0x61, 0x80, 0x80, 0x80, 0x80]))).toBe(5);
    expect(completeUtf8Length(new Uint8Array([0xff]))).toBe(1);
  });

  it('holds an unfinished character until its stream goes on', () => {
    const carry = new Utf8Carry();
    const smile = bytes('😀'); // 4 bytes
    expect(text(carry.push(Uint8Array.of(0x61, ...smile.subarray(0, 1))))).toBe('a');
    expect(carry.push(smile.subarray(1, 3))).toHaveLength(0);
    expect(text(carry.push(Uint8Array.of(...smile.subarray(3), 0x62)))).toBe('😀b');
    expect(carry.flush()).toHaveLength(0);
  });
});

describe('AckBatcher', () => {
  function manualTimers() {
    const pending = new Map<number, () => void>();
    let next = 1;
    const timers: AckTimers = {
      set: (cb) => {
        pending.set(next, cb);
        return next++;
      },
      clear: (handle) => pending.delete(handle as number),
    };
    return { timers, fire: () => [...pending.values()].forEach((cb) => cb()), pending };
  }

  it('acks in batches, and a remainder after a delay set once', () => {
    const sent: number[] = [];
    const { timers, fire, pending } = manualTimers();
    const acks = new AckBatcher((n) => sent.push(n), 1000, 50, timers);
    acks.add(600);
    expect(sent).toEqual([]);
    acks.add(600);
    expect(sent).toEqual([1200]);
    expect(pending.size).toBe(0);
    acks.add(10);
    acks.add(20);
    expect(pending.size).toBe(1);
    fire();
    expect(sent).toEqual([1200, 30]);
  });

  it('forgets what is pending on reset and sends nothing after dispose', () => {
    const sent: number[] = [];
    const { timers, fire } = manualTimers();
    const acks = new AckBatcher((n) => sent.push(n), 1000, 50, timers);
    acks.add(500);
    acks.reset();
    fire();
    expect(sent).toEqual([]);
    acks.dispose();
    acks.add(5000);
    acks.flush();
    expect(sent).toEqual([]);
  });
});

/** Records writes; draws (runs the callbacks) only when told. */
class RecordingSink implements TerminalSink {
  screen = '';
  private readonly decoder = new TextDecoder();
  readonly queued: Array<() => void> = [];
  write(data: Uint8Array | string, drawn?: () => void): void {
    this.screen += typeof data === 'string' ? data : this.decoder.decode(data, { stream: true });
    if (drawn) this.queued.push(drawn);
  }
  clear(): void {
    this.screen = '';
  }
  draw(): void {
    for (const drawn of this.queued.splice(0)) drawn();
  }
}

const chunk = (stream: OutputStream, seq: number, data: string | Uint8Array): OutputChunk => ({
  sessionId: 's',
  stream,
  seq,
  data: typeof data === 'string' ? bytes(data) : data,
});

describe('SessionOutput', () => {
  it('draws a console session once by seq and acks every frame byte once drawn', () => {
    const sink = new RecordingSink();
    const acked: number[] = [];
    let caughtUp = 0;
    const output = new SessionOutput(sink, {
      tty: true,
      ack: (n) => acked.push(n),
      caughtUp: () => caughtUp++,
    });
    output.receive(chunk('replay-stdout', 0, 'abc'));
    output.receive(chunk('stdout', 0, 'abc')); // the live copy of the replayed bytes
    output.receive(chunk('stdout', 2, 'cde'));
    expect(sink.screen).toBe('abcde');
    // Duplicates are acked at once; drawn bytes only after the terminal processed them.
    expect(acked).toEqual([3]);
    expect(caughtUp).toBe(0);
    sink.draw();
    expect(acked).toEqual([3, 3, 3]);
    // Everything given was drawn: the remainder of the acks can go now.
    expect(caughtUp).toBe(1);
    expect(output.position).toBe(5);
  });

  it('says when output was dropped before what it draws', () => {
    const sink = new RecordingSink();
    const output = new SessionOutput(sink, { tty: true, ack: () => undefined });
    output.receive(chunk('replay-stdout', 4096, 'tail'));
    expect(sink.screen).toBe('\x1b[2m[… about 4 KiB of earlier output was not kept …]\x1b[22m\r\ntail');
  });

  it('draws stderr in red and keeps each stream’s characters whole', () => {
    const sink = new RecordingSink();
    const output = new SessionOutput(sink, { tty: false, ack: () => undefined });
    const e = bytes('é'); // c3 a9
    output.receive(chunk('stdout', 0, Uint8Array.of(0x61, e[0]!)));
    output.receive(chunk('stderr', 2, 'oops\n'));
    output.receive(chunk('stdout', 7, Uint8Array.of(e[1]!, 0x0a)));
    expect(sink.screen).toBe('a\x1b[31moops\n\x1b[39mé\n');
  });

  it('shows one stream alone and both again, from what it kept', () => {
    const sink = new RecordingSink();
    const acked: number[] = [];
    const output = new SessionOutput(sink, { tty: false, ack: (n) => acked.push(n) });
    output.setFilter('stdout');
    output.receive(chunk('stdout', 0, 'out1\n'));
    output.receive(chunk('stderr', 5, 'err1\n'));
    // A hidden stream's bytes are acked at once.
    expect(acked).toEqual([5]);
    expect(sink.screen).toBe('out1\n');
    output.setFilter('stderr');
    expect(sink.screen).toBe('\x1b[31merr1\n\x1b[39m');
    output.setFilter('both');
    expect(sink.screen).toBe('out1\n\x1b[31merr1\n\x1b[39m');
    expect(output.filter).toBe('both');
  });

  it('says so when the kept output no longer reaches back to the start', () => {
    const sink = new RecordingSink();
    const output = new SessionOutput(sink, { tty: false, ack: () => undefined, logLimit: 8 });
    output.receive(chunk('stdout', 0, 'first\n'));
    output.receive(chunk('stdout', 6, 'second\n'));
    output.setFilter('stdout');
    expect(sink.screen).toBe('\x1b[2m[… earlier output is no longer kept here …]\x1b[22m\r\nsecond\n');
  });
});
