import { describe, expect, it } from 'vitest';
import { UsageError } from '../base/index.ts';
import { escapeArg, joinCommandLine, parseArgs, parseSignal, splitGlobalOptions } from './args.ts';

describe('parseArgs', () => {
  it('help in its forms', () => {
    expect(parseArgs([])).toEqual({ name: 'help' });
    expect(parseArgs(['--help'])).toEqual({ name: 'help' });
    expect(parseArgs(['help', 'exec'])).toEqual({ name: 'help', topic: 'exec' });
  });

  it('list and props options', () => {
    expect(parseArgs(['list'])).toEqual({ name: 'list', json: false, quiet: false });
    expect(parseArgs(['list', '--json'])).toEqual({ name: 'list', json: true, quiet: false });
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
    expect(parseArgs(['create', 'c1', 'doc.json'])).toEqual({
      name: 'create',
      id: 'c1',
      file: 'doc.json',
      json: false,
    });
    expect(parseArgs(['start', 'c1'])).toEqual({ name: 'start', id: 'c1', json: false });
    expect(parseArgs(['terminate', 'c1', '--wait'])).toEqual({
      name: 'terminate',
      id: 'c1',
      wait: true,
      json: false,
    });
    expect(parseArgs(['save', 'c1', '--options', 'o.json'])).toEqual({
      name: 'save',
      id: 'c1',
      optionsFile: 'o.json',
      json: false,
    });
    expect(parseArgs(['save', 'c1'])).toEqual({ name: 'save', id: 'c1', optionsFile: null, json: false });
    expect(parseArgs(['modify', 'c1', '-'])).toEqual({ name: 'modify', id: 'c1', file: '-', json: false });
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
    expect(parseArgs(['crash', 'vm1', '--wait'])).toEqual({
      name: 'crash',
      id: 'vm1',
      wait: true,
      json: false,
    });
    expect(() => parseArgs(['service', 'extra'])).toThrow(UsageError);
    expect(() => parseArgs(['crash'])).toThrow('crash: expected ID');
  });
});

describe('the commands that follow, list and act on processes', () => {
  it('list --quiet, and --json on every lifecycle command', () => {
    expect(parseArgs(['list', '-q'])).toEqual({ name: 'list', json: false, quiet: true });
    expect(parseArgs(['list', '--quiet', '--json'])).toEqual({ name: 'list', json: true, quiet: true });
    for (const name of ['start', 'pause', 'resume'] as const)
      expect(parseArgs([name, 'c1', '--json'])).toEqual({ name, id: 'c1', json: true });
    expect(parseArgs(['shutdown', 'c1', '--wait', '--json'])).toMatchObject({ wait: true, json: true });
    expect(parseArgs(['create', 'c1', 'f', '--json'])).toMatchObject({ json: true });
  });

  it('wait, with a timeout in seconds', () => {
    expect(parseArgs(['wait', 'c1'])).toEqual({ name: 'wait', id: 'c1', timeoutMs: null, json: false });
    expect(parseArgs(['wait', 'c1', '--timeout', '2.5', '--json'])).toEqual({
      name: 'wait',
      id: 'c1',
      timeoutMs: 2500,
      json: true,
    });
    expect(parseArgs(['wait', 'c1', '--timeout=0.0001'])).toMatchObject({ timeoutMs: 1 });
    for (const bad of ['0', '-1', 'soon', '', 'Infinity'])
      expect(() => parseArgs(['wait', 'c1', '--timeout', bad]), bad).toThrow(UsageError);
  });

  it('ps and kill, with the signal checked and spelled one way', () => {
    expect(parseArgs(['ps', 'c1', '--json'])).toEqual({ name: 'ps', id: 'c1', json: true });
    expect(parseArgs(['kill', 'c1', '42'])).toEqual({
      name: 'kill',
      id: 'c1',
      pid: 42,
      signal: null,
      json: false,
    });
    expect(parseArgs(['kill', 'c1', '42', '-s', 'ctrlbreak'])).toMatchObject({
      signal: { kind: 'console', name: 'CtrlBreak' },
    });
    expect(parseSignal('term')).toEqual({ kind: 'posix', name: 'SIGTERM', number: 15 });
    expect(parseSignal('SIGKILL')).toEqual({ kind: 'posix', name: 'SIGKILL', number: 9 });
    expect(parseSignal('9')).toEqual({ kind: 'posix', name: 'SIGKILL', number: 9 });
    expect(parseSignal('34')).toEqual({ kind: 'posix', name: 'signal 34', number: 34 });
    for (const bad of ['0', '65', 'SIGFROB', 'Ctrl', ''])
      expect(() => parseSignal(bad), bad).toThrow(UsageError);
    for (const pid of ['-1', '1.5', 'x', '4294967296', ''])
      expect(() => parseArgs(['kill', 'c1', pid]), pid).toThrow(UsageError);
    expect(parseArgs(['kill', 'c1', '4294967295'])).toMatchObject({ pid: 0xffffffff });
    expect(() => parseArgs(['kill', 'c1'])).toThrow('kill: expected ID PID');
  });

  it('events: systems checked as ids, types as kinds or notification names', () => {
    expect(parseArgs(['events'])).toEqual({ name: 'events', systems: [], types: [], json: false });
    expect(
      parseArgs([
        'events',
        '--system',
        'a',
        '--system=b',
        '--type',
        'STATE',
        '--type',
        'systemexited',
        '--json',
      ]),
    ).toEqual({ name: 'events', systems: ['a', 'b'], types: ['state', 'SystemExited'], json: true });
    expect(() => parseArgs(['events', '--type', 'bogus'])).toThrow(/--type takes notification, state/);
    expect(() => parseArgs(['events', '--system', 'a/b'])).toThrow(UsageError);
    expect(() => parseArgs(['events', 'extra'])).toThrow("events: takes no operands, got 'extra'");
  });

  it('stats: any number of ids, each once; --no-stream', () => {
    expect(parseArgs(['stats'])).toEqual({ name: 'stats', ids: [], stream: true, json: false });
    expect(parseArgs(['stats', 'a', 'b', 'a', '--no-stream', '--json'])).toEqual({
      name: 'stats',
      ids: ['a', 'b'],
      stream: false,
      json: true,
    });
    expect(() => parseArgs(['stats', 'x\u001b[2J'])).toThrow(/control characters/);
  });

  it('completion and help topics', () => {
    expect(parseArgs(['completion', 'zsh'])).toEqual({ name: 'completion', shell: 'zsh' });
    expect(() => parseArgs(['completion', 'fish'])).toThrow(
      'completion: SHELL must be bash, zsh, powershell',
    );
    expect(() => parseArgs(['completion'])).toThrow(UsageError);
    expect(parseArgs(['help', 'stats'])).toEqual({ name: 'help', topic: 'stats' });
    expect(() => parseArgs(['help', 'frobnicate'])).toThrow("help: no command 'frobnicate'");
  });
});
