import { mkdtempSync, rmSync, writeSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Connection } from './connection.ts';
import { encodeFrame, FrameDecoder, FrameKind, MAX_FRAME_BYTES, type Frame } from './frame.ts';
import { EAGAIN, type DescriptorSender } from './process-host.ts';

/**
 * Stands in for libsimhost's sendmsg: writes the bytes straight to the socket's fd (as sendmsg does, outside
 * Node's write queue), sending only `partial` bytes when set, and answering EAGAIN `eagain` times first.
 */
class FakeSender implements DescriptorSender {
  readonly sent: number[][] = [];
  readonly closed: number[] = [];
  eagain = 0;
  partial: number | null = null;

  sendmsg(fd: number, buf: Buffer, fds: number[]): number {
    if (this.eagain > 0) {
      this.eagain--;
      return -EAGAIN;
    }
    const n = this.partial === null ? buf.length : Math.min(this.partial, buf.length);
    const written = writeSync(fd, buf, 0, n);
    this.sent.push(fds);
    return written;
  }
  close(fd: number): void {
    this.closed.push(fd);
  }
}

let dir: string;
let server: Server;
let serverSide: Promise<Socket>;
const sockets: Socket[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'conn-test-'));
  server = createServer();
  serverSide = new Promise((resolve) => server.once('connection', resolve));
  await new Promise<void>((resolve) => server.listen(join(dir, 's.sock'), resolve));
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

async function pair(sender: DescriptorSender | null, onFrame: (f: Frame) => void = () => undefined) {
  const client = connect(join(dir, 's.sock'));
  const socket = await serverSide;
  sockets.push(client, socket);
  const logs: string[] = [];
  let closed = false;
  const conn = new Connection({
    socket,
    sender,
    label: 'test',
    log: (m) => logs.push(m),
    onFrame,
    onClose: () => {
      closed = true;
    },
  });
  const received: Frame[] = [];
  const decoder = new FrameDecoder();
  const waiters: Array<() => void> = [];
  client.on('data', (c: Buffer) => {
    received.push(...decoder.push(c));
    for (const w of waiters.splice(0)) w();
  });
  const receive = async (n: number) => {
    while (received.length < n) await new Promise<void>((r) => waiters.push(r));
    return received.slice(0, n);
  };
  return { client, conn, logs, receive, isClosed: () => closed };
}

const frame = (id: number, text = 'x'): Frame => ({ kind: FrameKind.Response, id, code: 0, fields: [text] });

describe('Connection output', () => {
  it('keeps frames in order around a frame that carries descriptors', async () => {
    const sender = new FakeSender();
    const { conn, receive } = await pair(sender);
    conn.send(frame(1, 'a'.repeat(2_000_000))); // 4 MB: more than the socket buffer holds
    conn.send(frame(2), [40, 41]);
    conn.send(frame(3));
    const got = await receive(3);
    expect(got.map((f) => f.id)).toEqual([1, 2, 3]);
    expect(sender.sent).toEqual([[40, 41]]);
    expect(sender.closed).toEqual([40, 41]);
  });

  it('completes a partial sendmsg through the socket and retries after EAGAIN', async () => {
    const sender = new FakeSender();
    sender.partial = 5;
    sender.eagain = 2;
    const { conn, receive } = await pair(sender);
    conn.send(frame(1, 'hello world'), [7]);
    conn.send(frame(2, 'after'), [8]);
    conn.send(frame(3, 'last'));
    const got = await receive(3);
    expect(got).toEqual([frame(1, 'hello world'), frame(2, 'after'), frame(3, 'last')]);
    expect(sender.sent).toEqual([[7], [8]]);
  });

  it('closes the descriptors of frames it could not send', async () => {
    const sender = new FakeSender();
    sender.eagain = 1_000_000;
    const { conn, isClosed } = await pair(sender);
    conn.send(frame(1), [50]);
    conn.close();
    expect(isClosed()).toBe(true);
    expect(sender.closed).toEqual([50]);
    conn.send(frame(2), [51]);
    expect(sender.closed).toEqual([50, 51]);
  });

  it('encodes notifications as kind 3 with the registration, signed status and data', async () => {
    const { conn, receive } = await pair(new FakeSender());
    conn.notify(9, 1, 0xc0370106, '{"ExitType":"UnexpectedExit"}');
    const [n] = await receive(1);
    expect(n).toEqual({
      kind: FrameKind.Notification,
      id: 0,
      code: 1,
      fields: [9, -1070137082, '{"ExitType":"UnexpectedExit"}'],
    });
  });
});

describe('Connection input', () => {
  it('hands complete request frames to the handler', async () => {
    const frames: Frame[] = [];
    const { client } = await pair(new FakeSender(), (f) => frames.push(f));
    const req: Frame = { kind: FrameKind.Request, id: 5, code: 3, fields: ['sys'] };
    const bytes = encodeFrame(req);
    client.write(bytes.subarray(0, 7));
    client.write(bytes.subarray(7));
    while (frames.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(frames).toEqual([req]);
  });

  it('closes the connection with a log line when a frame is over the size limit', async () => {
    const { client, logs, isClosed } = await pair(new FakeSender());
    const header = Buffer.alloc(16);
    header.writeUInt32LE(MAX_FRAME_BYTES + 16, 0);
    header.writeUInt32LE(FrameKind.Request, 4);
    client.write(header);
    await new Promise<void>((r) => client.once('close', () => r()));
    expect(isClosed()).toBe(true);
    expect(logs.join('\n')).toMatch(/protocol error.*exceeds the limit/);
  });

  it('closes the connection when a client sends a frame that is not a request', async () => {
    const { client, logs } = await pair(new FakeSender());
    client.write(encodeFrame({ kind: FrameKind.Response, id: 1, code: 0, fields: [] }));
    await new Promise<void>((r) => client.once('close', () => r()));
    expect(logs.join('\n')).toMatch(/frame kind 2 from a client/);
  });
});
