// A small TypeScript client of the service's wire protocol (sim/PROTOCOL.md "Frames"), for tests and tools that
// talk to the service without the C library. It cannot receive descriptors (Node's sockets drop SCM_RIGHTS), so
// FD fields arrive as slots whose descriptors the kernel has discarded.
import { connect, type Socket } from 'node:net';
import { encodeFrame, FrameDecoder, FrameKind, type Field } from '../service/frame.ts';
import { OP_TABLE } from '../service/op-table.ts';
import { Op, type OpName } from '../service/ops.ts';

export interface WireResponse {
  /** Unsigned, e.g. 0xC0370103. */
  hr: number;
  fields: Field[];
}

/** A response with its fields named as in the op table, and the result document parsed when there is one. */
export interface NamedResponse {
  hr: number;
  out: Record<string, Field>;
  /** `{"Error":…,"ErrorMessage":…,"ErrorEvents":[…]}` on failure, else null. */
  result: {
    Error: number;
    ErrorMessage: string;
    ErrorEvents: Array<{ Message: string; [k: string]: unknown }>;
  } | null;
}

const opNumbers = new Map<string, number>(Object.entries(Op));

export interface WireNotification {
  registration: number;
  type: number;
  /** Unsigned HRESULT. */
  status: number;
  data: string | null;
}

interface Waiter {
  match: (n: WireNotification) => boolean;
  resolve: (n: WireNotification) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class WireClient {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: WireResponse) => void; reject: (e: Error) => void }
  >();
  private readonly decoder = new FrameDecoder();
  /** Every notification received, in order. */
  readonly notifications: WireNotification[] = [];
  private waiters: Waiter[] = [];
  private closedError: Error | null = null;
  readonly closed: Promise<void>;
  clientId = 0;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const f of this.decoder.push(chunk)) {
        if (f.kind === FrameKind.Response) {
          const p = this.pending.get(f.id);
          this.pending.delete(f.id);
          p?.resolve({ hr: f.code >>> 0, fields: f.fields });
        } else if (f.kind === FrameKind.Notification) {
          const n: WireNotification = {
            registration: Number(f.fields[0]),
            type: f.code >>> 0,
            status: Number(f.fields[1]) >>> 0,
            data: typeof f.fields[2] === 'string' ? f.fields[2] : null,
          };
          this.notifications.push(n);
          for (const w of this.waiters.filter((x) => x.match(n))) {
            clearTimeout(w.timer);
            this.waiters = this.waiters.filter((x) => x !== w);
            w.resolve(n);
          }
        }
      }
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.closedError = new Error('connection closed');
        for (const p of this.pending.values()) p.reject(this.closedError);
        this.pending.clear();
        for (const w of this.waiters) {
          clearTimeout(w.timer);
          w.reject(this.closedError);
        }
        this.waiters = [];
        resolve();
      });
    });
    socket.on('error', () => undefined);
  }

  /** Connects and, unless `name` is null, says hello (op 100) with this process's pid. */
  static async connect(socketPath: string, name: string | null = 'wire-test'): Promise<WireClient> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect(socketPath);
      s.once('connect', () => resolve(s));
      s.once('error', reject);
    });
    const c = new WireClient(socket);
    if (name !== null) {
      const r = await c.call(Op.Hello, [process.pid, name]);
      c.clientId = Number(r.fields[0]);
    }
    return c;
  }

  call(op: number, fields: Field[]): Promise<WireResponse> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.write(encodeFrame({ kind: FrameKind.Request, id, code: op, fields }));
    });
  }

  /** Calls an op by name with its request fields in protocol order; the response fields come back by name. */
  async op(name: OpName, ...args: Field[]): Promise<NamedResponse> {
    const number = opNumbers.get(name)!;
    const spec = OP_TABLE.get(number)!;
    const r = await this.call(number, args);
    const out: Record<string, Field> = {};
    spec.out.forEach(([field], i) => {
      out[field] = r.fields[i] ?? null;
    });
    const text = out.result;
    return { hr: r.hr, out, result: typeof text === 'string' ? JSON.parse(text) : null };
  }

  /** Sends raw bytes (for protocol-error tests). */
  writeRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The first notification (already received or still to come) that matches. */
  waitFor(match: (n: WireNotification) => boolean, timeoutMs = 10_000): Promise<WireNotification> {
    const seen = this.notifications.find(match);
    if (seen) return Promise.resolve(seen);
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((x) => x !== w);
          reject(new Error(`no matching notification within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(w);
    });
  }

  close(): Promise<void> {
    this.socket.end();
    this.socket.destroySoon();
    return this.closed;
  }
}
