import type { HostCertificate, HostInfo } from '../../src/contract/index.ts';

/** A certificate whose fingerprint is the byte `b` 32 times (AA:AA:… for 0xaa). */
export function certificate(b: number, subject = 'CN=build-3'): HostCertificate {
  const byte = b.toString(16).toUpperCase().padStart(2, '0');
  return {
    fingerprint: Array.from({ length: 32 }, () => byte).join(':'),
    subject,
    issuer: subject,
    validFrom: 'Jan  1 00:00:00 2026 GMT',
    validTo: 'Jan  1 00:00:00 2036 GMT',
    altNames: 'DNS:build-3',
  };
}

/** A remote host as `hosts.list` answers it. */
export function hostInfo(id: string, overrides: Partial<HostInfo> = {}): HostInfo {
  return {
    id,
    name: id,
    origin: `https://${id}:7380`,
    state: 'connected',
    refusal: null,
    reason: null,
    pinned: certificate(0xaa),
    presented: null,
    retryAt: null,
    since: 0,
    service: null,
    tokenStorage: 'file',
    ...overrides,
  };
}
