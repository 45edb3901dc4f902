/** hcsctl's help text, from the command table (spec.ts). */
import { COMMANDS, commandSpec, type CommandSpec } from './spec.ts';

const WIDTH = 110;
const COLUMN = 40;

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function commandLines(c: CommandSpec): string {
  const head = `  ${c.name} ${c.synopsis}`.trimEnd();
  const body = wrap(c.summary, WIDTH - COLUMN);
  const indent = ' '.repeat(COLUMN);
  if (head.length < COLUMN - 1) {
    return [head.padEnd(COLUMN) + body[0], ...body.slice(1).map((l) => indent + l)].join('\n');
  }
  return [head, ...body.map((l) => indent + l)].join('\n');
}

export const USAGE = `usage: hcsctl [--api auto|v1|v2] COMMAND [ARGS]

Drive the compute systems of the Windows Host Compute Service (or its simulator), like hcsdiag.

commands:
${COMMANDS.map(commandLines).join('\n')}

--api chooses the HCS API: v1 (vmcompute.dll), v2 (computecore.dll) or auto (the default: V2 where
computecore.dll has every export hcsctl needs, else V1); HCS_DESKTOP_HCS_API says the same.

--json prints a command's answer as one JSON document (events and stats: one JSON object a line); the
shapes are documented in docs/hcsctl.md and stay stable.
Exit codes: 0 success; 1 an error (HCS's message, HRESULT and error events on stderr); 2 a usage error;
exec: the process's own exit code; wait: 124 when --timeout ran out. events and stats end on Ctrl+C with 0.
Environment: HCS_SIM_SOCKET (the simulator's socket), HCS_VMCOMPUTE_LIBRARY and HCS_COMPUTECORE_LIBRARY
(other simulator libraries), HCS_DESKTOP_HCS_API, HCSSHIM_TIMEOUT_* (hcsshim's timeouts, in seconds).
'hcsctl help COMMAND' shows one command.
`;

/** `hcsctl help COMMAND`: its usage line and what it does. */
export function commandHelp(name: string): string {
  const c = commandSpec(name)!;
  const options = c.options.map((o) => o.names.join(', ')).join('; ');
  return (
    `usage: hcsctl ${c.name} ${c.synopsis}`.trimEnd() +
    '\n\n' +
    wrap(c.summary, WIDTH).join('\n') +
    '\n' +
    (options ? `\noptions: ${options}\n` : '') +
    `\nJSON output and exit codes: docs/hcsctl.md, section "${c.name}".\n`
  );
}
