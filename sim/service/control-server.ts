// The control API: HTTP/1.1 with JSON bodies on `<socket>.ctl` (sim/PROTOCOL.md "Control API"). Bodies are
// validated; a bad request is answered 400 with {error}, an unknown route 404, and nothing here can take the
// service down.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { claimSocketPath, listenPrivately, removeSocketFile } from './endpoint.ts';
import { describeIssues, FaultSpecSchema, parseFixture } from './fixtures.ts';
import type { SimService } from './service.ts';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const ResetBody = z.object({ fixture: z.unknown().optional() });
const CrashBody = z.object({ system: z.string().min(1) });
const DisconnectBody = z.object({ ms: z.number().int().nonnegative().max(600_000) });

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch (e) {
        reject(new HttpError(400, `body is not valid JSON: ${(e as Error).message}`));
      }
    });
    req.on('error', reject);
  });
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, describeIssues(r.error));
  return r.data;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function route(service: SimService, req: IncomingMessage): Promise<unknown> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const at = `${req.method} ${url.pathname}`;
  switch (at) {
    case 'GET /health':
      return service.health();
    case 'GET /systems':
      return service.systems();
    case 'GET /clients':
      return service.clientsSummary();
    case 'GET /calls': {
      const c = url.searchParams.get('client');
      if (c !== null && !/^\d+$/.test(c)) throw new HttpError(400, 'client must be a client id');
      return service.calls.list(c === null ? undefined : Number(c));
    }
    case 'GET /faults':
      return service.faults.snapshot();
    case 'POST /reset': {
      const body = parse(ResetBody, await readBody(req));
      const fixture = body.fixture === undefined ? undefined : parseOrBadRequest(body.fixture);
      service.reset(fixture);
      return { ok: true };
    }
    case 'POST /seed': {
      const fixture = parseOrBadRequest(await readBody(req));
      try {
        service.seed(fixture);
      } catch (e) {
        throw new HttpError(409, (e as Error).message);
      }
      return { ok: true };
    }
    case 'POST /faults': {
      const spec = parse(FaultSpecSchema, await readBody(req));
      service.applyFaults(spec as Parameters<typeof service.faults.apply>[0]);
      return service.faults.snapshot();
    }
    case 'DELETE /faults':
      service.clearFaults();
      return { ok: true };
    case 'POST /crash': {
      const body = parse(CrashBody, await readBody(req));
      try {
        service.crash(body.system);
      } catch (e) {
        throw new HttpError(service.engine.systems.find(body.system) ? 409 : 404, (e as Error).message);
      }
      return { ok: true };
    }
    case 'POST /disconnect': {
      const body = parse(DisconnectBody, await readBody(req));
      service.disconnect(body.ms);
      return { ok: true };
    }
    default:
      throw new HttpError(404, `no route ${at}`);
  }
}

function parseOrBadRequest(value: unknown) {
  try {
    return parseFixture(value);
  } catch (e) {
    throw new HttpError(400, (e as Error).message);
  }
}

export class ControlServer {
  private server: Server | null = null;

  constructor(
    private readonly service: SimService,
    private readonly path: string,
    private readonly log: (message: string) => void,
  ) {}

  async start(): Promise<void> {
    await claimSocketPath(this.path);
    const server = createServer((req, res) => {
      route(this.service, req).then(
        (body) => send(res, 200, body),
        (e: unknown) => {
          if (e instanceof HttpError) return send(res, e.status, { error: e.message });
          this.log(`control ${req.method} ${req.url} failed: ${(e as Error).stack ?? String(e)}`);
          send(res, 500, { error: (e as Error).message });
        },
      );
    });
    await listenPrivately(server, this.path);
    server.on('error', (e) => this.log(`control listener error: ${e.message}`));
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    removeSocketFile(this.path);
  }
}
