import { describe, expect, it } from 'vitest';
import { HR } from './hresult.ts';
import {
  parseProcessModify,
  parseProcessParameters,
  parseSignalOptions,
  shellQuote,
  SIGNALS,
  type ProcessSpec,
} from './process-spec.ts';

function spec(doc: unknown): ProcessSpec {
  const r = parseProcessParameters(JSON.stringify(doc));
  if (!r.ok) throw new Error(r.message);
  return r.spec;
}

describe('process parameters', () => {
  it('reads a schema1 ProcessConfig with pipes', () => {
    expect(
      spec({
        CommandLine: 'echo hi',
        WorkingDirectory: '/tmp',
        Environment: { A: '1', N: 2 },
        CreateStdInPipe: true,
        CreateStdOutPipe: true,
        CreateStdErrPipe: true,
        ConsoleSize: [0, 0],
      }),
    ).toEqual({
      commandLine: 'echo hi',
      environment: { A: '1', N: '2' },
      workingDirectory: '/tmp',
      stdin: true,
      stdout: true,
      stderr: true,
      console: false,
      rows: 24,
      cols: 80,
      user: null,
    });
  });

  it('gives an emulated console no stderr and takes ConsoleSize as [height, width]', () => {
    const s = spec({
      CommandLine: 'sh',
      EmulateConsole: true,
      CreateStdInPipe: true,
      CreateStdOutPipe: true,
      CreateStdErrPipe: true,
      ConsoleSize: [40, 120],
    });
    expect(s).toMatchObject({ console: true, stdin: true, stdout: true, stderr: false, rows: 40, cols: 120 });
  });

  it('joins CommandArgs with shell quoting, and reads the LCOW OciProcess form', () => {
    expect(spec({ CommandArgs: ['printf', '%s\\n', "it's here", ''] }).commandLine).toBe(
      `printf '%s\\n' 'it'\\''s here' ''`,
    );
    const lcow = spec({
      CreateStdOutPipe: true,
      OciProcess: {
        args: ['ls', '-l'],
        cwd: '/var',
        env: ['X=1', 'PATH=/bin'],
        terminal: true,
        consoleSize: { height: 30, width: 100 },
      },
    });
    expect(lcow).toMatchObject({
      commandLine: 'ls -l',
      workingDirectory: '/var',
      environment: { X: '1', PATH: '/bin' },
      console: true,
      rows: 30,
      cols: 100,
    });
  });

  it('refuses parameters without a command, and text that is not JSON', () => {
    expect(parseProcessParameters('{"CreateStdOutPipe":true}')).toMatchObject({
      ok: false,
      hr: HR.E_INVALIDARG,
    });
    expect(parseProcessParameters('{"CommandLine":')).toMatchObject({
      ok: false,
      hr: HR.INVALID_JSON,
      message: expect.stringMatching(/line 1/),
    });
    expect(parseProcessParameters(null)).toMatchObject({ ok: false, hr: HR.E_INVALIDARG });
  });
});

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('/usr/bin/env')).toBe('/usr/bin/env');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
  });
});

describe('signal options', () => {
  it('maps the WCOW Ctrl signals and LCOW numbers', () => {
    const sig = (text: string) => parseSignalOptions(text);
    expect(sig('{"Signal":"CtrlC"}')).toEqual({ ok: true, signal: SIGNALS.SIGINT });
    expect(sig('{"Signal":"ctrlbreak"}')).toEqual({ ok: true, signal: SIGNALS.SIGQUIT });
    expect(sig('{"Signal":"CtrlShutdown"}')).toEqual({ ok: true, signal: SIGNALS.SIGTERM });
    expect(sig('{"Signal":"CtrlClose"}')).toEqual({ ok: true, signal: SIGNALS.SIGTERM });
    expect(sig('{"Signal":"CtrlLogOff"}')).toEqual({ ok: true, signal: SIGNALS.SIGTERM });
    expect(sig('{"Signal":9}')).toEqual({ ok: true, signal: 9 });
    expect(sig('{"Signal":"CtrlZ"}')).toMatchObject({ ok: false, hr: HR.E_INVALIDARG });
    expect(sig('{"Signal":0}')).toMatchObject({ ok: false });
  });
});

describe('process modify requests', () => {
  it('reads ConsoleSize and CloseHandle', () => {
    expect(parseProcessModify('{"Operation":"ConsoleSize","ConsoleSize":{"Height":50,"Width":132}}')).toEqual(
      {
        ok: true,
        request: { operation: 'ConsoleSize', rows: 50, cols: 132 },
      },
    );
    expect(parseProcessModify('{"Operation":"CloseHandle","CloseHandle":{"Handle":"StdIn"}}')).toEqual({
      ok: true,
      request: { operation: 'CloseHandle', handle: 'StdIn' },
    });
  });

  it('refuses unknown operations and bad sizes', () => {
    expect(parseProcessModify('{"Operation":"Explode"}')).toMatchObject({ ok: false, hr: HR.E_INVALIDARG });
    expect(
      parseProcessModify('{"Operation":"ConsoleSize","ConsoleSize":{"Height":0,"Width":10}}'),
    ).toMatchObject({ ok: false });
    expect(
      parseProcessModify('{"Operation":"CloseHandle","CloseHandle":{"Handle":"StdOops"}}'),
    ).toMatchObject({ ok: false });
  });
});
