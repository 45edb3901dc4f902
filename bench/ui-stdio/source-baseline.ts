/**
 * The output's own limit, for `ui-stdio`: the bench's command run in the same simulated system through src/hcs
 * (the layer the app's exec sessions stand on, with the same process document: a console of the terminal's
 * size, or pipes), its output read in this process as fast as it comes and counted — no session, framing,
 * socket or page. What separates it from xterm.js writing bytes it already holds is the process and the way
 * its output leaves it: a console's goes through a pty, whose line discipline turns every LF into CRLF as the
 * process writes and which is read about 4 KB at a time; pipes' leave in 64 KB reads. The app cannot show
 * output faster than it comes, so its rate beside this one is its own cost.
 */
import { processConfigFor } from '../../src/app/exec/process-config.ts';
import { System } from '../../src/hcs/index.ts';
import { nowNs } from '../lib/measure.ts';

export interface SourceRun {
  bytes: number;
  ms: number;
}

/**
 * Runs `command` (which waits for a line on stdin, then writes) in `systemId` and reads its output to the end:
 * timed from the line sent to the last byte read.
 */
export async function readSource(
  systemId: string,
  command: string,
  tty: boolean,
  cells: { cols: number; rows: number },
): Promise<SourceRun> {
  const system = await System.open(systemId);
  try {
    // The document the app's exec sessions send for the same request.
    const process = await system.createProcess(
      processConfigFor({ id: systemId, commandLine: command, tty, cols: cells.cols, rows: cells.rows }),
    );
    try {
      const stdout = process.stdout;
      if (!stdout) throw new Error('the source run has no stdout');
      let bytes = 0;
      let lastAt = nowNs();
      const ended = new Promise<void>((done) => {
        stdout.once('end', done);
        stdout.once('close', done);
        // A pty master read after its child is gone fails with EIO: that is how a console's output ends.
        stdout.once('error', () => done());
      });
      stdout.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        lastAt = nowNs();
      });
      process.stderr?.resume();
      const start = nowNs();
      // Enter, as the app's runs press it in the terminal (a console sends CR, the line editor LF).
      process.stdin!.write(tty ? '\r' : '\n');
      await ended;
      await process.wait();
      return { bytes, ms: Number(lastAt - start) / 1e6 };
    } finally {
      await process.close();
    }
  } finally {
    await system.close();
  }
}
