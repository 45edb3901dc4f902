import { describe, expect, it } from 'vitest';
import {
  MAX_FRAME_DATA_BYTES,
  OutputFrameError,
  decodeOutputFrame,
  encodeOutputFrame,
  execRequests,
  isClientExecChannel,
  utf8Length,
  type OutputStream,
} from './exec.ts';
import { events, requests } from './channels.ts';
import { parseRequest } from './validate.ts';

const start = (extra: Record<string, unknown> = {}) => ({
  id: 'c1',
  commandLine: 'cmd.exe',
  tty: false,
  cols: 80,
  rows: 25,
  ...extra,
});

describe('output frames', () => {
  it('round-trip every stream, large offsets and all byte values; data is a view, not a copy', () => {
    const data = new Uint8Array(256).map((_, i) => i);
    for (const stream of ['stdout', 'stderr', 'replay-stdout', 'replay-stderr'] as OutputStream[]) {
      const frame = encodeOutputFrame({ sessionId: 'a1b2-c3', stream, seq: 2 ** 40 + 3, data });
      const chunk = decodeOutputFrame(frame);
      expect(chunk).toMatchObject({ sessionId: 'a1b2-c3', stream, seq: 2 ** 40 + 3 });
      expect([...chunk.data]).toEqual([...data]);
      expect(chunk.data.buffer).toBe(frame.buffer);
      expect(decodeOutputFrame(frame.buffer).seq).toBe(2 ** 40 + 3);
    }
    const empty = decodeOutputFrame(
      encodeOutputFrame({ sessionId: 'x', stream: 'stdout', seq: 0, data: new Uint8Array() }),
    );
    expect(empty.data.byteLength).toBe(0);
  });

  it('decodes a frame inside a bigger buffer (a view with an offset)', () => {
    const frame = encodeOutputFrame({
      sessionId: 's',
      stream: 'stderr',
      seq: 9,
      data: new Uint8Array([1, 2]),
    });
    const big = new Uint8Array(frame.byteLength + 10);
    big.set(frame, 5);
    const chunk = decodeOutputFrame(big.subarray(5, 5 + frame.byteLength));
    expect([chunk.stream, chunk.seq, [...chunk.data]]).toEqual(['stderr', 9, [1, 2]]);
  });

  it('refuses what does not follow the layout', () => {
    const good = encodeOutputFrame({ sessionId: 's', stream: 'stdout', seq: 0, data: new Uint8Array([1]) });
    const broken = (patch: (b: Uint8Array) => void) => {
      const copy = good.slice();
      patch(copy);
      return copy;
    };
    for (const frame of [
      new Uint8Array(5),
      broken((b) => (b[0] = 2)),
      broken((b) => (b[1] = 9)),
      broken((b) => (b[2] = 0)),
      broken((b) => (b[2] = 200)),
      broken((b) => new DataView(b.buffer).setFloat64(4, -1, true)),
      broken((b) => new DataView(b.buffer).setFloat64(4, 0.5, true)),
      broken((b) => (b[12] = 'A'.charCodeAt(0))),
    ]) {
      expect(() => decodeOutputFrame(frame)).toThrow(OutputFrameError);
    }
    const encode = (sessionId: string, seq: number, size = 1) =>
      encodeOutputFrame({ sessionId, stream: 'stdout', seq, data: new Uint8Array(size) });
    expect(() => encode('UPPER', 0)).toThrow(OutputFrameError);
    expect(() => encode('s', -1)).toThrow(OutputFrameError);
    expect(() => encode('s', 0, MAX_FRAME_DATA_BYTES + 1)).toThrow(OutputFrameError);
    expect(() =>
      encodeOutputFrame({ sessionId: 's', stream: 'other' as OutputStream, seq: 0, data: new Uint8Array() }),
    ).toThrow(OutputFrameError);
  });
});

describe('exec requests', () => {
  it('are part of the channels, with their events', () => {
    for (const channel of Object.keys(execRequests)) expect(Object.keys(requests)).toContain(channel);
    expect(Object.keys(events)).toEqual(expect.arrayContaining(['exec.changed', 'exec.removed']));
    expect(isClientExecChannel('exec.ack')).toBe(true);
    expect(isClientExecChannel('exec.start')).toBe(false);
  });

  it('exec.start: limits, environment names, NUL, console size', () => {
    expect(
      parseRequest('exec.start', start({ cwd: '/tmp', env: { PATH: '/bin', _x1: '' } })).payload,
    ).toMatchObject({
      env: { PATH: '/bin' },
    });
    const refused = [
      start({ commandLine: '' }),
      start({ commandLine: 'x'.repeat(8193) }),
      start({ commandLine: 'echo\u0000hi' }),
      start({ cwd: 'x'.repeat(1025) }),
      start({ env: { '1BAD': 'x' } }),
      start({ env: { 'A-B': 'x' } }),
      start({ env: { A: 'x'.repeat(32 * 1024 + 1) } }),
      start({ env: Object.fromEntries(Array.from({ length: 129 }, (_, i) => [`V${i}`, ''])) }),
      start({ cols: 0 }),
      start({ rows: 1001 }),
      start({ cols: 1.5 }),
      start({ id: '../x' }),
      start({ extra: true }),
      { ...start(), tty: undefined },
    ];
    for (const payload of refused)
      expect(() => parseRequest('exec.start', payload), JSON.stringify(payload).slice(0, 80)).toThrow();
    expect(() =>
      parseRequest(
        'exec.start',
        start({ env: Object.fromEntries(Array.from({ length: 128 }, (_, i) => [`V${i}`, ''])) }),
      ),
    ).not.toThrow();
  });

  it('exec.start: the user, as HCS takes it (an account, DOMAIN\\name, a uid:gid), bounded and printable', () => {
    for (const user of ['ContainerAdministrator', 'CONTOSO\\alice', 'alice@contoso.com', '1000:1000', 'ü'])
      expect(parseRequest('exec.start', start({ user })).payload).toMatchObject({ user });
    for (const user of ['', ' alice', 'alice ', 'a\u0000b', 'a\nb', 'x'.repeat(257)])
      expect(() => parseRequest('exec.start', start({ user })), JSON.stringify(user)).toThrow();
    expect(() => parseRequest('exec.start', start({ user: 'x'.repeat(256) }))).not.toThrow();
    expect(() => parseRequest('exec.start', start({ user: 7 }))).toThrow();
  });

  it('exec.input: at most 1 MiB of UTF-8; session ids and signals checked', () => {
    expect(() => parseRequest('exec.input', { sessionId: 's', data: 'x'.repeat(1024 * 1024) })).not.toThrow();
    expect(() => parseRequest('exec.input', { sessionId: 's', data: 'é'.repeat(600 * 1024) })).toThrow(
      /at most 1048576 bytes/,
    );
    expect(() => parseRequest('exec.input', { sessionId: 'S/1', data: '' })).toThrow();
    expect(() => parseRequest('exec.signal', { sessionId: 's', signal: 'SIGKILL' })).toThrow();
    expect(() => parseRequest('exec.ack', { sessionId: 's', bytes: -1 })).toThrow();
    expect(() => parseRequest('processes.kill', { id: 'c1', pid: 2 ** 32 })).toThrow();
  });

  it('utf8Length counts like TextEncoder, lone surrogates included', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a\ud800b', '\udc00', 'mixed é€😀 text']) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).byteLength);
    }
  });
});
