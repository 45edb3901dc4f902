// A typed client of the simulator's control API (HTTP over `<socket>.ctl`), for tests, hcsctl, the app in
// simulator mode and e2e. Every method rejects with the service's own error message on a non-2xx answer, and
// with EndpointRefusedError, before anything is sent, when the control socket, its directory or the process
// listening there is not this user's (./endpoint.ts).
import { request } from 'node:http';
import { connectVerified, EndpointRefusedError } from './endpoint.ts';
import type {
  CallLogEntry,
  ClientSummary,
  FaultSpec,
  FaultsSnapshot,
  Fixture,
  Health,
  SystemSummary,
} from './types.ts';

export class SimControlError extends Error {
  override name = 'SimControlError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class SimControl {
  /** The HTTP socket of the control API. */
  readonly controlPath: string;

  /** `socketPath` is the service socket (as in $HCS_SIM_SOCKET); the control API listens on socketPath + ".ctl". */
  constructor(
    readonly socketPath: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.controlPath = `${socketPath}.ctl`;
  }

  health(): Promise<Health> {
    return this.call('GET', '/health');
  }

  systems(): Promise<SystemSummary[]> {
    return this.call('GET', '/systems');
  }

  /** Clears everything and seeds `fixture`, or the fixture the service started with. */
  async reset(fixture?: Fixture): Promise<void> {
    await this.call('POST', '/reset', fixture === undefined ? {} : { fixture });
  }

  async seed(fixture: Fixture): Promise<void> {
    await this.call('POST', '/seed', fixture);
  }

  setFaults(faults: FaultSpec): Promise<FaultsSnapshot> {
    return this.call('POST', '/faults', faults);
  }

  faults(): Promise<FaultsSnapshot> {
    return this.call('GET', '/faults');
  }

  /** Clears every fault; calls held by a hang fault are then answered with WAIT_TIMEOUT (0x80070102). */
  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  async crash(systemId: string): Promise<void> {
    await this.call('POST', '/crash', { system: systemId });
  }

  /** Drops every client connection and refuses connects for `ms`. */
  async disconnect(ms: number): Promise<void> {
    await this.call('POST', '/disconnect', { ms });
  }

  clients(): Promise<ClientSummary[]> {
    return this.call('GET', '/clients');
  }

  calls(clientId?: number): Promise<CallLogEntry[]> {
    return this.call('GET', clientId === undefined ? '/calls' : `/calls?client=${clientId}`);
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = request(
        {
          // Each request connects afresh through the ownership checks (no agent, no pooled socket).
          createConnection: (_options, created) => {
            connectVerified(this.controlPath).then(
              (socket) => created(null, socket),
              (e: Error) => created(e, undefined as never),
            );
            return undefined;
          },
          method,
          path,
          headers:
            payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text === '' ? undefined : JSON.parse(text);
            } catch {
              reject(
                new SimControlError(
                  res.statusCode ?? 0,
                  `control API answered with non-JSON: ${text.slice(0, 200)}`,
                ),
              );
              return;
            }
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              const message = (parsed as { error?: string } | undefined)?.error ?? `HTTP ${status}`;
              reject(new SimControlError(status, `${method} ${path}: ${message}`));
              return;
            }
            resolve(parsed as T);
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(
          new Error(`${method} ${path}: no answer from ${this.controlPath} within ${this.timeoutMs} ms`),
        ),
      );
      req.on('error', (e) =>
        reject(
          e instanceof SimControlError || e instanceof EndpointRefusedError
            ? e
            : new Error(`${method} ${path}: ${e.message}`),
        ),
      );
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}
