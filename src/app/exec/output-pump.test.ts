import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeOutputFrame } from '../../contract/index.ts';
import { CONSOLE_GATHER_MS, OutputPump } from './output-pump.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));

function pump(limits = { replayBytes: 1024, highWatermark: 100, lowWatermark: 10 }, gatherMs = 0) {
  const ended: number[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const p = new OutputPump('s-1', limits, () => ended.push(1), gatherMs);
  p.wire(stdout, 'stdout');
  p.wire(stderr, 'stderr');
  return { pump: p, stdout, stderr, ended };
}

function collector() {
  const frames: Array<{ stream: string; seq: number; text: string }> = [];
  const client = {
    deliver: (frame: Uint8Array) => {
      const c = decodeOutputFrame(frame);
      frames.push({ stream: c.stream, seq: c.seq, text: Buffer.from(c.data).toString() });
    },
  };
  return { frames, client };
}

describe('OutputPump', () => {
  it('frames output read in one turn together, cut where the stream changes, in order', async () => {
    const { pump: p, stdout, stderr } = pump();
    const { frames, client } = collector();
    p.attach(client);
    stdout.write('a');
    stdout.write('b');
    await turn();
    stdout.write('c');
    stderr.write('E');
    stdout.write('d');
    // The batch is sent in a setImmediate after this turn's reads: wait for the turns, not for time.
    await turn();
    await turn();
    expect(frames).toEqual([
      { stream: 'stdout', seq: 0, text: 'ab' },
      { stream: 'stdout', seq: 2, text: 'c' },
      { stream: 'stderr', seq: 3, text: 'E' },
      { stream: 'stdout', seq: 4, text: 'd' },
    ]);
  });

  it('replays what it kept to a client that attaches later, then sends it live output', async () => {
    const { pump: p, stdout, stderr } = pump();
    stdout.write('out');
    await turn();
    stderr.write('err');
    await turn();
    const { frames, client } = collector();
    expect(p.attach(client)).toEqual({ start: 0, end: 6 });
    stdout.write('live');
    await turn();
    expect(frames).toEqual([
      { stream: 'replay-stdout', seq: 0, text: 'out' },
      { stream: 'replay-stderr', seq: 3, text: 'err' },
      { stream: 'stdout', seq: 6, text: 'live' },
    ]);
  });

  it('pauses its pipes while a client is above the high watermark, resumes when it acks', async () => {
    const { pump: p, stdout } = pump();
    const { client } = collector();
    p.attach(client);
    stdout.write('x'.repeat(101));
    await turn();
    expect(stdout.isPaused()).toBe(true);
    p.ack(client, 95);
    expect(stdout.isPaused()).toBe(false);
    // A client that goes away no longer holds the output back.
    stdout.write('y'.repeat(200));
    await turn();
    expect(stdout.isPaused()).toBe(true);
    p.detach(client);
    expect(p.isAttached(client)).toBe(false);
    expect(stdout.isPaused()).toBe(false);
  });

  it('says once that every stream has ended, after sending their last output', async () => {
    const { pump: p, stdout, stderr, ended } = pump();
    const { frames, client } = collector();
    p.attach(client);
    stdout.end('last');
    await turn();
    expect(p.flowing).toBe(true);
    expect(ended).toEqual([]);
    stderr.end();
    await turn();
    expect(p.flowing).toBe(false);
    expect(ended).toEqual([1]);
    expect(frames).toEqual([{ stream: 'stdout', seq: 0, text: 'last' }]);
  });

  describe("gathering a console's output", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** A console's pump (no flow control in the way) with a client attached; timers are fake, turns real. */
    function attachedConsolePump() {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const limits = { replayBytes: 1 << 20, highWatermark: 1 << 20, lowWatermark: 1 };
      const { pump: p, stdout, stderr, ended } = pump(limits, CONSOLE_GATHER_MS);
      const { frames, client } = collector();
      p.attach(client);
      return { stdout, stderr, ended, frames };
    }

    it('frames what several turns read within the window together, cut where the stream changes', async () => {
      const { stdout, stderr, frames } = attachedConsolePump();
      stdout.write('a');
      await turn();
      stdout.write('b');
      await turn();
      await turn();
      expect(frames).toEqual([]);
      vi.advanceTimersByTime(CONSOLE_GATHER_MS);
      expect(frames).toEqual([{ stream: 'stdout', seq: 0, text: 'ab' }]);
      stdout.write('c');
      await turn();
      stderr.write('E');
      await turn();
      expect(frames.slice(1)).toEqual([{ stream: 'stdout', seq: 2, text: 'c' }]);
      vi.advanceTimersByTime(CONSOLE_GATHER_MS);
      expect(frames.slice(2)).toEqual([{ stream: 'stderr', seq: 3, text: 'E' }]);
    });

    it('sends a full frame at once, and the last output when the streams end without waiting', async () => {
      const { stdout, stderr, ended, frames } = attachedConsolePump();
      const full = 64 * 1024;
      stdout.write('x'.repeat(full));
      await turn();
      expect(frames.map((f) => f.text.length)).toEqual([full]);
      stdout.end('tail');
      stderr.end();
      await turn();
      await turn();
      expect(frames.slice(1)).toEqual([{ stream: 'stdout', seq: full, text: 'tail' }]);
      expect(ended).toEqual([1]);
    });
  });
});
