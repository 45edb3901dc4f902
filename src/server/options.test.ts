import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../base/index.ts';
import { parseServerArgs } from './options.ts';

describe('server command line', () => {
  it('has the agreed defaults', () => {
    const o = parseServerArgs([], '/repo');
    expect(o).toMatchObject({
      host: '127.0.0.1',
      port: 7380,
      staticDir: '/repo/dist/renderer',
      sourceMaps: false,
    });
    // The user's settings file in their config directory (src/host/settings-file.ts).
    expect(o.settingsFile).toMatch(/hcs-desktop[\\/]settings\.json$/);
    expect(o.token).toMatch(/^[0-9a-f]{64}$/);
    expect(parseServerArgs([], '/repo').token).not.toBe(o.token);
  });

  it('reads every flag, in both spellings', () => {
    const o = parseServerArgs(
      [
        '--host',
        'hcs.example',
        '--port=0',
        '--token',
        'abc',
        '--backend',
        'simulator',
        '--sim-socket',
        '/tmp/s.sock',
        '--sim-fixture',
        'sim/fixtures/demo.json',
        '--poll-ms',
        '500',
        '--static',
        '/srv/r',
        '--tls-cert',
        '/etc/hcs/cert.pem',
        '--tls-key=/etc/hcs/key.pem',
        '--source-maps',
        '--settings-file',
        '/h/u/hcs.json',
        '--hosts-file',
        '/srv/hosts.json',
        '--audit-log=/var/log/hcs-audit.log',
      ],
      '/repo',
    );
    expect(o).toEqual({
      host: 'hcs.example',
      port: 0,
      token: 'abc',
      backend: 'simulator',
      simSocket: '/tmp/s.sock',
      simFixture: 'sim/fixtures/demo.json',
      pollMs: 500,
      staticDir: '/srv/r',
      tlsCert: '/etc/hcs/cert.pem',
      tlsKey: '/etc/hcs/key.pem',
      sourceMaps: true,
      settingsFile: '/h/u/hcs.json',
      hostsFile: '/srv/hosts.json',
      auditLog: '/var/log/hcs-audit.log',
    });
    expect(() => parseServerArgs(['--source-maps=yes'], '/repo')).toThrow('--source-maps takes no value');
  });

  it('listens on loopback by default and anywhere else only with TLS', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]']) {
      expect(parseServerArgs(['--host', host], '/r').host, host).toBe(host.replace(/[[\]]/g, ''));
    }
    for (const host of ['192.0.2.2', 'hcs.example', '10.0.0.1', 'fe80::1']) {
      expect(() => parseServerArgs(['--host', host], '/r'), host).toThrow(
        /reachable from other machines.*--tls-cert FILE --tls-key FILE/,
      );
      expect(parseServerArgs(['--host', host, '--tls-cert', 'c', '--tls-key', 'k'], '/r').host).toBe(host);
    }
  });

  it('refuses wildcard hosts, even with TLS: the Host check needs the name clients use', () => {
    for (const host of ['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0']) {
      expect(
        () => parseServerArgs(['--host', host, '--tls-cert', 'c', '--tls-key', 'k'], '/r'),
        host,
      ).toThrow('would listen on every interface');
    }
  });

  it('takes the TLS files together or not at all, as absolute paths', () => {
    expect(() => parseServerArgs(['--tls-cert', 'c.pem'], '/r')).toThrow(
      '--tls-cert and --tls-key go together',
    );
    expect(() => parseServerArgs(['--tls-key', 'k.pem'], '/r')).toThrow(
      '--tls-cert and --tls-key go together',
    );
    const o = parseServerArgs(['--tls-cert', 'c.pem', '--tls-key', 'k.pem'], '/r');
    expect(o.tlsCert).toBe(resolve('c.pem'));
    expect(o.tlsKey).toBe(resolve('k.pem'));
    expect(parseServerArgs([], '/r')).not.toHaveProperty('tlsCert');
  });

  it('never puts the token in an error message', () => {
    const secret = 'sekrit value';
    let message = '';
    try {
      parseServerArgs(['--token', secret], '/r');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('--token may contain only');
    expect(message).not.toContain('sekrit');
  });

  it('refuses what it does not understand', () => {
    expect(() => parseServerArgs(['--bogus', '1'], '/r')).toThrow(UsageError);
    expect(() => parseServerArgs(['--port'], '/r')).toThrow('--port needs a value');
    expect(() => parseServerArgs(['--port', 'x'], '/r')).toThrow('whole number');
    expect(() => parseServerArgs(['--port', '70000'], '/r')).toThrow('between 0 and 65535');
    expect(() => parseServerArgs(['--poll-ms', '10'], '/r')).toThrow('--poll-ms must be between');
    expect(() => parseServerArgs(['--stats-ms', '10'], '/r')).toThrow('--stats-ms must be between');
    expect(parseServerArgs(['--stats-ms', '2000'], '/r').statsMs).toBe(2000);
    expect(() => parseServerArgs(['--token', 'a b'], '/r')).toThrow('--token may contain only');
  });

  it('reads the token of an unattended server from a file only its user can read, never echoing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcs-token-file-'));
    try {
      const file = join(dir, 'token');
      writeFileSync(file, 'unattended-token\n', { mode: 0o600 });
      const o = parseServerArgs(['--token-file', file], '/r');
      expect(o.token).toBe('unattended-token');
      expect(o.tokenFile).toBe(file);
      expect(() => parseServerArgs(['--token-file', file, '--token', 'x'], '/r')).toThrow('not both');
      if (process.platform !== 'win32') {
        chmodSync(file, 0o644);
        expect(() => parseServerArgs(['--token-file', file], '/r')).toThrow('can be read by others');
        chmodSync(file, 0o600);
      }
      writeFileSync(file, 'not a token with spaces\n', { mode: 0o600 });
      let message = '';
      try {
        parseServerArgs(['--token-file', file], '/r');
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain('does not hold a token');
      expect(message).not.toContain('spaces');
      expect(() => parseServerArgs(['--token-file', join(dir, 'missing')], '/r')).toThrow('ENOENT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
