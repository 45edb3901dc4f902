import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';

/** The certificate chain and private key the web server serves https (and wss) with, PEM-encoded. */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
}

/** A --tls-cert / --tls-key that cannot be used; the message says which file and why. */
export class TlsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsConfigError';
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  return error instanceof Error ? error.message : String(error);
}

function readPem(what: string, flag: string, path: string): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (e) {
    throw new TlsConfigError(`cannot read the TLS ${what} ${path} (${flag}): ${reason(e)}`);
  }
  if (pem.length === 0) throw new TlsConfigError(`the TLS ${what} ${path} (${flag}) is empty`);
  return pem;
}

/**
 * Read and check the pair before anything starts: each file must be the PEM it claims to be, the key must not
 * need a passphrase (there is nobody to type it), and the key must belong to the certificate.
 */
export function loadTlsMaterial(certPath: string, keyPath: string): TlsMaterial {
  const cert = readPem('certificate', '--tls-cert', certPath);
  const key = readPem('private key', '--tls-key', keyPath);
  const certText = cert.toString('latin1');
  const keyText = key.toString('latin1');
  if (!certText.includes('-----BEGIN CERTIFICATE-----')) {
    throw new TlsConfigError(
      `the TLS certificate ${certPath} (--tls-cert) is not a PEM certificate (no "-----BEGIN CERTIFICATE-----")`,
    );
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyText)) {
    throw new TlsConfigError(
      `the TLS private key ${keyPath} (--tls-key) is not a PEM private key (no "-----BEGIN … PRIVATE KEY-----")`,
    );
  }
  if (keyText.includes('ENCRYPTED')) {
    throw new TlsConfigError(
      `the TLS private key ${keyPath} (--tls-key) is encrypted; give an unencrypted key (the server cannot ask for a passphrase)`,
    );
  }
  try {
    createSecureContext({ cert, key });
  } catch (e) {
    throw new TlsConfigError(
      `the TLS certificate ${certPath} and private key ${keyPath} cannot be used together: ${reason(e)}`,
    );
  }
  return { cert, key };
}

/**
 * SHA-256 of the certificate (the first of the chain), as `openssl x509 -fingerprint -sha256` and HCS Desktop's
 * "trust this host" dialog show it: the ready line prints it so that whoever adds this host can compare.
 */
export function tlsFingerprint(material: TlsMaterial): string {
  return new X509Certificate(material.cert).fingerprint256.toUpperCase();
}
