/**
 * hcsctl, an hcsdiag-like command line over src/hcs. `main(argv)` resolves with the exit code
 * (docs/hcsctl.md#exit-codes): 0; the process's own code for exec; 1 for an error (HCS's message and error
 * events on stderr); 2 for a usage error; 124 when `wait --timeout` ran out. A failing command changes
 * nothing it did not already report.
 */
import { resolve } from 'node:path';
import { chooseHcsApi, type HcsApiChoice, type HcsApiRequest } from '../hcs/index.ts';
import { UsageError } from '../base/index.ts';
import { parseArgs, splitGlobalOptions, type Command } from './args.ts';
import { runSystemCommand } from './commands.ts';
import { completionScript } from './completion.ts';
import { runEvents } from './events.ts';
import { runExec } from './exec.ts';
import { formatError } from './format.ts';
import type { CliIo } from './io.ts';
import { runKill, runPs } from './processes.ts';
import { runService } from './service.ts';
import { runStats } from './stats.ts';
import { commandHelp, USAGE } from './usage.ts';
import { runWait } from './wait.ts';

export async function main(
  argv: string[],
  io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let cmd: Command;
  let requested: HcsApiRequest;
  try {
    const global = splitGlobalOptions(argv);
    requested = apiRequest(global.api);
    cmd = parseArgs(global.rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`hcsctl: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  // The commands that need no HCS.
  if (cmd.name === 'help') {
    io.stdout.write(cmd.topic === undefined ? USAGE : commandHelp(cmd.topic));
    return 0;
  }
  if (cmd.name === 'completion') {
    io.stdout.write(completionScript(cmd.shell));
    return 0;
  }
  try {
    // The user's choice of API and libraries (usage.ts), named to the HCS layer before its first call.
    const choice: HcsApiChoice = await chooseHcsApi(requested, {
      vmcompute: libraryFromEnv('HCS_VMCOMPUTE_LIBRARY'),
      computecore: libraryFromEnv('HCS_COMPUTECORE_LIBRARY'),
    });
    return await run(cmd, io, choice);
  } catch (e) {
    // A usage error only the system could reveal (a POSIX signal for a Windows system): no usage text.
    if (e instanceof UsageError) {
      io.stderr.write(`hcsctl: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(formatError(e));
    return 1;
  }
}

function run(
  cmd: Exclude<Command, { name: 'help' | 'completion' }>,
  io: CliIo,
  choice: HcsApiChoice,
): Promise<number> {
  switch (cmd.name) {
    case 'exec':
      return runExec(cmd, io);
    case 'events':
      return runEvents(cmd, io, choice);
    case 'stats':
      return runStats(cmd, io, choice);
    case 'ps':
      return runPs(cmd, io);
    case 'kill':
      return runKill(cmd, io);
    case 'wait':
      return runWait(cmd, io);
    case 'service':
      return runService(cmd, io, choice);
    default:
      return runSystemCommand(cmd, io);
  }
}

/** `--api`, else HCS_DESKTOP_HCS_API (as the app reads it), else auto. */
function apiRequest(flag: string | undefined): HcsApiRequest {
  const chosen = flag ?? process.env.HCS_DESKTOP_HCS_API;
  if (chosen === undefined || chosen === '') return 'auto';
  // splitGlobalOptions checked the flag; the variable is checked the same way here.
  return splitGlobalOptions(['--api', chosen]).api as HcsApiRequest;
}

function libraryFromEnv(name: string): string | undefined {
  const value = process.env[name];
  return value ? resolve(value) : undefined;
}
