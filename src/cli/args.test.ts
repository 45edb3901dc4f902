import { describe, expect, it } from 'vitest';
import { UsageError } from '../base/index.ts';
import { escapeArg, joinCommandLine, parseArgs, splitGlobalOptions } from './args.ts';

describe('parseArgs', () => {
  it('help in its forms', () => {
    expect(parseArgs([])).toEqual({ name: 'help' });
    expect(parseArgs(['--help'])).toEqual({ name: 'help' });
    expect(parseArgs(['help', 'exec'])).toEqual({ name: 'help', topic: 'exec' });
  });

  it('list and props options', () => {
    expect(parseArgs(['list'])).toEqual({ name: 'list', json: false });
    expect(parseArgs(['list', '--json'])).toEqual({ name: 'list', json: true });
    expect(parseArgs(['props', 'vm1'])).toEqual({ name: 'props', id: 'vm1', v1: [], v2: null, json: false });
    expect(parseArgs(['props', 'vm1', '--v2', 'Statistics,ProcessList', '--json'])).toEqual({
      name: 'props',
      id: 'vm1',
      v1: [],
      v2: ['Statistics', 'ProcessList'],
      json: true,
    });
    expect(parseArgs(['props', '--v1=Statistics', 'vm1'])).toMatchObject({ v1: ['Statistics'], v2: null });
  });

  it('lifecycle commands and their operands', () => {
    expect(parseArgs(['create', 'c1', 'doc.json'])).toEqual({ name: 'create', id: 'c1', file: 'doc.json' });
    expect(parseArgs(['start', 'c1'])).toEqual({ name: 'start', id: 'c1' });
    expect(parseArgs(['terminate', 'c1', '--wait'])).toEqual({ name: 'terminate', id: 'c1', wait: true });
    expect(parseArgs(['save', 'c1', '--options', 'o.json'])).toEqual({
      name: 'save',
      id: 'c1',
      optionsFile: 'o.json',
    });
    expect(parseArgs(['save', 'c1'])).toEqual({ name: 'save', id: 'c1', optionsFile: null });
    expect(parseArgs(['modify', 'c1', '-'])).toEqual({ name: 'modify', id: 'c1', file: '-' });
  });

  it('exec takes options before --, and everything after it as the command', () => {
    expect(
      parseArgs([
        'exec',
        'c1',
        '--tty',
        '--cwd',
        '/w',
        '--env',
        'A=1',
        '-e',
        'B=x=y',
        '--',
        'ls',
        '--tty',
        '-l',
      ]),
    ).toEqual({
      name: 'exec',
      id: 'c1',
      tty: true,
      cwd: '/w',
      env: { A: '1', B: 'x=y' },
      user: null,
      command: ['ls', '--tty', '-l'],
    });
  });

  it('usage errors', () => {
    const bad: string[][] = [
      ['bogus'],
      ['start'],
      ['start', 'a', 'b'],
      ['start', ''],
      ['list', '--frob'],
      ['list', '--json=yes'],
      ['props', 'x', '--v2'],
      ['props', 'x', '--v1', 'A', '--v2', 'B'],
      ['create', 'x'],
      ['save', 'x', '--options', 'a', '--options', 'b'],
      ['exec', 'x', 'ls'],
      ['exec', 'x', '--'],
      ['exec', '--', 'ls'],
      ['exec', 'x', '--env', 'NOEQUALS', '--', 'ls'],
    ];
    for (const argv of bad) expect(() => parseArgs(argv), argv.join(' ')).toThrow(UsageError);
  });
});

describe('command lines (Go syscall.EscapeArg)', () => {
  it('quotes only what needs it, and escapes quotes and the backslashes before them', () => {
    expect(escapeArg('plain')).toBe('plain');
    expect(escapeArg('')).toBe('""');
    expect(escapeArg('a b')).toBe('"a b"');
    expect(escapeArg('C:\\dir\\')).toBe('C:\\dir\\');
    expect(escapeArg('C:\\my dir\\')).toBe('"C:\\my dir\\\\"');
    expect(escapeArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(escapeArg('a\\"b')).toBe('a\\\\\\"b');
  });

  it('one word is a whole command line; several are escaped and joined', () => {
    expect(joinCommandLine(['echo hi; exit 3'])).toBe('echo hi; exit 3');
    expect(joinCommandLine(['cmd', '/c', 'echo a b'])).toBe('cmd /c "echo a b"');
  });
});

describe('the HCS API and its commands', () => {
  it('takes --api before the command, in both spellings, and refuses anything but auto, v1, v2', () => {
    expect(splitGlobalOptions(['--api', 'v2', 'list'])).toEqual({ api: 'v2', rest: ['list'] });
    expect(splitGlobalOptions(['--api=v1', 'service'])).toEqual({ api: 'v1', rest: ['service'] });
    expect(splitGlobalOptions(['list', '--api', 'v2'])).toEqual({
      api: undefined,
      rest: ['list', '--api', 'v2'],
    });
    expect(() => splitGlobalOptions(['--api'])).toThrow('--api needs a value');
    expect(() => splitGlobalOptions(['--api', 'v3', 'list'])).toThrow(UsageError);
  });

  it('parses service and crash', () => {
    expect(parseArgs(['service'])).toEqual({ name: 'service', json: false });
    expect(parseArgs(['service', '--json'])).toEqual({ name: 'service', json: true });
    expect(parseArgs(['crash', 'vm1', '--wait'])).toEqual({ name: 'crash', id: 'vm1', wait: true });
    expect(() => parseArgs(['service', 'extra'])).toThrow(UsageError);
    expect(() => parseArgs(['crash'])).toThrow('crash: expected ID');
  });
});
