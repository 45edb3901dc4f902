import type { HostCertificate } from '../../contract/index.ts';

/*
 * The seam between the app core and the network. The core speaks the contract to another host's web-mode
 * server over one WebSocket; opening that socket — TCP, TLS, reading the server's certificate before anything
 * is sent, the HTTP upgrade with the token — needs Node's net, tls and a WebSocket client, which the core may
 * not import (it is transport-free). The host layer provides it (src/host/remote-dialer.ts).
 */

/** What the core does with a connection's messages and its end. */
export interface RemoteSocketHandlers {
  /** A text message (JSON: an answer or an event) or a binary one (an exec output frame). */
  message(data: string | Uint8Array): void;
  /** The socket closed (by either side, or the network); called once. */
  closed(code: number, reason: string): void;
}

/** An open WebSocket to a host's web-mode server. */
export interface RemoteSocket {
  send(text: string): void;
  /** Close it; `closed` is not called for a close the core asked for. */
  close(): void;
}

export interface DialRequest {
  /** `https://host:port` (or `http://127.x.x.x:port`). */
  origin: string;
  /** Sent in the upgrade's Cookie header (never in a URL, so it is in no log), once `accept` said yes. */
  token: string;
  /**
   * After the TLS handshake and before a byte of the request is sent: the certificate the server presented
   * (null over http on loopback). Answer false to stop there (nothing is sent).
   */
  accept(certificate: HostCertificate | null): boolean;
  handlers: RemoteSocketHandlers;
  /** How long the whole dial (connect, handshake, upgrade) may take. */
  timeoutMs: number;
}

export type DialResult =
  /** Upgraded: the server accepted the token, the origin and the host name. */
  | { kind: 'open'; socket: RemoteSocket }
  /** `accept` said no: nothing was sent. */
  | { kind: 'declined'; certificate: HostCertificate | null }
  /** The server answered the upgrade with an HTTP status (401: the token; 403: the origin; 421: the name). */
  | { kind: 'http'; status: number }
  /** The network: refused, reset, timed out, no such name, a failed TLS handshake. */
  | { kind: 'failed'; message: string };

/** Opens sockets to other hosts (src/host's `remoteDialer`). */
export interface RemoteDialer {
  dial(request: DialRequest): Promise<DialResult>;
}
