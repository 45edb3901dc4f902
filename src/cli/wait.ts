/**
 * `hcsctl wait ID [--timeout S]`: blocks until the system exits, then prints its exit type and status. A wait
 * that outlasts --timeout ends with exit code 124 (as timeout(1)), leaving the system as it is.
 */
import type { Command } from './args.ts';
import { ExitWatch, exitJson, exitText } from './exit-watch.ts';
import { withSystem, writeJson, type CliIo } from './io.ts';

/** The exit code of a wait that timed out (docs/hcsctl.md#exit-codes). */
export const WAIT_TIMED_OUT = 124;

export async function runWait(cmd: Extract<Command, { name: 'wait' }>, io: CliIo): Promise<number> {
  return withSystem(cmd.id, async (sys) => {
    const watch = new ExitWatch(sys);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timedOut = new Promise<'timeout'>((resolve) => {
        if (cmd.timeoutMs !== null) timer = setTimeout(() => resolve('timeout'), cmd.timeoutMs);
      });
      const exited = watch.exited();
      // After a timeout the handle is closed under the wait, which then rejects: nobody listens any more.
      exited.catch(() => {});
      const outcome = await Promise.race([exited, timedOut]);
      if (outcome === 'timeout') {
        io.stderr.write(`hcsctl: wait: ${cmd.id} did not exit within ${cmd.timeoutMs! / 1000} s\n`);
        return WAIT_TIMED_OUT;
      }
      if (cmd.json) writeJson(io, { id: cmd.id, ...exitJson(outcome) });
      else io.stdout.write(`${cmd.id}: ${exitText(outcome)}\n`);
      return 0;
    } finally {
      clearTimeout(timer);
      watch.stop();
    }
  });
}
