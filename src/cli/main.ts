/**
 * hcsctl, an hcsdiag-like command line over src/hcs. `main(argv)` resolves with the exit code: 0, the
 * process's own code for exec, 1 for an error (HCS's message and error events on stderr), 2 for a usage
 * error. A failing command changes nothing it did not already report.
 */
import { resolve } from 'node:path';
import { useVmcomputeLibrary } from '../hcs/index.ts';
import { UsageError } from '../base/index.ts';
import { parseArgs } from './args.ts';
import { runCommand, type CliIo } from './commands.ts';
import { runExec } from './exec.ts';
import { formatError } from './format.ts';
import { USAGE } from './usage.ts';

export async function main(
  argv: string[],
  io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let cmd;
  try {
    cmd = parseArgs(argv);
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
    // The user's choice of library (usage.ts), named to the HCS layer before its first call.
    const library = process.env.HCS_VMCOMPUTE_LIBRARY;
    if (library) useVmcomputeLibrary(resolve(library));
    return cmd.name === 'exec' ? await runExec(cmd, io) : await runCommand(cmd, io);
  } catch (e) {
    io.stderr.write(formatError(e));
    return 1;
  }
}
