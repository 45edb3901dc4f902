/**
 * Every hcsctl command once: its operands, its options and what each completes to. The parser (args.ts) takes
 * the options from here, the help (usage.ts) its lines, and the shell completion scripts (completion.ts) all of
 * it, so a new option cannot be known to one and missing from the others. Pure data.
 */
import { schema1, schema2 } from '../hcs/index.ts';

/**
 * What a word completes to: the system ids HCS lists (`hcsctl list --quiet` at completion time), hcsctl's
 * command names, files, directories, one of a fixed list, or nothing (free text such as a pid or a number).
 */
export type Completes = 'id' | 'command' | 'file' | 'dir' | 'none' | { choices: readonly string[] };

export interface OptionSpec {
  /** Spellings, long first: `['--tty', '-t']`. */
  names: readonly string[];
  /** Null for a flag; else what its value completes to. */
  value: Completes | null;
}

export interface CommandSpec {
  name: string;
  /** A few words, shown beside the name where a shell's completion menu has room for them. */
  brief: string;
  /** The usage line after the command word. */
  synopsis: string;
  /** The help text: a sentence or two, wrapped by usage.ts. */
  summary: string;
  options: readonly OptionSpec[];
  /** What each operand completes to, in order; `rest` completes every further operand. */
  operands: readonly Completes[];
  rest?: Completes;
  /** Everything after `--` is the command to run (exec). */
  command?: boolean;
}

const flag = (...names: string[]): OptionSpec => ({ names, value: null });
const opt = (value: Completes, ...names: string[]): OptionSpec => ({ names, value });
const JSON_FLAG = flag('--json');

/** The schema1 and schema2 property types a user can ask `props` for: the HCS layer's lists. */
const V1_TYPES = schema1.PropertyTypes;
const V2_TYPES = schema2.PropertyTypes;

/** The console events HcsSignalProcess takes by name (SignalProcessOptions), and the POSIX signals (Linux). */
export const CONSOLE_SIGNALS = ['CtrlC', 'CtrlBreak', 'CtrlClose', 'CtrlLogOff', 'CtrlShutdown'] as const;
export const POSIX_SIGNALS: Readonly<Record<string, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGTERM: 15,
  SIGCONT: 18,
  SIGSTOP: 19,
};

/** The kinds of `hcsctl events` lines (the TYPE column), after the app core's timeline (src/contract). */
export const EVENT_TYPES = ['notification', 'state', 'exit', 'listed', 'removed', 'service'] as const;

export const SHELLS = ['bash', 'zsh', 'powershell'] as const;

/** The options before the command word. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [opt({ choices: ['auto', 'v1', 'v2'] }, '--api')];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'list',
    brief: 'list every compute system',
    synopsis: '[--json] [--quiet]',
    summary:
      'List every compute system: id, name, type, state, owner, runtime id. --quiet: the ids alone, one a line.',
    options: [JSON_FLAG, flag('--quiet', '-q')],
    operands: [],
  },
  {
    name: 'props',
    brief: "show a system's properties",
    synopsis: 'ID [--v1 TYPE,...|--v2 TYPE,...] [--json]',
    summary:
      "Show a system's properties (the V1 schema by default; --v2 for V2 types such as Statistics,ProcessList,Memory).",
    options: [opt({ choices: V1_TYPES }, '--v1'), opt({ choices: V2_TYPES }, '--v2'), JSON_FLAG],
    operands: ['id'],
  },
  {
    name: 'create',
    brief: 'create a system from a JSON document',
    synopsis: 'ID FILE [--json]',
    summary: "Create (not start) a system from a JSON document ('-' reads standard input).",
    options: [JSON_FLAG],
    operands: ['none', 'file'],
  },
  {
    name: 'start',
    brief: 'start a system',
    synopsis: 'ID [--json]',
    summary: 'Start a system and wait until it runs.',
    options: [JSON_FLAG],
    operands: ['id'],
  },
  {
    name: 'pause',
    brief: 'pause a running system',
    synopsis: 'ID [--json]',
    summary: 'Pause a running system.',
    options: [JSON_FLAG],
    operands: ['id'],
  },
  {
    name: 'resume',
    brief: 'resume a paused system',
    synopsis: 'ID [--json]',
    summary: 'Resume a paused system.',
    options: [JSON_FLAG],
    operands: ['id'],
  },
  {
    name: 'save',
    brief: 'save a paused system',
    synopsis: 'ID [--options FILE] [--json]',
    summary: 'Save a paused system (SaveOptions JSON, e.g. {"SaveType":"ToFile"}).',
    options: [opt('file', '--options'), JSON_FLAG],
    operands: ['id'],
  },
  {
    name: 'modify',
    brief: 'send a modify request',
    synopsis: 'ID FILE [--json]',
    summary: "Send a modify request (a JSON document; '-' reads standard input).",
    options: [JSON_FLAG],
    operands: ['id', 'file'],
  },
  {
    name: 'shutdown',
    brief: 'ask a system to shut down',
    synopsis: 'ID [--wait] [--json]',
    summary:
      'Ask a system to shut down (--wait: until it has stopped; --json then adds its exit type and status).',
    options: [flag('--wait'), JSON_FLAG],
    operands: ['id'],
  },
  {
    name: 'terminate',
    brief: 'terminate a system',
    synopsis: 'ID [--wait] [--json]',
    summary: 'Terminate a system (--wait: until it has stopped; --json then adds its exit type and status).',
    options: [flag('--wait'), JSON_FLAG],
    operands: ['id'],
  },
  {
    name: 'crash',
    brief: "crash a system's guest (V2)",
    synopsis: 'ID [--wait] [--json]',
    summary:
      "Make a system's guest crash (HCS V2 API only; --wait: until it has stopped; --json then adds its exit type and status).",
    options: [flag('--wait'), JSON_FLAG],
    operands: ['id'],
  },
  {
    name: 'wait',
    brief: 'wait until a system exits',
    synopsis: 'ID [--timeout S] [--json]',
    summary:
      'Wait until a system exits, then print its exit type and status. --timeout: give up after S seconds (exit 124).',
    options: [opt('none', '--timeout'), JSON_FLAG],
    operands: ['id'],
  },
  {
    name: 'exec',
    brief: 'run a process in a system',
    synopsis: 'ID [--tty] [--cwd DIR] [--env NAME=VALUE ...] [--user USER] -- COMMAND [ARG...]',
    summary:
      "Run a process in a system with live stdin/stdout/stderr; exits with the process's exit code. --tty gives " +
      'it a console (raw local terminal, resizes forwarded). One COMMAND word is taken as the whole command ' +
      'line; several are quoted and joined.',
    options: [flag('--tty', '-t'), opt('dir', '--cwd'), opt('none', '--env', '-e'), opt('none', '--user')],
    operands: ['id'],
    command: true,
  },
  {
    name: 'ps',
    brief: "list a system's processes",
    synopsis: 'ID [--json]',
    summary:
      "List a system's processes (V2 ProcessList, else V1): pid, image, processor time, memory, start.",
    options: [JSON_FLAG],
    operands: ['id'],
  },
  {
    name: 'kill',
    brief: 'terminate or signal a process',
    synopsis: 'ID PID [--signal NAME] [--json]',
    summary:
      'Terminate a process of a system, or send it a signal: CtrlC, CtrlBreak, CtrlClose, CtrlLogOff, ' +
      'CtrlShutdown (Windows and Linux), or SIGTERM, SIGKILL, … or a number (Linux systems).',
    options: [
      opt({ choices: [...CONSOLE_SIGNALS, ...Object.keys(POSIX_SIGNALS)] }, '--signal', '-s'),
      JSON_FLAG,
    ],
    operands: ['id', 'none'],
  },
  {
    name: 'events',
    brief: 'follow notifications and state changes',
    synopsis: '[--system ID ...] [--type TYPE ...] [--json]',
    summary:
      'Follow every notification and state change of every system, one line each (time, system, type, event, ' +
      'status, detail), until Ctrl+C. TYPE: notification, state, exit, listed, removed, service, or a ' +
      'notification name such as SystemExited.',
    options: [opt('id', '--system'), opt({ choices: EVENT_TYPES }, '--type'), JSON_FLAG],
    operands: [],
  },
  {
    name: 'stats',
    brief: 'live resource use of systems',
    synopsis: '[ID...] [--no-stream] [--json]',
    summary:
      'A live table of processor, memory, storage and network use of every running system (or the ones named), ' +
      'refreshed every second until Ctrl+C. --no-stream: one sample (it takes two readings, about a second).',
    options: [flag('--no-stream'), JSON_FLAG],
    operands: [],
    rest: 'id',
  },
  {
    name: 'service',
    brief: 'the HCS API and service properties',
    synopsis: '[--json]',
    summary:
      "The HCS API in use and the host's service properties: schema versions and, through the V2 API, the other " +
      'property types (processor topology, memory, CPU groups, QoS, …).',
    options: [JSON_FLAG],
    operands: [],
  },
  {
    name: 'completion',
    brief: 'print a shell completion script',
    synopsis: 'bash|zsh|powershell',
    summary:
      'Print a shell completion script (commands, options and system ids); see docs/hcsctl.md to install it.',
    options: [],
    operands: [{ choices: SHELLS }],
  },
  {
    name: 'help',
    brief: 'show help',
    synopsis: '[COMMAND]',
    summary: 'This text, or one command’s.',
    options: [],
    operands: ['command'],
  },
];

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
