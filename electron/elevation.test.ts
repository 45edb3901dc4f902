import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../src/app/error-info.ts';
import {
  electronElevation,
  powershellLiteral,
  quoteWindowsArg,
  relaunchCommand,
  windowsRelaunch,
  type SpawnedProcess,
} from './elevation.ts';

/** How the MSVC runtime (CommandLineToArgvW rules) splits a command line: the inverse of quoteWindowsArg. */
function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\') {
      let n = 0;
      while (line[i] === '\\') {
        n++;
        i++;
      }
      if (line[i] === '"') {
        current += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) current += '"';
        else quoted = !quoted;
      } else {
        current += '\\'.repeat(n);
        i--;
      }
      started = true;
    } else if (ch === '"') {
      quoted = !quoted;
      started = true;
    } else if (/\s/.test(ch) && !quoted) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

/** The value of every PowerShell single-quoted literal in a script (quotes undoubled). */
function powershellLiterals(script: string): string[] {
  const out: string[] = [];
  const quote = /['\u2018\u2019\u201a\u201b]/;
  for (let i = 0; i < script.length; i++) {
    if (!quote.test(script[i]!)) continue;
    let value = '';
    for (i++; i < script.length; i++) {
      if (quote.test(script[i]!)) {
        if (quote.test(script[i + 1] ?? '')) {
          value += script[i];
          i++;
        } else break;
      } else value += script[i];
    }
    out.push(value);
  }
  return out;
}

const NASTY = [
  'plain',
  '',
  'two words',
  'C:\\Program Files\\HCS Desktop\\',
  'say "hi"',
  'a\\"b',
  'trailing\\\\',
  '\\\\server\\share\\x y',
  "it's",
  '‘curly’ ‚low‛',
  '$(Start-Process calc)',
  '`n; Remove-Item -Recurse C:\\',
  '& calc.exe | whoami > out',
  '%PATH% !x! ^&',
  '--sim-fixture=C:\\a b\\demo.json',
  'tab\there',
  'new\nline',
  'ünïcødé 🚀',
];

describe('quoting for the Windows command line', () => {
  it('quotes so that the MSVC runtime splits back exactly the same arguments', () => {
    expect(splitWindowsCommandLine(NASTY.map(quoteWindowsArg).join(' '))).toEqual(NASTY);
    expect(quoteWindowsArg('plain')).toBe('plain');
    expect(quoteWindowsArg('a b\\')).toBe('"a b\\\\"');
    expect(quoteWindowsArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(() => quoteWindowsArg('nul\u0000byte')).toThrow('NUL');
  });

  it('makes PowerShell literals nothing inside can escape, typographic quotes included', () => {
    expect(powershellLiteral("it's")).toBe("'it''s'");
    for (const text of NASTY) expect(powershellLiterals(powershellLiteral(text))).toEqual([text]);
  });
});

describe('the relaunch command', () => {
  it('runs System32 PowerShell with the script encoded, every value a literal', () => {
    const exe = "C:\\Program Files\\HCS Desktop\\HCS Desktop's.exe";
    const args = ['--sim-fixture', 'C:\\a b\\x.json', '$(calc)', 'say "hi"'];
    const { command, args: psArgs, script } = relaunchCommand(exe, args, 'C:\\Users\\me', 'D:\\Windows');
    expect(command).toBe('D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(psArgs.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-EncodedCommand']);
    expect(psArgs).toHaveLength(4);
    expect(Buffer.from(psArgs[3]!, 'base64').toString('utf16le')).toBe(script);
    expect(script.startsWith("$ErrorActionPreference = 'Stop'\nStart-Process -FilePath ")).toBe(true);
    expect(script).toMatch(/-Verb RunAs\n$/);
    const [, filePath, argumentList, workingDirectory] = powershellLiterals(script);
    expect(filePath).toBe(exe);
    expect(splitWindowsCommandLine(argumentList!)).toEqual(args);
    expect(workingDirectory).toBe('C:\\Users\\me');
    // Outside the literals, only the fixed words of the script.
    const skeleton = script.replace(/'(?:[^']|'')*'/g, "'…'");
    expect(skeleton).toBe(
      "$ErrorActionPreference = '…'\nStart-Process -FilePath '…' -ArgumentList '…' -WorkingDirectory '…' -Verb RunAs\n",
    );
  });

  it('leaves -ArgumentList out when there are no arguments (PowerShell refuses an empty one)', () => {
    expect(relaunchCommand('C:\\app.exe', [], 'C:\\').script).not.toContain('-ArgumentList');
  });
});

class FakeChild extends EventEmitter implements SpawnedProcess {
  readonly stderr = new EventEmitter();
}

function harness() {
  const children: FakeChild[] = [];
  const spawn = vi.fn((_command: string, _args: readonly string[], _options: unknown) => {
    const child = new FakeChild();
    children.push(child);
    return child;
  });
  const app = {
    releaseSingleInstanceLock: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
  };
  const relaunch = windowsRelaunch({
    app,
    execPath: 'C:\\HCS\\HCS Desktop.exe',
    args: ['--backend', 'vmcompute'],
    cwd: 'C:\\',
    env: { SystemRoot: 'C:\\Windows' },
    spawn,
  });
  return { app, spawn, children, relaunch };
}

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('relaunching', () => {
  it('releases the single-instance lock, starts the elevated instance, then quits', async () => {
    const h = harness();
    const done = h.relaunch();
    expect(h.app.releaseSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(h.spawn).toHaveBeenCalledTimes(1);
    const [command, , options] = h.spawn.mock.calls[0]!;
    expect(command).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(options).toMatchObject({ shell: false, windowsHide: true });
    h.children[0]!.emit('exit', 0);
    await done;
    expect(h.app.quit).not.toHaveBeenCalled(); // the IPC answer goes out first
    await nextTurn();
    expect(h.app.quit).toHaveBeenCalledTimes(1);
    expect(h.app.requestSingleInstanceLock).not.toHaveBeenCalled();
  });

  it('keeps running, takes the lock back and says why when the prompt is declined', async () => {
    const h = harness();
    const done = h.relaunch();
    h.children[0]!.stderr.emit(
      'data',
      Buffer.from(
        'Start-Process : This command cannot be run due to the error: The operation was canceled by the user.\r\nAt line:2\r\n',
      ),
    );
    h.children[0]!.emit('exit', 1);
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).info).toMatchObject({
      message: 'HCS Desktop did not restart as administrator.',
      explanation: expect.stringContaining('The operation was canceled by the user.'),
    });
    expect(h.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    await nextTurn();
    expect(h.app.quit).not.toHaveBeenCalled();
  });

  it('reports a PowerShell that cannot start, once, even if it also exits', async () => {
    const h = harness();
    const done = h.relaunch();
    h.children[0]!.emit('error', new Error('spawn powershell.exe ENOENT'));
    h.children[0]!.emit('exit', null);
    await expect(done).rejects.toMatchObject({ info: { explanation: expect.stringContaining('ENOENT') } });
    expect(h.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
  });

  it('shares one prompt between concurrent requests, and allows another after a failure', async () => {
    const h = harness();
    const a = h.relaunch();
    const b = h.relaunch();
    expect(h.spawn).toHaveBeenCalledTimes(1);
    h.children[0]!.emit('exit', 1);
    await expect(a).rejects.toBeInstanceOf(AppError);
    await expect(b).rejects.toBeInstanceOf(AppError);
    const c = h.relaunch();
    expect(h.spawn).toHaveBeenCalledTimes(2);
    h.children[1]!.emit('exit', 0);
    await expect(c).resolves.toBeUndefined();
  });
});

describe('elevation in the Electron main process', () => {
  const app = {
    releaseSingleInstanceLock: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
  };

  it('can relaunch on Windows', async () => {
    const e = await electronElevation({ app, platform: 'win32', detect: async () => false });
    expect(e.elevated).toBe(false);
    expect(typeof e.relaunch).toBe('function');
  });

  it('refuses elsewhere with the reason, and leaves "elevated" out when unknown', async () => {
    const e = await electronElevation({ app, platform: 'linux', detect: async () => undefined });
    expect(e.relaunch).toBeUndefined();
    expect(e.unavailable).toContain('only on Windows');
    expect(e).not.toHaveProperty('elevated');
  });
});
