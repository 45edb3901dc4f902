import { isIP } from 'node:net';

/**
 * Where the web server listens and how it names itself. The name matters twice: the page's origin (the only
 * Origin a WebSocket upgrade may carry) and the Host header every request must carry, which is what defeats
 * DNS rebinding — a rebound name reaches our address but still says `Host: evil.example`.
 */

/** `[::1]` → `::1`: the flag may be written the way URLs write IPv6 addresses. */
export function normalizeHost(host: string): string {
  const trimmed = host.trim();
  return trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
}

/** An IPv6 address in its canonical compressed form (`0:0:0:0:0:0:0:1` → `::1`, `::ffff:127.0.0.1` → `::ffff:7f00:1`). */
function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** 127.0.0.0/8, ::1 (and IPv4-mapped 127/8) and the name localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = normalizeHost(host).toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) {
    const canonical = canonicalIpv6(h);
    return canonical === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(canonical);
  }
  return false;
}

/** 0.0.0.0 and :: listen on every interface, under names the server cannot know. */
export function isWildcardHost(host: string): boolean {
  const h = normalizeHost(host);
  return h === '' || h === '0.0.0.0' || (isIP(h) === 6 && canonicalIpv6(h) === '::');
}

/**
 * The page's origin exactly as a browser serialises it (lower-case host, IPv6 in brackets, no default port):
 * `http://127.0.0.1:7380`, `https://hcs.example:8443`, `http://[::1]:7380`.
 */
export function serverOrigin(host: string, port: number, secure: boolean): string {
  const h = normalizeHost(host);
  const authority = isIP(h) === 6 ? `[${h}]` : h;
  return new URL(`${secure ? 'https' : 'http'}://${authority}:${port}`).origin;
}

/**
 * Whether a request's Host header names this server: exactly the origin's host (with the port, unless it is
 * the scheme's default, as browsers send it). Compared case-insensitively; anything else — another name for
 * the same address, a missing header — is refused.
 */
export function hostHeaderAllowed(header: string | undefined, origin: string): boolean {
  if (typeof header !== 'string') return false;
  return header.trim().toLowerCase() === new URL(origin).host;
}

/**
 * Why the server must not stay on the address it bound, or null if it may: a name that looked like loopback
 * (`localhost`, `*.localhost`) is only a name, and a resolver (/etc/hosts, DNS, NSS) may map it elsewhere; what
 * counts is the address the socket is bound to. Without TLS it must be loopback.
 */
export function boundAddressProblem(host: string, boundAddress: string, tls: boolean): string | null {
  if (tls || isLoopbackAddress(boundAddress)) return null;
  return `--host ${normalizeHost(host)} resolved to ${boundAddress}, which is not a loopback address: without TLS the token and every request would cross the network in clear text; refusing to serve there (add --tls-cert FILE --tls-key FILE, or use 127.0.0.1)`;
}

/** An IP address (never a name) in 127.0.0.0/8, ::1 or IPv4-mapped 127/8. */
export function isLoopbackAddress(address: string): boolean {
  return isIP(normalizeHost(address)) !== 0 && isLoopbackHost(address);
}

/**
 * Why the server must not listen on `host`, or null if it may: loopback unless told otherwise, anything else
 * only with TLS (the token and every request would otherwise cross the network in clear text), and never a
 * wildcard (the Host check needs the one name clients use).
 */
export function listenHostProblem(host: string, tls: boolean): string | null {
  const h = normalizeHost(host);
  if (isWildcardHost(h)) {
    return `--host ${JSON.stringify(host)} would listen on every interface; give the one address or host name clients use (requests must name it in their Host header)`;
  }
  if (!isLoopbackHost(h) && !tls) {
    return `--host ${h} is reachable from other machines, and without TLS the token and every request would cross the network in clear text: add --tls-cert FILE --tls-key FILE, or keep the default 127.0.0.1`;
  }
  return null;
}
