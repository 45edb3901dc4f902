import { X509Certificate } from 'node:crypto';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import type { DialRequest, DialResult, RemoteDialer, RemoteSocket } from '../app/index.ts';
import type { HostCertificate } from '../contract/index.ts';

/**
 * The app core's connections to other hosts' web-mode servers (src/app/hosts): TCP, TLS, the server's
 * certificate read before anything is sent, then the WebSocket upgrade with the token.
 *
 * Trust is by pin, as SSH trusts host keys: the certificate is not checked against a certificate authority
 * (web mode's certificates are mostly self-signed, made for one host) but its SHA-256 fingerprint is compared
 * with the one the user trusted (`accept`, the core's decision) after the TLS handshake and before a byte of
 * the HTTP request — and so the token — is written. A connection the core declines is closed there.
 */

/** The largest message a host may send us: a list of 10,000 systems is a few MiB. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A graceful close that gets no answer is cut after this long. */
const CLOSE_GRACE_MS = 2000;

/** The certificate as the person deciding whether to trust it reads it (cut to what the contract carries). */
export function describeCertificate(der: Buffer): HostCertificate {
  const x509 = new X509Certificate(der);
  const line = (text: string | undefined, max: number) =>
    (text ?? '').split('\n').filter(Boolean).join(', ').slice(0, max);
  return {
    fingerprint: x509.fingerprint256.toUpperCase(),
    subject: line(x509.subject, 1024),
    issuer: line(x509.issuer, 1024),
    validFrom: x509.validFrom.slice(0, 64),
    validTo: x509.validTo.slice(0, 64),
    altNames: (x509.subjectAltName ?? '').slice(0, 4096),
  };
}

/** 127.0.0.0/8, ::1, and IPv4-mapped 127/8: the address a clear-text connection reached must be one. */
function isLoopbackAddress(address: string | undefined): boolean {
  if (!address || isIP(address) === 0) return false;
  const a = address.toLowerCase();
  return a.startsWith('127.') || a === '::1' || a.startsWith('::ffff:127.');
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException | null;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return 'the connection was refused (nothing listens there, or a firewall says no)';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host cannot be reached from here';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    default:
      return e instanceof Error ? e.message : String(error);
  }
}

/** A TCP connection, and over https its TLS handshake, done; rejects with what went wrong. */
function open(secure: boolean, host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket: Socket | TLSSocket = secure
      ? tlsConnect({
          host,
          port,
          // SNI for a name, never for an address (RFC 6066).
          ...(isIP(host) === 0 ? { servername: host } : {}),
          // The certificate is checked by its pinned fingerprint (above), not by a CA.
          rejectUnauthorized: false,
          minVersion: 'TLSv1.2',
          ALPNProtocols: ['http/1.1'],
        })
      : netConnect({ host, port });
    const fail = (e: unknown) => {
      socket.destroy();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    socket.once('error', fail);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(Object.assign(new Error('the connection timed out'), { code: 'ETIMEDOUT' }));
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function dial(request: DialRequest): Promise<DialResult> {
  const url = new URL(request.origin);
  const secure = url.protocol === 'https:';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = Number(url.port || (secure ? 443 : 80));
  const started = Date.now();
  let socket: Socket | null = null;
  try {
    socket = await withDeadline(open(secure, host, port), request.timeoutMs, () => socket?.destroy());
  } catch (e) {
    return { kind: 'failed', message: describeError(e) };
  }

  let certificate: HostCertificate | null = null;
  if (secure) {
    const der = (socket as TLSSocket).getPeerCertificate(false)?.raw;
    if (!der || der.length === 0) {
      socket.destroy();
      return { kind: 'declined', certificate: null };
    }
    certificate = describeCertificate(der);
  } else if (!isLoopbackAddress(socket.remoteAddress)) {
    // A name or an address that led off this machine: the token must not go there in clear text.
    socket.destroy();
    return {
      kind: 'failed',
      message: `${host} reached ${socket.remoteAddress ?? 'an unknown address'}, which is not loopback: clear text is refused`,
    };
  }
  if (!request.accept(certificate)) {
    socket.destroy();
    return { kind: 'declined', certificate };
  }

  const connected = socket;
  const remaining = Math.max(1, request.timeoutMs - (Date.now() - started));
  const ws = new WebSocket(`${secure ? 'wss' : 'ws'}://${url.host}/ws`, {
    createConnection: () => connected,
    // The token in a header, never in the URL: a URL ends up in logs.
    headers: { Cookie: `hcs_token=${request.token}` },
    // Web mode accepts only its own origin (it defends browsers against other sites).
    origin: request.origin,
    perMessageDeflate: false,
    maxPayload: MAX_MESSAGE_BYTES,
    followRedirects: false,
    handshakeTimeout: remaining,
  });
  return new Promise<DialResult>((resolve) => {
    let settled = false;
    const settle = (result: DialResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    ws.once('unexpected-response', (_req, res) => {
      settle({ kind: 'http', status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', (e) => {
      settle({ kind: 'failed', message: describeError(e) });
      ws.terminate();
    });
    ws.once('open', () => settle({ kind: 'open', socket: wrap(ws, request) }));
  });
}

/** The open socket as the core uses it; its handlers get every message and the one close. */
function wrap(ws: WebSocket, request: DialRequest): RemoteSocket {
  let closedByUs = false;
  ws.on('message', (data, isBinary) => {
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    request.handlers.message(isBinary ? bytes : bytes.toString('utf8'));
  });
  // An error is followed by close: the core hears the close.
  ws.on('error', () => undefined);
  ws.once('close', (code, reason) => {
    if (!closedByUs) request.handlers.closed(code, reason.toString('utf8'));
  });
  return {
    send(text) {
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    close() {
      if (closedByUs) return;
      closedByUs = true;
      ws.close(1000);
      setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
    },
  };
}

/** The dialer the entry points give the app core (AppCoreOptions.hosts). */
export const remoteDialer: RemoteDialer = { dial };
