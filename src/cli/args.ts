/**
 * hcsctl's command line: a command word, then its own options and operands. Pure parsing, no I/O, so
 * every rule is unit-tested; a UsageError means exit code 2.
 */
import { UsageError } from '../base/index.ts';
import { displaySystemId, systemIdProblem } from '../contract/index.ts';
import { isHcsApiRequest } from '../hcs/index.ts';

export type Command =
  | { name: 'help'; topic?: string }
  | { name: 'list'; json: boolean }
  | { name: 'props'; id: string; v1: string[]; v2: string[] | null; json: boolean }
  | { name: 'create'; id: string; file: string }
  | { name: 'start' | 'pause' | 'resume'; id: string }
  | { name: 'shutdown' | 'terminate' | 'crash'; id: string; wait: boolean }
  | { name: 'service'; json: boolean }
  | { name: 'save'; id: string; optionsFile: string | null }
  | { name: 'modify'; id: string; file: string }
  | {
      name: 'exec';
      id: string;
      tty: boolean;
      cwd: string | null;
      env: Record<string, string>;
      user: string | null;
      command: string[];
    };

/** Splits `args` into options (with the names in `withValue` taking a value) and operands. */
function scan(
  command: string,
  args: string[],
  flags: readonly string[],
  withValue: readonly string[],
  stopAtDoubleDash = false,
): { opts: Map<string, string[]>; operands: string[]; rest: string[] | null } {
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
      if (flags.includes(name)) {
        if (eq > 0) throw new UsageError(`${command}: ${name} takes no value`);
        opts.set(name, [...(opts.get(name) ?? []), '']);
      } else if (withValue.includes(name)) {
        let value: string | undefined;
        if (eq > 0) value = arg.slice(eq + 1);
        else value = args[++i];
        if (value === undefined) throw new UsageError(`${command}: ${name} needs a value`);
        opts.set(name, [...(opts.get(name) ?? []), value]);
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

/** Parses hcsctl's arguments (without `node` and the script). */
export function parseArgs(argv: string[]): Command {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return { name: 'help', ...(args[0] !== undefined && command === 'help' ? { topic: args[0] } : {}) };
  }
  switch (command) {
    case 'list': {
      const { opts, operands } = scan(command, args, ['--json'], []);
      operandsExactly(command, operands, []);
      return { name: 'list', json: opts.has('--json') };
    }
    case 'props': {
      const { opts, operands } = scan(command, args, ['--json'], ['--v1', '--v2']);
      const [id] = operandsExactly(command, operands, ['id']);
      const v2 = opts.get('--v2');
      const v1 = opts.get('--v1');
      if (v1 && v2) throw new UsageError('props: use either --v1 or --v2, not both');
      return {
        name: 'props',
        id: id!,
        v1: (v1 ?? []).flatMap(typeList),
        v2: v2 ? v2.flatMap(typeList) : null,
        json: opts.has('--json'),
      };
    }
    case 'create':
    case 'modify': {
      const { operands } = scan(command, args, [], []);
      const [id, file] = operandsExactly(command, operands, ['id', 'file']);
      return { name: command, id: id!, file: file! };
    }
    case 'start':
    case 'pause':
    case 'resume': {
      const { operands } = scan(command, args, [], []);
      const [id] = operandsExactly(command, operands, ['id']);
      return { name: command, id: id! };
    }
    case 'service': {
      const { opts, operands } = scan(command, args, ['--json'], []);
      operandsExactly(command, operands, []);
      return { name: 'service', json: opts.has('--json') };
    }
    case 'shutdown':
    case 'terminate':
    case 'crash': {
      const { opts, operands } = scan(command, args, ['--wait'], []);
      const [id] = operandsExactly(command, operands, ['id']);
      return { name: command, id: id!, wait: opts.has('--wait') };
    }
    case 'save': {
      const { opts, operands } = scan(command, args, [], ['--options']);
      const [id] = operandsExactly(command, operands, ['id']);
      const files = opts.get('--options');
      if (files && files.length > 1) throw new UsageError('save: --options given more than once');
      return { name: 'save', id: id!, optionsFile: files?.[0] ?? null };
    }
    case 'exec': {
      const { opts, operands, rest } = scan(
        command,
        args,
        ['--tty', '-t'],
        ['--cwd', '--env', '-e', '--user'],
        true,
      );
      if (rest === null)
        throw new UsageError('exec: put the command after --, e.g. hcsctl exec ID -- cmd /c dir');
      const [id] = operandsExactly(command, operands, ['id']);
      if (rest.length === 0) throw new UsageError('exec: no command after --');
      const env: Record<string, string> = {};
      for (const kv of [...(opts.get('--env') ?? []), ...(opts.get('-e') ?? [])]) {
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new UsageError(`exec: --env takes NAME=VALUE, not '${kv}'`);
        env[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
      const cwd = opts.get('--cwd');
      const user = opts.get('--user');
      return {
        name: 'exec',
        id: id!,
        tty: opts.has('--tty') || opts.has('-t'),
        cwd: cwd ? cwd[cwd.length - 1]! : null,
        env,
        user: user ? user[user.length - 1]! : null,
        command: rest,
      };
    }
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
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
