import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  encodeFrame,
  fdField,
  FrameDecoder,
  FrameError,
  FrameKind,
  MAX_FRAME_BYTES,
  MIN_FRAME_BYTES,
  type Frame,
} from './frame.ts';

const sample: Frame = {
  kind: FrameKind.Response,
  id: 7,
  code: 0xc0370103 | 0,
  fields: [null, 42, -1, 2n ** 62n, 'héllo 世界 😀', '', fdField(0), fdField(-1)],
};

function header(length: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(length, 0);
  b.writeUInt32LE(FrameKind.Request, 4);
  b.writeUInt32LE(1, 8);
  return b;
}

describe('frame codec', () => {
  it('round-trips every field type, with the code as a signed HRESULT', () => {
    const decoded = decodeFrame(encodeFrame(sample));
    expect(decoded).toEqual(sample);
    expect(decoded.code).toBe(-1070137085);
  });

  it('lays out the header and fields as the protocol says', () => {
    const buf = encodeFrame({ kind: FrameKind.Request, id: 3, code: 10, fields: [5, 'ab'] });
    expect(buf.readUInt32LE(0)).toBe(buf.length);
    expect(buf.readUInt32LE(4)).toBe(1);
    expect(buf.readUInt32LE(8)).toBe(3);
    expect(buf.readInt32LE(12)).toBe(10);
    expect(buf.readUInt16LE(16)).toBe(2);
    expect(buf[18]).toBe(1); // I64 tag
    expect(buf.readBigInt64LE(19)).toBe(5n);
    expect(buf[27]).toBe(2); // STR16 tag
    expect(buf.readUInt32LE(28)).toBe(4);
    expect(buf.toString('utf16le', 32, 36)).toBe('ab');
  });

  it('keeps lone surrogates as UTF-16 code units', () => {
    const s = 'a\ud800b';
    expect(decodeFrame(encodeFrame({ kind: 1, id: 1, code: 1, fields: [s] })).fields[0]).toBe(s);
  });

  it('decodes an I64 beyond the safe range as a bigint', () => {
    const f = decodeFrame(encodeFrame({ kind: 1, id: 1, code: 1, fields: [-(2n ** 63n)] })).fields[0];
    expect(f).toBe(-(2n ** 63n));
  });

  it('rejects malformed frames', () => {
    const good = encodeFrame({ kind: 1, id: 1, code: 1, fields: ['abc'] });
    const badTag = Buffer.from(good);
    badTag[18] = 9;
    expect(() => decodeFrame(badTag)).toThrow(/unknown tag 9/);
    const oddString = Buffer.from(good);
    oddString.writeUInt32LE(5, 19);
    expect(() => decodeFrame(oddString)).toThrow(FrameError);
    const tooLong = Buffer.from(good);
    tooLong.writeUInt32LE(100, 19);
    expect(() => decodeFrame(tooLong)).toThrow(/runs past the end/);
    const trailing = Buffer.concat([good, Buffer.alloc(2)]);
    trailing.writeUInt32LE(trailing.length, 0);
    expect(() => decodeFrame(trailing)).toThrow(/trailing bytes/);
  });
});

describe('FrameDecoder', () => {
  const frames: Frame[] = [
    sample,
    { kind: 1, id: 2, code: 3, fields: [] },
    { kind: 3, id: 0, code: 0x10000, fields: [9, 0, '{"ProcessId":1}'] },
  ];
  const stream = Buffer.concat(frames.map(encodeFrame));

  it('reassembles frames delivered one byte at a time', () => {
    const d = new FrameDecoder();
    const out: Frame[] = [];
    for (let i = 0; i < stream.length; i++) out.push(...d.push(stream.subarray(i, i + 1)));
    expect(out).toEqual(frames);
    expect(d.pendingBytes).toBe(0);
  });

  it('reassembles frames from every two-way split and from one big chunk', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new FrameDecoder();
      const out = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
      expect(out).toEqual(frames);
    }
  });

  it('reassembles frames from irregular chunks that straddle frame boundaries', () => {
    const d = new FrameDecoder();
    const out: Frame[] = [];
    const sizes = [3, 1, 17, 2, 40, 5, 11];
    let at = 0;
    for (let i = 0; at < stream.length; i++) {
      const n = sizes[i % sizes.length]!;
      out.push(...d.push(stream.subarray(at, at + n)));
      at += n;
    }
    expect(out).toEqual(frames);
  });

  it('refuses a frame over the limit as soon as its length is known, without buffering it', () => {
    const d = new FrameDecoder();
    expect(() => d.push(header(MAX_FRAME_BYTES + 1))).toThrow(/exceeds the limit/);
    expect(d.pendingBytes).toBe(0);
  });

  it('accepts a frame of exactly the limit', () => {
    const limit = 1025;
    const text = 'x'.repeat((limit - MIN_FRAME_BYTES - 5) / 2);
    const buf = encodeFrame({ kind: 1, id: 1, code: 1, fields: [text] });
    expect(buf.length).toBe(limit);
    expect(new FrameDecoder(limit).push(buf)).toHaveLength(1);
    expect(() => new FrameDecoder(limit - 1).push(buf)).toThrow(/exceeds the limit/);
  });

  it('refuses a length shorter than a header, and stays failed', () => {
    const d = new FrameDecoder();
    expect(() => d.push(header(4))).toThrow(/shorter than a header/);
    expect(() => d.push(encodeFrame(sample))).toThrow(/already failed/);
  });

  it('waits for the rest of a frame whose length field is split', () => {
    const d = new FrameDecoder();
    const buf = encodeFrame(sample);
    expect(d.push(buf.subarray(0, 2))).toEqual([]);
    expect(d.push(buf.subarray(2, 3))).toEqual([]);
    expect(d.push(buf.subarray(3))).toEqual([sample]);
  });
});
