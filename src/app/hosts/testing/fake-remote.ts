import {
  ContractError,
  contractErrorInfo,
  parseRequest,
  type HostCertificate,
} from '../../../contract/index.ts';
import type { SystemListing } from '../../hcs-port.ts';
import type { CoreConnection } from '../../connection.ts';
import { AppCore } from '../../core.ts';
import { errorInfoOf } from '../../error-info.ts';
import { FakeHcsPort } from '../../testing/fake-hcs-port.ts';
import type { DialRequest, DialResult, RemoteDialer, RemoteSocketHandlers } from '../remote-link.ts';
import type { Scheduler } from '../scheduler.ts';

/** A certificate for a fake host: only its fingerprint matters to the core. */
export function certificate(byte: number): HostCertificate {
  const hex = byte.toString(16).toUpperCase().padStart(2, '0');
  return {
    fingerprint: Array.from({ length: 32 }, () => hex).join(':'),
    subject: `CN=host-${byte}`,
    issuer: `CN=host-${byte}`,
    validFrom: 'Jan  1 00:00:00 2025 GMT',
    validTo: 'Jan  1 00:00:00 2035 GMT',
    altNames: `IP Address:127.0.0.${byte}`,
  };
}

/** A client connected to a fake host: what its socket sends arrives in `handlers`, asynchronously. */
class FakeClient {
  private readonly connection: CoreConnection;
  private readonly unsubscribe: () => void;
  closed = false;

  constructor(
    private readonly host: FakeHost,
    private readonly handlers: RemoteSocketHandlers,
  ) {
    this.connection = host.core.connect(
      (frame) => this.deliver(new Uint8Array(frame)),
      (event) => this.deliver(JSON.stringify({ t: 'evt', ...event })),
    );
    this.unsubscribe = host.core.subscribe((event) => this.deliver(JSON.stringify({ t: 'evt', ...event })));
    for (const event of host.core.initialEvents()) this.deliver(JSON.stringify({ t: 'evt', ...event }));
  }

  /** What the client sent: answered as web mode's wire.ts answers it (contract first, then the core). */
  receive(text: string): void {
    if (this.closed) return;
    const message = JSON.parse(text) as { id: number; channel: unknown; payload: unknown };
    this.host.requests.push({ channel: String(message.channel), payload: message.payload });
    void (async () => {
      let answer: object;
      try {
        const request = parseRequest(message.channel, message.payload);
        answer = {
          t: 'res',
          id: message.id,
          ok: true,
          result: await this.connection.handle(request.channel, request.payload),
        };
      } catch (e) {
        const error = e instanceof ContractError ? contractErrorInfo(e) : errorInfoOf(e);
        answer = { t: 'res', id: message.id, ok: false, error };
      }
      this.deliver(JSON.stringify(answer));
    })();
  }

  /** Sent raw, as a misbehaving host would. */
  deliver(data: string | Uint8Array): void {
    if (this.closed) return;
    setImmediate(() => {
      if (!this.closed) this.handlers.message(data);
    });
  }

  close(byServer: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.connection.close();
    if (byServer) setImmediate(() => this.handlers.closed(1006, ''));
  }
}

/**
 * A remote host for unit tests: a real app core on a fake HCS behind a certificate and a token, reached
 * through `FakeNetwork` (no sockets). It answers as web mode does, so the client is tested against the
 * contract's real producer.
 */
export class FakeHost {
  readonly backend: FakeHcsPort;
  readonly core: AppCore;
  readonly clients = new Set<FakeClient>();
  /** Every request it received, in order. */
  readonly requests: { channel: string; payload: unknown }[] = [];
  certificate: HostCertificate;
  token: string;
  /** Answer every upgrade with this HTTP status instead of accepting it. */
  httpStatus: number | null = null;
  up = true;

  constructor(
    readonly origin: string,
    options: { listings?: SystemListing[]; certificate?: HostCertificate; token?: string } = {},
  ) {
    this.backend = new FakeHcsPort(options.listings ?? []);
    this.core = new AppCore(this.backend, {
      pollIntervalMs: 600_000,
      retryInitialMs: 600_000,
      retryMaxMs: 600_000,
    });
    this.certificate = options.certificate ?? certificate(1);
    this.token = options.token ?? 'the-token';
  }

  start(): Promise<void> {
    return this.core.start();
  }

  /** The host goes away: every client's socket closes. */
  down(): void {
    this.up = false;
    for (const client of this.clients) client.close(true);
    this.clients.clear();
  }

  /** Send every connected client this text, as a misbehaving host would. */
  sendRaw(data: string | Uint8Array): void {
    for (const client of this.clients) client.deliver(data);
  }

  stop(): Promise<void> {
    this.down();
    return this.core.stop();
  }
}

/** The network between the core and fake hosts: a dialer, with every dial recorded. */
export class FakeNetwork implements RemoteDialer {
  readonly hosts = new Map<string, FakeHost>();
  readonly dials: { origin: string; token: string; result: DialResult['kind'] }[] = [];

  add(host: FakeHost): FakeHost {
    this.hosts.set(host.origin, host);
    return host;
  }

  async dial(request: DialRequest): Promise<DialResult> {
    await new Promise((resolve) => setImmediate(resolve));
    const result = this.answer(request);
    this.dials.push({ origin: request.origin, token: request.token, result: result.kind });
    return result;
  }

  private answer(request: DialRequest): DialResult {
    const host = this.hosts.get(request.origin);
    if (!host || !host.up) return { kind: 'failed', message: 'the connection was refused' };
    const secure = request.origin.startsWith('https:');
    const certificate = secure ? host.certificate : null;
    if (!request.accept(certificate)) return { kind: 'declined', certificate };
    if (host.httpStatus !== null) return { kind: 'http', status: host.httpStatus };
    if (request.token !== host.token) return { kind: 'http', status: 401 };
    const client = new FakeClient(host, request.handlers);
    host.clients.add(client);
    return {
      kind: 'open',
      socket: {
        send: (text) => client.receive(text),
        close: () => {
          client.close(false);
          host.clients.delete(client);
        },
      },
    };
  }
}

/** A clock for the hosts' timers that moves only when the test says so. */
export class ManualScheduler implements Scheduler {
  private time = 1_000_000;
  private readonly timers = new Set<{ at: number; run: () => void }>();

  now(): number {
    return this.time;
  }

  after(ms: number, run: () => void): () => void {
    const timer = { at: this.time + ms, run };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** Timers waiting. */
  get pending(): number {
    return this.timers.size;
  }

  /** Move the clock on, running every timer that comes due (in order). */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = [...this.timers].filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers.delete(next);
      this.time = next.at;
      next.run();
    }
    this.time = until;
  }
}
