import { describe, expect, it } from 'vitest';
import { UsageError } from '../app/cli-flags.ts';
import { parseServerArgs } from './options.ts';

describe('server command line', () => {
  it('has the agreed defaults', () => {
    const o = parseServerArgs([], '/repo');
    expect(o).toMatchObject({ host: '127.0.0.1', port: 7380, staticDir: '/repo/dist/renderer' });
    expect(o.token).toMatch(/^[0-9a-f]{64}$/);
    expect(parseServerArgs([], '/repo').token).not.toBe(o.token);
  });

  it('reads every flag, in both spellings', () => {
    const o = parseServerArgs(
      [
        '--host',
        '0.0.0.0',
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
      ],
      '/repo',
    );
    expect(o).toEqual({
      host: '0.0.0.0',
      port: 0,
      token: 'abc',
      backend: 'simulator',
      simSocket: '/tmp/s.sock',
      simFixture: 'sim/fixtures/demo.json',
      pollMs: 500,
      staticDir: '/srv/r',
    });
  });

  it('refuses what it does not understand', () => {
    expect(() => parseServerArgs(['--bogus', '1'], '/r')).toThrow(UsageError);
    expect(() => parseServerArgs(['--port'], '/r')).toThrow('--port needs a value');
    expect(() => parseServerArgs(['--port', 'x'], '/r')).toThrow('whole number');
    expect(() => parseServerArgs(['--port', '70000'], '/r')).toThrow('between 0 and 65535');
    expect(() => parseServerArgs(['--poll-ms', '10'], '/r')).toThrow('--poll-ms must be between');
    expect(() => parseServerArgs(['--token', 'a b'], '/r')).toThrow('--token may contain only');
  });
});
