// A throwaway self-signed certificate for the tests and benchmarks that serve web mode over TLS (an EC P-256
// key, valid for two days, made by openssl), and whether openssl is here to make one: without it those tests
// skip and say so.
import { spawnSync } from 'node:child_process';

/** Whether `openssl` runs on this machine. */
export const HAVE_OPENSSL = spawnSync('openssl', ['version']).status === 0;

export interface TestCertificateOptions {
  /** Where the certificate (PEM) is written. */
  certPath: string;
  /** Where its unencrypted private key (PEM) is written. */
  keyPath: string;
  /** The subject's common name. */
  commonName: string;
  /** The IP addresses it names (subjectAltName): where the server listens. */
  ipAddresses: readonly string[];
}

/** Writes a self-signed certificate and its key; throws with openssl's own message when it cannot. */
export function makeTestCertificate(o: TestCertificateOptions): void {
  const san = o.ipAddresses.map((ip) => `IP:${ip}`).join(',');
  const r = spawnSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', o.keyPath, '-out', o.certPath, '-days', '2', '-subj', `/CN=${o.commonName}`],
      ...['-addext', `subjectAltName=${san}`],
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl could not make a test certificate: ${r.stderr}`);
}
