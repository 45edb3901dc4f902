/**
 * hcsctl's command line: a command word, then its own options and operands. Pure parsing, no I/O, so
 * every rule is unit-tested; a UsageError means exit code 2.
 */
import { UsageError } from '../base/index.ts';
import { displaySystemId, systemIdProblem } from '../contract/index.ts';
import { NotificationType, isHcsApiRequest } from '../hcs/index.ts';
import { COMMANDS, CONSOLE_SIGNALS, EVENT_TYPES, POSIX_SIGNALS, SHELLS, commandSpec } from './spec.ts';

export type Command =
  | { name: 'help'; topic?: string }
  | { name: 'list'; json: boolean; quiet: boolean }
  | { name: 'props'; id: string; v1: string[]; v2: string[] | null; json: boolean }
  | { name: 'create'; id: string; file: string; json: boolean }
  | { name: 'start' | 'pause' | 'resume'; id: string; json: boolean }
  | { name: 'shutdown' | 'terminate' | 'crash'; id: string; wait: boolean; json: boolean }
  | { name: 'service'; json: boolean }
  | { name: 'save'; id: string; optionsFile: string | null; json: boolean }
  | { name: 'modify'; id: string; file: string; json: boolean }
  | { name: 'wait'; id: string; timeoutMs: number | null; json: boolean }
  | { name: 'ps'; id: string; json: boolean }
  | { name: 'kill'; id: string; pid: number; signal: SignalName | null; json: boolean }
  | { name: 'events'; systems: string[]; types: string[]; json: boolean }
  | { name: 'stats'; ids: string[]; stream: boolean; json: boolean }
  | { name: 'completion'; shell: Shell }
  | {
      name: 'exec';
      id: string;
      tty: boolean;
      cwd: string | null;
      env: Record<string, string>;
      user: string | null;
      command: string[];
    };

export type Shell = (typeof SHELLS)[number];

/**
 * A signal as the user named it, checked and spelled one way: a console event (`CtrlC`), a POSIX signal
 * (`SIGTERM`) or a signal number. Which of them a system takes depends on its OS (signals.ts).
 */
export type SignalName =
  | { kind: 'console'; name: (typeof CONSOLE_SIGNALS)[number] }
  | { kind: 'posix'; name: string; number: number };

/**
 * Splits `args` into options and operands by the command's options in spec.ts (a flag, or an option that takes
 * a value); each option is recorded under its first (long) name.
 */
function scan(
  command: string,
  args: string[],
): { opts: Map<string, string[]>; operands: string[]; rest: string[] | null } {
  const spec = commandSpec(command)!;
  const stopAtDoubleDash = spec.command === true;
  const canonical = new Map<string, string>();
  const flags: string[] = [];
  const withValue: string[] = [];
  for (const option of spec.options) {
    for (const name of option.names) {
      canonical.set(name, option.names[0]!);
      (option.value === null ? flags : withValue).push(name);
    }
  }
  const opts = new Map<string, string[]>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      if (stopAtDoubleDash) return { opts, operands, rest: args.slice(i + 1) };
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      const key = canonical.get(name) ?? name;
      if (flags.includes(name)) {
        if (eq > 0) throw new UsageError(`${command}: ${name} takes no value`);
        opts.set(key, [...(opts.get(key) ?? []), '']);
      } else if (withValue.includes(name)) {
        let value: string | undefined;
        if (eq > 0) value = arg.slice(eq + 1);
        else value = args[++i];
        if (value === undefined) throw new UsageError(`${command}: ${name} needs a value`);
        opts.set(key, [...(opts.get(key) ?? []), value]);
      } else {
        throw new UsageError(`${command}: unknown option ${name}`);
      }
      continue;
    }
    operands.push(arg);
  }
  return { opts, operands, rest: null };
}

function operandsExactly(command: string, operands: string[], names: string[]): string[] {
  if (names.length === 0 && operands.length > 0)
    throw new UsageError(`${command}: takes no operands, got '${operands[0]}'`);
  if (operands.length !== names.length) {
    const want = names.map((n) => n.toUpperCase()).join(' ');
    throw new UsageError(
      `${command}: expected ${want}${operands.length > names.length ? `, got extra '${operands[names.length]}'` : ''}`,
    );
  }
  for (const [i, v] of operands.entries()) {
    if (v === '') throw new UsageError(`${command}: ${names[i]!.toUpperCase()} must not be empty`);
    // The same check as every request of the app: what may reach HCS as an id (src/contract/ids.ts).
    const problem = names[i] === 'id' ? systemIdProblem(v) : null;
    if (problem) throw new UsageError(`${command}: ID ${displaySystemId(v)}: ${problem}`);
  }
  return operands;
}

function typeList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The options before the command word, which apply to every command: `--api auto|v1|v2` (which HCS API, as
 * the app's --hcs-api). Returns them and the rest (the command and its own arguments).
 */
export function splitGlobalOptions(argv: string[]): { api: string | undefined; rest: string[] } {
  let api: string | undefined;
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith('--api')) {
    const arg = argv[i]!;
    if (arg === '--api') {
      api = argv[i + 1];
      if (api === undefined || api.startsWith('-'))
        throw new UsageError('--api needs a value: auto, v1 or v2');
      i += 2;
    } else if (arg.startsWith('--api=')) {
      api = arg.slice('--api='.length);
      i += 1;
    } else {
      break;
    }
  }
  if (api !== undefined && !isHcsApiRequest(api)) {
    throw new UsageError(`--api must be auto, v1 (vmcompute.dll) or v2 (computecore.dll), not '${api}'`);
  }
  return { api, rest: argv.slice(i) };
}

/** The last value given for `name`, or null. */
function last(opts: Map<string, string[]>, name: string): string | null {
  const values = opts.get(name);
  return values ? values[values.length - 1]! : null;
}

/** Parses hcsctl's arguments (without `node` and the script). */
export function parseArgs(argv: string[]): Command {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    const topic = command === 'help' ? args[0] : undefined;
    if (topic !== undefined && !commandSpec(topic))
      throw new UsageError(
        `help: no command '${topic}' (commands: ${COMMANDS.map((c) => c.name).join(', ')})`,
      );
    return { name: 'help', ...(topic !== undefined ? { topic } : {}) };
  }
  if (!commandSpec(command)) throw new UsageError(`unknown command '${command}'`);
  const { opts, operands, rest } = scan(command, args);
  const json = opts.has('--json');
  switch (command) {
    case 'list':
      operandsExactly(command, operands, []);
      return { name: 'list', json, quiet: opts.has('--quiet') };
    case 'props': {
      const [id] = operandsExactly(command, operands, ['id']);
      const v2 = opts.get('--v2');
      const v1 = opts.get('--v1');
      if (v1 && v2) throw new UsageError('props: use either --v1 or --v2, not both');
      return {
        name: 'props',
        id: id!,
        v1: (v1 ?? []).flatMap(typeList),
        v2: v2 ? v2.flatMap(typeList) : null,
        json,
      };
    }
    case 'create':
    case 'modify': {
      const [id, file] = operandsExactly(command, operands, ['id', 'file']);
      return { name: command, id: id!, file: file!, json };
    }
    case 'start':
    case 'pause':
    case 'resume':
    case 'ps': {
      const [id] = operandsExactly(command, operands, ['id']);
      return { name: command, id: id!, json };
    }
    case 'service':
      operandsExactly(command, operands, []);
      return { name: 'service', json };
    case 'shutdown':
    case 'terminate':
    case 'crash': {
      const [id] = operandsExactly(command, operands, ['id']);
      return { name: command, id: id!, wait: opts.has('--wait'), json };
    }
    case 'save': {
      const [id] = operandsExactly(command, operands, ['id']);
      const files = opts.get('--options');
      if (files && files.length > 1) throw new UsageError('save: --options given more than once');
      return { name: 'save', id: id!, optionsFile: files?.[0] ?? null, json };
    }
    case 'wait': {
      const [id] = operandsExactly(command, operands, ['id']);
      const timeout = last(opts, '--timeout');
      return { name: 'wait', id: id!, timeoutMs: timeout === null ? null : seconds(timeout), json };
    }
    case 'kill': {
      const [id, pid] = operandsExactly(command, operands, ['id', 'pid']);
      const signal = last(opts, '--signal');
      return {
        name: 'kill',
        id: id!,
        pid: processId(pid!),
        signal: signal === null ? null : parseSignal(signal),
        json,
      };
    }
    case 'events': {
      operandsExactly(command, operands, []);
      const systems = opts.get('--system') ?? [];
      for (const id of systems) checkId(command, '--system', id);
      return { name: 'events', systems, types: (opts.get('--type') ?? []).map(eventType), json };
    }
    case 'stats':
      for (const id of operands) checkId(command, 'ID', id);
      return { name: 'stats', ids: [...new Set(operands)], stream: !opts.has('--no-stream'), json };
    case 'completion': {
      const [shellName] = operandsExactly(command, operands, ['shell']);
      const known = SHELLS.find((s) => s === shellName);
      if (!known) throw new UsageError(`completion: SHELL must be ${SHELLS.join(', ')}, not '${shellName}'`);
      return { name: 'completion', shell: known };
    }
    case 'exec': {
      if (rest === null)
        throw new UsageError('exec: put the command after --, e.g. hcsctl exec ID -- cmd /c dir');
      const [id] = operandsExactly(command, operands, ['id']);
      if (rest.length === 0) throw new UsageError('exec: no command after --');
      const env: Record<string, string> = {};
      for (const kv of opts.get('--env') ?? []) {
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new UsageError(`exec: --env takes NAME=VALUE, not '${kv}'`);
        env[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
      return {
        name: 'exec',
        id: id!,
        tty: opts.has('--tty'),
        cwd: last(opts, '--cwd'),
        env,
        user: last(opts, '--user'),
        command: rest,
      };
    }
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

function checkId(command: string, what: string, id: string): void {
  const problem = systemIdProblem(id);
  if (problem) throw new UsageError(`${command}: ${what} ${displaySystemId(id)}: ${problem}`);
}

/** `--timeout S`: seconds, a number above 0 (fractions allowed), as milliseconds. */
function seconds(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new UsageError(`wait: --timeout takes a number of seconds above 0, not '${text}'`);
  return Math.ceil(value * 1000);
}

/** A process id as HCS takes it: an unsigned 32-bit integer, in decimal. */
function processId(text: string): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff)
    throw new UsageError(`kill: PID must be a process id (a whole number), not '${text}'`);
  return Number(text);
}

/**
 * `--signal`: a console event by name (any case: ctrlc, CtrlC), a POSIX signal with or without SIG (TERM,
 * sigterm), or a signal number (1–64).
 */
export function parseSignal(text: string): SignalName {
  const event = CONSOLE_SIGNALS.find((s) => s.toLowerCase() === text.toLowerCase());
  if (event) return { kind: 'console', name: event };
  if (/^\d{1,2}$/.test(text) && Number(text) >= 1 && Number(text) <= 64) {
    const number = Number(text);
    const name = Object.keys(POSIX_SIGNALS).find((n) => POSIX_SIGNALS[n] === number) ?? `signal ${number}`;
    return { kind: 'posix', name, number };
  }
  const upper = text.toUpperCase();
  const posix = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  const number = POSIX_SIGNALS[posix];
  if (number !== undefined) return { kind: 'posix', name: posix, number };
  throw new UsageError(
    `kill: --signal takes ${CONSOLE_SIGNALS.join(', ')}, ${Object.keys(POSIX_SIGNALS).join(', ')} or a number, not '${text}'`,
  );
}

/** An event type of `events --type`: a kind (EVENT_TYPES) or a notification name, spelled as hcsctl prints it. */
function eventType(text: string): string {
  const lower = text.toLowerCase();
  const kind = EVENT_TYPES.find((t) => t === lower);
  if (kind) return kind;
  const notification = Object.keys(NotificationType).find((n) => n.toLowerCase() === lower);
  if (notification) return notification;
  throw new UsageError(
    `events: --type takes ${EVENT_TYPES.join(', ')} or a notification name such as SystemExited, not '${text}'`,
  );
}

/**
 * Joins arguments into one Windows command line the way Go's syscall.EscapeArg does (what hcsshim uses),
 * so CommandLineToArgvW splits it back into the same arguments. A single argument is taken as a complete
 * command line and passed through untouched.
 */
export function joinCommandLine(args: string[]): string {
  if (args.length === 1) return args[0]!;
  return args.map(escapeArg).join(' ');
}

export function escapeArg(s: string): string {
  if (s === '') return '""';
  const hasSpace = /[ \t]/.test(s);
  if (!hasSpace && !s.includes('"')) return s;
  let out = hasSpace ? '"' : '';
  let slashes = 0;
  for (const c of s) {
    if (c === '\\') slashes++;
    else if (c === '"') {
      // Backslashes before a quote are doubled, and the quote itself is escaped.
      out += '\\'.repeat(slashes + 1);
      slashes = 0;
    } else slashes = 0;
    out += c;
  }
  // Backslashes before the closing quote are doubled so they do not escape it.
  if (hasSpace) out += '\\'.repeat(slashes) + '"';
  return out;
}
