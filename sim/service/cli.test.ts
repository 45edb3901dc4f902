import { describe, expect, it } from 'vitest';
import { parseCli } from './cli.ts';

describe('parseCli', () => {
  it('defaults to the demo fixture and the default socket', () => {
    expect(parseCli([])).toEqual({
      socket: null,
      fixture: 'demo',
      completionDelayMs: null,
      verbose: false,
      exitWithStdin: false,
      help: false,
    });
  });

  it('reads every option, in both --name value and --name=value forms', () => {
    expect(
      parseCli([
        '--socket',
        '/tmp/x.sock',
        '--fixture=test',
        '--completion-delay-ms',
        '5',
        '--verbose',
        '--exit-with-stdin',
      ]),
    ).toMatchObject({
      socket: '/tmp/x.sock',
      fixture: 'test',
      completionDelayMs: 5,
      verbose: true,
      exitWithStdin: true,
    });
    expect(parseCli(['--fixture', 'none']).fixture).toBeNull();
  });

  it('refuses unknown options, missing values and bad numbers', () => {
    expect(() => parseCli(['--bogus'])).toThrow(/unknown option --bogus/);
    expect(() => parseCli(['--socket'])).toThrow(/needs a value/);
    expect(() => parseCli(['--completion-delay-ms', '-3'])).toThrow(/whole number/);
  });
});
