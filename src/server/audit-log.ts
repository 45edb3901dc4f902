import { createWriteStream, type WriteStream } from 'node:fs';
import {
  READ_ONLY_CHANNELS,
  isRequestChannel,
  parseHostAddress,
  type ErrorInfo,
  type RequestChannel,
} from '../contract/index.ts';
import type { AppCoreApi } from '../app/index.ts';

/*
 * Web mode's audit log (`--audit-log FILE`): one JSON line for every request that changes something — a
 * compute system, a process, the app's settings or hosts (every channel but READ_ONLY_CHANNELS) — with its
 * time, the client's address, the action, what it named and the result; and, for an operation (which answers
 * at once with its id), a second line when it has finished. Requests the contract refused are recorded too
 * (someone tried). What the log never holds: tokens (a hosts.add URL is recorded as its origin), typed input
 * (exec.input is recorded by its size), documents.
 */

/** One line of the log. */
export interface AuditRecord {
  /** ISO 8601, UTC. */
  time: string;
  /** The client's address and port, as the server saw the connection. */
  client: string;
  /** The request channel ("systems.start"). */
  action: string;
  /** The compute system, session or host the request named, when it named one. */
  system?: string;
  session?: string;
  host?: string;
  /** What else identifies the action (a pid, a signal, an interval, a command line, a size). */
  detail?: string;
  /** accepted: an operation that runs on (its outcome follows as done or failed); ok: done at once. */
  result: 'ok' | 'accepted' | 'done' | 'failed' | 'refused';
  opId?: string;
  /** The failure's message. */
  error?: string;
}

/** What one answered request was, as the transport saw it. */
export interface AuditedRequest {
  client: string;
  /** The channel as sent (it may not be one: then nothing is recorded). */
  channel: unknown;
  payload: unknown;
  outcome: { ok: true; result: unknown } | { ok: false; error: ErrorInfo; refused: boolean };
}

const MAX_COMMAND_CHARS = 500;
/** Operations whose outcome is still to be recorded; the oldest are forgotten beyond this. */
const MAX_OPEN_OPERATIONS = 10_000;

function field(payload: unknown, key: string): unknown {
  return typeof payload === 'object' && payload !== null
    ? (payload as Record<string, unknown>)[key]
    : undefined;
}

/** What a request named and the detail worth keeping, never a secret. */
function targetOf(channel: RequestChannel, payload: unknown): Partial<AuditRecord> {
  const out: Partial<AuditRecord> = {};
  const id = field(payload, 'id');
  if (channel.startsWith('hosts.')) {
    const host = field(payload, 'host');
    if (typeof host === 'string') out.host = host;
    const url = field(payload, 'url');
    const address = field(payload, 'address');
    if (typeof url === 'string') {
      try {
        out.host = parseHostAddress(url).origin;
      } catch {
        out.host = '(an invalid URL)';
      }
    } else if (typeof address === 'string') {
      out.host = `${address.slice(0, 255)}:${String(field(payload, 'port'))}`;
    }
    return out;
  }
  if (typeof id === 'string') out.system = id.slice(0, 600);
  const sessionId = field(payload, 'sessionId');
  if (typeof sessionId === 'string') out.session = sessionId.slice(0, 80);
  const details: string[] = [];
  const pid = field(payload, 'pid');
  if (typeof pid === 'number') details.push(`pid ${pid}`);
  const signal = field(payload, 'signal');
  if (typeof signal === 'string') details.push(`signal ${signal.slice(0, 20)}`);
  const ms = field(payload, 'ms');
  if (typeof ms === 'number') details.push(`interval ${ms} ms`);
  const data = field(payload, 'data');
  if (typeof data === 'string') details.push(`${data.length} characters of input`);
  const commandLine = field(payload, 'commandLine');
  if (typeof commandLine === 'string')
    details.push(`command ${JSON.stringify(commandLine.slice(0, MAX_COMMAND_CHARS))}`);
  if (details.length > 0) out.detail = details.join(', ');
  return out;
}

/** The audit log: appends JSON lines to a file only its user can read. */
export class AuditLog {
  private readonly open = new Map<string, Omit<AuditRecord, 'time' | 'result' | 'error'>>();
  private unsubscribe: (() => void) | null = null;

  private constructor(
    private readonly stream: WriteStream,
    private readonly now: () => Date,
  ) {}

  /** Open (or create, 0600) the file for appending; fails now rather than at the first request. */
  static async open(path: string, now: () => Date = () => new Date()): Promise<AuditLog> {
    const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (e) => reject(new Error(`cannot open the audit log ${path}: ${e.message}`)));
    });
    // A write that fails later (a full disk) is said, and the server goes on.
    stream.on('error', (e) => console.error(`hcs-desktop: the audit log ${path} failed: ${e.message}`));
    return new AuditLog(stream, now);
  }

  /** Follow the core's operations, to record how each audited one ended. */
  follow(core: Pick<AppCoreApi, 'subscribe'>): void {
    this.unsubscribe = core.subscribe((event) => {
      if (event.channel !== 'operations.changed') return;
      const operation = event.payload.operation;
      if (operation.status === 'pending') return;
      const started = this.open.get(operation.opId);
      if (!started) return;
      this.open.delete(operation.opId);
      this.write({
        ...started,
        result: operation.status === 'done' ? 'done' : 'failed',
        ...(operation.error ? { error: operation.error.message } : {}),
      });
    });
  }

  /** A request answered by the transport: recorded when it changes something. */
  request(request: AuditedRequest): void {
    if (!isRequestChannel(request.channel) || READ_ONLY_CHANNELS.has(request.channel)) return;
    const base = {
      client: request.client,
      action: request.channel,
      ...targetOf(request.channel, request.payload),
    };
    const { outcome } = request;
    if (!outcome.ok) {
      this.write({ ...base, result: outcome.refused ? 'refused' : 'failed', error: outcome.error.message });
      return;
    }
    const opId = field(outcome.result, 'opId');
    if (typeof opId === 'string') {
      const record = { ...base, opId };
      this.open.set(opId, record);
      if (this.open.size > MAX_OPEN_OPERATIONS) this.open.delete(this.open.keys().next().value!);
      this.write({ ...record, result: 'accepted' });
      return;
    }
    this.write({ ...base, result: 'ok' });
  }

  close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.stream.writableEnded) return Promise.resolve();
    return new Promise((resolve) => this.stream.end(() => resolve()));
  }

  private write(record: Omit<AuditRecord, 'time'>): void {
    const line: AuditRecord = { time: this.now().toISOString(), ...record };
    this.stream.write(`${JSON.stringify(line)}\n`);
  }
}
