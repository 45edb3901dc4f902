import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTlsMaterial, TlsConfigError } from './tls.ts';

// The happy path (a real certificate, https and wss) is test/integration/server-tls.test.ts, which makes a
// self-signed certificate with openssl; here, every way the files can be wrong, with the message it gets.
let dir: string;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const CERT_ISH = '-----BEGIN CERTIFICATE-----\nTUlJQg==\n-----END CERTIFICATE-----\n';
const KEY_ISH = '-----BEGIN PRIVATE KEY-----\nTUlJQg==\n-----END PRIVATE KEY-----\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-tls-'));
  mkdirSync(join(dir, 'a-directory'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function failure(cert: string, key: string): string {
  try {
    loadTlsMaterial(cert, key);
  } catch (e) {
    expect(e).toBeInstanceOf(TlsConfigError);
    return (e as Error).message;
  }
  throw new Error('loadTlsMaterial accepted bad files');
}

describe('TLS files', () => {
  it('says which file is missing or unreadable', () => {
    const key = file('key.pem', KEY_ISH);
    const cert = file('cert.pem', CERT_ISH);
    expect(failure(join(dir, 'nope.pem'), key)).toBe(
      `cannot read the TLS certificate ${join(dir, 'nope.pem')} (--tls-cert): the file does not exist`,
    );
    expect(failure(cert, join(dir, 'nope.pem'))).toBe(
      `cannot read the TLS private key ${join(dir, 'nope.pem')} (--tls-key): the file does not exist`,
    );
    expect(failure(join(dir, 'a-directory'), key)).toContain('it is a directory, not a file');
    expect(failure(file('empty.pem', ''), key)).toContain('(--tls-cert) is empty');
  });

  it('refuses files that are not what they claim to be', () => {
    const cert = file('cert.pem', CERT_ISH);
    const key = file('key.pem', KEY_ISH);
    expect(failure(key, key)).toContain('(--tls-cert) is not a PEM certificate');
    expect(failure(cert, cert)).toContain('(--tls-key) is not a PEM private key');
    expect(failure(cert, file('enc.pem', KEY_ISH.replace(/PRIVATE/g, 'ENCRYPTED PRIVATE')))).toContain(
      'is encrypted; give an unencrypted key',
    );
  });

  it('refuses a pair the TLS library cannot use, naming both files', () => {
    const cert = file('cert.pem', CERT_ISH);
    const key = file('key.pem', KEY_ISH);
    expect(failure(cert, key)).toMatch(
      /^the TLS certificate .*cert\.pem and private key .*key\.pem cannot be used together: /,
    );
  });
});
