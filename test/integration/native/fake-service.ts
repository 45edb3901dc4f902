// A tiny stand-in for sim/service that speaks the frame protocol on a temporary Unix socket, so the native
// client library can be tested on its own. It answers hello (op 100) itself and hands every other request to
// the test, which answers when and how it likes (out of order, never, with descriptors, ...).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame, FrameReader, KIND_NOTIFICATION, KIND_REQUEST, KIND_RESPONSE } from './frames.ts';
import type { Field, Frame } from './frames.ts';

export const OP_HELLO = 100;

/** simhost_sendmsg's signature: bytes sent or -errno. */
export type SendMsg = (
  sockfd: number,
  buf: Buffer,
  len: number,
  fds: number[] | null,
  nfds: number,
) => number;

export interface Request {
  connection: FakeConnection;
  frame: Frame;
}

export class FakeConnection {
  /** The hello's fields: host pid and client name. */
  hello: { pid: bigint; name: string | null } | null = null;
  readonly closed: Promise<void>;

  constructor(
    readonly socket: net.Socket,
    readonly index: number,
    private readonly sendmsg: SendMsg | null,
  ) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  respond(request: Frame, hresult: number, fields: Field[], fds: number[] = []): void {
    const frame = encodeFrame({ kind: KIND_RESPONSE, id: request.id, code: hresult | 0, fields });
    if (fds.length === 0) this.socket.write(frame);
    else this.writeWithDescriptors(frame, fds);
  }

  /**
   * Answers with a frame encoded once in advance (its id is patched into a copy of the header only), so a test
   * that measures memory is not measuring the fake's own allocations.
   */
  respondEncoded(request: Frame, encoded: Buffer): void {
    const header = Buffer.allocUnsafe(16);
    encoded.copy(header, 0, 0, 16);
    header.writeUInt32LE(request.id, 8);
    this.socket.write(header);
    this.socket.write(encoded.subarray(16));
  }

  notify(type: number, registration: bigint, status: number, data: string | null): void {
    const fields: Field[] = [
      { tag: 'i64', value: registration },
      { tag: 'i64', value: BigInt(status | 0) },
      data === null ? { tag: 'null' } : { tag: 'str', value: data },
    ];
    this.socket.write(encodeFrame({ kind: KIND_NOTIFICATION, id: 0, code: type | 0, fields }));
  }

  /** Drops the connection the way a crashing service would. */
  destroy(): void {
    this.socket.destroy();
  }

  // Node's socket cannot send SCM_RIGHTS; libsimhost's sendmsg can, on the same descriptor, once Node's own
  // write queue is empty (otherwise the bytes would overtake queued ones).
  private writeWithDescriptors(frame: Buffer, fds: number[]): void {
    if (!this.sendmsg) throw new Error('this fake service was started without sendmsg');
    if (this.socket.writableLength !== 0) throw new Error('cannot send descriptors while writes are queued');
    const sockfd = (this.socket as unknown as { _handle: { fd: number } })._handle.fd;
    const sent = this.sendmsg(sockfd, frame, frame.length, fds, fds.length);
    if (sent < 0) throw new Error(`simhost_sendmsg failed: errno ${-sent}`);
    if (sent < frame.length) this.socket.write(frame.subarray(sent));
  }
}

export class FakeService {
  readonly connections: FakeConnection[] = [];
  /** Requests no test has taken yet (see nextRequest). */
  private readonly queued: Request[] = [];
  private readonly waiters: { op: number | undefined; resolve: (r: Request) => void }[] = [];
  private readonly connectionWaiters: ((c: FakeConnection) => void)[] = [];

  /** false: hello goes unanswered, like a wedged service. */
  answerHello = true;

  /** Set to answer requests as they come instead of queueing them for nextRequest. */
  onRequest: ((request: Request) => void) | null = null;

  private constructor(
    readonly path: string,
    private readonly server: net.Server,
    private readonly sendmsg: SendMsg | null,
  ) {}

  static async start(
    sendmsg: SendMsg | null = null,
    path = join(tmpdir(), `hcs-native-${process.pid}-${randomBytes(4).toString('hex')}.sock`),
  ): Promise<FakeService> {
    const server = net.createServer();
    const service = new FakeService(path, server, sendmsg);
    server.on('connection', (socket) => service.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
    return service;
  }

  /** The next request (of `op`, if given) not yet taken, waiting for it if needed. */
  nextRequest(op?: number): Promise<Request> {
    const index = this.queued.findIndex((r) => op === undefined || r.frame.code === op);
    if (index >= 0) return Promise.resolve(this.queued.splice(index, 1)[0]!);
    return new Promise((resolve) => this.waiters.push({ op, resolve }));
  }

  nextConnection(): Promise<FakeConnection> {
    return new Promise((resolve) => this.connectionWaiters.push(resolve));
  }

  /** Stops listening (new connects are refused) and drops every connection. */
  async close(): Promise<void> {
    for (const connection of this.connections) connection.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.path, { force: true });
  }

  private accept(socket: net.Socket): void {
    const connection = new FakeConnection(socket, this.connections.length, this.sendmsg);
    this.connections.push(connection);
    const reader = new FrameReader();
    socket.on('error', () => {}); // a client that goes away is not a test failure by itself
    socket.on('data', (chunk) => {
      for (const frame of reader.push(chunk)) this.receive(connection, frame);
    });
    for (const waiter of this.connectionWaiters.splice(0)) waiter(connection);
  }

  private receive(connection: FakeConnection, frame: Frame): void {
    if (frame.kind !== KIND_REQUEST) throw new Error(`client sent frame kind ${frame.kind}`);
    if (frame.code === OP_HELLO) {
      const [pid, name] = frame.fields;
      connection.hello = {
        pid: pid?.tag === 'i64' ? pid.value : -1n,
        name: name?.tag === 'str' ? name.value : null,
      };
      if (this.answerHello)
        connection.respond(frame, 0, [{ tag: 'i64', value: BigInt(connection.index + 1) }]);
      return;
    }
    const request = { connection, frame };
    if (this.onRequest) return this.onRequest(request);
    const index = this.waiters.findIndex((w) => w.op === undefined || w.op === frame.code);
    if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(request);
    else this.queued.push(request);
  }
}
