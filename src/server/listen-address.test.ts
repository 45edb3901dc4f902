import { describe, expect, it } from 'vitest';
import {
  boundAddressProblem,
  hostHeaderAllowed,
  isLoopbackAddress,
  isLoopbackHost,
  isWildcardHost,
  normalizeHost,
  serverOrigin,
} from './listen-address.ts';

describe('listen address', () => {
  it('knows loopback in every spelling, and nothing else', () => {
    for (const host of [
      '127.0.0.1',
      '127.255.0.9',
      'localhost',
      'LOCALHOST',
      'app.localhost',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '192.0.2.2',
      '10.0.0.1',
      '128.0.0.1',
      '::2',
      '::ffff:10.0.0.1',
      'localhost.example',
      'hcs.example',
      '127.0.0.1.nip.io',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('knows the wildcards', () => {
    for (const host of ['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0', ''])
      expect(isWildcardHost(host), host).toBe(true);
    for (const host of ['127.0.0.1', '::1', 'hcs.example']) expect(isWildcardHost(host), host).toBe(false);
    expect(normalizeHost(' [fe80::1] ')).toBe('fe80::1');
  });

  it('spells the origin as a browser serialises it', () => {
    expect(serverOrigin('127.0.0.1', 7380, false)).toBe('http://127.0.0.1:7380');
    expect(serverOrigin('::1', 7380, false)).toBe('http://[::1]:7380');
    expect(serverOrigin('[::1]', 7380, true)).toBe('https://[::1]:7380');
    expect(serverOrigin('HCS.Example', 8443, true)).toBe('https://hcs.example:8443');
    expect(serverOrigin('127.0.0.1', 80, false)).toBe('http://127.0.0.1');
    expect(serverOrigin('hcs.example', 443, true)).toBe('https://hcs.example');
  });

  it('accepts only the Host header that names this server (DNS rebinding)', () => {
    const origin = 'http://127.0.0.1:7380';
    expect(hostHeaderAllowed('127.0.0.1:7380', origin)).toBe(true);
    for (const host of [
      undefined,
      '',
      'evil.example:7380',
      'localhost:7380',
      '127.0.0.1',
      '127.0.0.1:7381',
      '127.0.0.1:7380.evil.example',
      'user@127.0.0.1:7380',
    ]) {
      expect(hostHeaderAllowed(host, origin), String(host)).toBe(false);
    }
    expect(hostHeaderAllowed('HCS.example', 'https://hcs.example')).toBe(true);
    expect(hostHeaderAllowed('hcs.example:443', 'https://hcs.example')).toBe(false);
    expect(hostHeaderAllowed('[::1]:7380', 'http://[::1]:7380')).toBe(true);
  });

  it('judges the bound address, never a name: loopback, or anything with TLS', () => {
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1'])
      expect(boundAddressProblem('app.localhost', address, false), address).toBeNull();
    for (const address of ['0.0.0.0', '::', '10.0.0.1', '192.0.2.2', '::ffff:10.0.0.1'])
      expect(boundAddressProblem('app.localhost', address, false), address).toMatch(
        `--host app.localhost resolved to ${address}, which is not a loopback address`,
      );
    expect(boundAddressProblem('hcs.example', '192.0.2.2', true)).toBeNull();
    expect(isLoopbackAddress('localhost')).toBe(false);
    expect(isLoopbackAddress('app.localhost')).toBe(false);
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
  });
});
