/**
 * hcsctl, an hcsdiag-like command line over src/hcs. `main(argv)` resolves with the exit code: 0, the
 * process's own code for exec, 1 for an error (HCS's message and error events on stderr), 2 for a usage
 * error. A failing command changes nothing it did not already report.
 */
import { resolve } from 'node:path';
import { chooseHcsApi, type HcsApiChoice, type HcsApiRequest } from '../hcs/index.ts';
import { UsageError } from '../base/index.ts';
import { parseArgs, splitGlobalOptions } from './args.ts';
import { runCommand, type CliIo } from './commands.ts';
import { runExec } from './exec.ts';
import { formatError } from './format.ts';
import { USAGE } from './usage.ts';

export async function main(
  argv: string[],
  io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let cmd;
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
  if (cmd.name === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  try {
    // The user's choice of API and libraries (usage.ts), named to the HCS layer before its first call.
    const choice: HcsApiChoice = await chooseHcsApi(requested, {
      vmcompute: libraryFromEnv('HCS_VMCOMPUTE_LIBRARY'),
      computecore: libraryFromEnv('HCS_COMPUTECORE_LIBRARY'),
    });
    return cmd.name === 'exec' ? await runExec(cmd, io) : await runCommand(cmd, io, choice);
  } catch (e) {
    io.stderr.write(formatError(e));
    return 1;
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
