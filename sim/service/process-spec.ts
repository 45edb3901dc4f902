// The documents of the process ops, read into what the host needs: HcsCreateProcess parameters (schema1
// ProcessConfig, schema2 ProcessParameters, hcsshim's LCOW form with OciProcess), HcsSignalProcess options and
// HcsModifyProcess requests (sim/PROTOCOL.md "Processes").
import { HR } from './hresult.ts';
import { describeJsonError, parseJsonText } from '../../src/base/index.ts';

export interface ProcessSpec {
  /** Run as `/bin/sh -c <commandLine>`. */
  commandLine: string;
  /** Variables added to the minimal environment. */
  environment: Record<string, string>;
  /** null: the service's own working directory. */
  workingDirectory: string | null;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  /** EmulateConsole: a pty whose master is both stdin and stdout; no stderr. */
  console: boolean;
  rows: number;
  cols: number;
  user: string | null;
}

export type SpecError = { ok: false; hr: number; message: string };

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseObject(text: string | null, what: string): { ok: true; value: Obj } | SpecError {
  if (text === null || text.trim() === '')
    return { ok: false, hr: HR.E_INVALIDARG, message: `The ${what} is missing.` };
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return {
      ok: false,
      hr: HR.INVALID_JSON,
      message: `The ${what} is not valid JSON: ${describeJsonError(parsed)}.`,
    };
  }
  if (!isObject(parsed.value))
    return { ok: false, hr: HR.INVALID_JSON, message: `The ${what} must be a JSON object.` };
  return { ok: true, value: parsed.value };
}

/** Quotes one argument for /bin/sh so that joined CommandArgs reach the program exactly as given. */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function bool(o: Obj, key: string): boolean {
  return o[key] === true;
}

function stringArray(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
}

export const DEFAULT_ROWS = 24;
export const DEFAULT_COLS = 80;

function dimension(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 0xffff ? v : fallback;
}

export function parseProcessParameters(text: string | null): { ok: true; spec: ProcessSpec } | SpecError {
  const doc = parseObject(text, 'process parameters');
  if (!doc.ok) return doc;
  const p = doc.value;
  const oci = isObject(p.OciProcess) ? p.OciProcess : null;

  let commandLine = typeof p.CommandLine === 'string' ? p.CommandLine.trim() : '';
  const args = stringArray(p.CommandArgs) ?? (oci ? stringArray(oci.args) : null);
  if (commandLine === '' && args && args.length > 0) commandLine = args.map(shellQuote).join(' ');
  if (commandLine === '' && typeof p.ApplicationName === 'string')
    commandLine = shellQuote(p.ApplicationName);
  if (commandLine === '') {
    return {
      ok: false,
      hr: HR.E_INVALIDARG,
      message: 'The process parameters give no CommandLine or CommandArgs.',
    };
  }

  const environment: Record<string, string> = {};
  if (p.Environment !== undefined && p.Environment !== null) {
    if (!isObject(p.Environment)) {
      return { ok: false, hr: HR.INVALID_JSON, message: 'Environment must be an object of name to value.' };
    }
    for (const [k, v] of Object.entries(p.Environment)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        environment[k] = String(v);
    }
  }
  for (const entry of oci ? (stringArray(oci.env) ?? []) : []) {
    const eq = entry.indexOf('=');
    if (eq > 0) environment[entry.slice(0, eq)] = entry.slice(eq + 1);
  }

  let workingDirectory: string | null = null;
  if (typeof p.WorkingDirectory === 'string' && p.WorkingDirectory !== '')
    workingDirectory = p.WorkingDirectory;
  else if (oci && typeof oci.cwd === 'string' && oci.cwd !== '') workingDirectory = oci.cwd;

  const console = bool(p, 'EmulateConsole') || (oci !== null && oci.terminal === true);
  // ConsoleSize is [height, width] (docs/hcs/schema.md#processparameters); the OCI form is {height, width}.
  let rows = DEFAULT_ROWS;
  let cols = DEFAULT_COLS;
  if (Array.isArray(p.ConsoleSize)) {
    rows = dimension(p.ConsoleSize[0], DEFAULT_ROWS);
    cols = dimension(p.ConsoleSize[1], DEFAULT_COLS);
  } else if (oci && isObject(oci.consoleSize)) {
    rows = dimension(oci.consoleSize.height, DEFAULT_ROWS);
    cols = dimension(oci.consoleSize.width, DEFAULT_COLS);
  }

  return {
    ok: true,
    spec: {
      commandLine,
      environment,
      workingDirectory,
      stdin: bool(p, 'CreateStdInPipe'),
      stdout: bool(p, 'CreateStdOutPipe'),
      // "EmulateConsole: if set, ignore StdErrPipe" (schema2 ProcessParameters).
      stderr: bool(p, 'CreateStdErrPipe') && !console,
      console,
      rows,
      cols,
      user: typeof p.User === 'string' && p.User !== '' ? p.User : null,
    },
  };
}

export const SIGNALS = { SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGCONT: 18, SIGSTOP: 19 } as const;

const CTRL_SIGNALS: Record<string, number> = {
  ctrlc: SIGNALS.SIGINT,
  ctrlbreak: SIGNALS.SIGQUIT,
  ctrlclose: SIGNALS.SIGTERM,
  ctrllogoff: SIGNALS.SIGTERM,
  ctrlshutdown: SIGNALS.SIGTERM,
};

/** `{"Signal":"CtrlC"|…}` (WCOW) or `{"Signal":<int>}` (LCOW) → the POSIX signal to send to the process group. */
export function parseSignalOptions(text: string | null): { ok: true; signal: number } | SpecError {
  const doc = parseObject(text, 'signal options');
  if (!doc.ok) return doc;
  const s = doc.value.Signal;
  if (typeof s === 'number' && Number.isInteger(s) && s >= 1 && s <= 64) return { ok: true, signal: s };
  if (typeof s === 'string') {
    const sig = CTRL_SIGNALS[s.toLowerCase()];
    if (sig !== undefined) return { ok: true, signal: sig };
    if (/^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 64) return { ok: true, signal: Number(s) };
  }
  return {
    ok: false,
    hr: HR.E_INVALIDARG,
    message: `Unknown signal ${JSON.stringify(s)}: expected CtrlC, CtrlBreak, CtrlClose, CtrlLogOff, CtrlShutdown or a signal number.`,
  };
}

export type ProcessModify =
  | { operation: 'ConsoleSize'; rows: number; cols: number }
  | { operation: 'CloseHandle'; handle: 'StdIn' | 'StdOut' | 'StdErr' | 'All' };

/** ProcessModifyRequest: `{"Operation":"ConsoleSize","ConsoleSize":{"Height":h,"Width":w}}` or CloseHandle. */
export function parseProcessModify(text: string | null): { ok: true; request: ProcessModify } | SpecError {
  const doc = parseObject(text, 'process modify request');
  if (!doc.ok) return doc;
  const r = doc.value;
  const op = typeof r.Operation === 'string' ? r.Operation.toLowerCase() : '';
  if (op === 'consolesize') {
    const size = r.ConsoleSize;
    if (!isObject(size))
      return { ok: false, hr: HR.E_INVALIDARG, message: 'ConsoleSize needs {"Height":h,"Width":w}.' };
    const rows = dimension(size.Height, 0);
    const cols = dimension(size.Width, 0);
    if (rows === 0 || cols === 0) {
      return {
        ok: false,
        hr: HR.E_INVALIDARG,
        message: 'ConsoleSize Height and Width must be integers from 1 to 65535.',
      };
    }
    return { ok: true, request: { operation: 'ConsoleSize', rows, cols } };
  }
  if (op === 'closehandle') {
    const h = isObject(r.CloseHandle) && typeof r.CloseHandle.Handle === 'string' ? r.CloseHandle.Handle : '';
    const handle = (['StdIn', 'StdOut', 'StdErr', 'All'] as const).find(
      (k) => k.toLowerCase() === h.toLowerCase(),
    );
    if (!handle) {
      return {
        ok: false,
        hr: HR.E_INVALIDARG,
        message: 'CloseHandle.Handle must be StdIn, StdOut, StdErr or All.',
      };
    }
    return { ok: true, request: { operation: 'CloseHandle', handle } };
  }
  return {
    ok: false,
    hr: HR.E_INVALIDARG,
    message: `Unknown process modify operation ${JSON.stringify(r.Operation)}: expected ConsoleSize or CloseHandle.`,
  };
}
